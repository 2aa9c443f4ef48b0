// Moving-average smoothing of learning curves, as the model analysis view draws them.
#pragma once

#include <span>
#include <vector>

namespace tendril::app::curves {

// The moving average of values over a centred window of `window` points: point i averages the
// points from i - (window - 1) / 2 to i + window / 2. A centred window keeps the smoothed curve on
// top of the noise it smooths instead of lagging behind it; near the ends the window shrinks to
// the points that exist, so the first and last points stay defined.
//
// Non-finite values (a diverged loss reports NaN) take no part in any average and stay as they are
// at their own position, so the gap they leave in the drawing survives smoothing. A window of 1
// (or less) returns the values unchanged. O(n * window): the window is a slider of a few dozen
// points, and summing each window afresh keeps every output exact to rounding, whatever the
// magnitudes of its neighbours.
std::vector<double> movingAverage(std::span<const double> values, int window);

} // namespace tendril::app::curves
