// Colours that tell shown studies apart in every view, and the ramp that tells better from worse.
#pragma once

#include <QColor>

#include <cstddef>

namespace tendril::app {

// The colour of the shown study at this position (the hub table's study index). Ten distinct hues
// that stay apart for colour-blind readers and on light and dark backgrounds; they repeat after ten.
QColor studyColor(std::size_t studyIndex);

// Performance as colour: t = 0 for the worst value shown, 1 for the best. A single-hue ramp from a
// pale to a deep green, so "darker is better" reads the same in every view (the paper's encoding).
QColor performanceColor(double t);

} // namespace tendril::app
