// How the overview words its numbers: counts with thousands separators, bin and brush ranges.
#pragma once

#include "views/overview/brush_geometry.hpp"
#include "views/overview/histogram_bins.hpp"

#include <QString>

#include <cstdint>

namespace tendril::app::overview {

// "1,234": grouped even when the system locale is C, whose numbers are never grouped.
QString formatCount(std::int64_t n);
// "0.8 – 0.82", or "12" for a bin of whole numbers that holds one.
QString binRangeText(const HistogramBins& bins, int bin);
QString rangeText(const plot::ValueRange& range);
// "2 NaN · 1 +∞ · 1 −∞"; "" when nothing was excluded.
QString excludedText(const ExcludedValues& excluded);

} // namespace tendril::app::overview
