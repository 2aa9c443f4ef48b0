// Fewer points that draw the same line: how curves of thousands of points stay fast to paint.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace tendril::app::curves {

// The indices of the points to keep when a line is drawn at a resolution of columnWidth x-units
// per pixel column: of every run of consecutive points that fall into one column, its lowest and
// highest point, plus the very first and last points of the curve. The line through them covers
// the same pixels as the full one within each column, so spikes and dips survive (unlike random
// sampling), at two points per column; the data themselves are left as they are.
//
// Guarantees: indices are strictly increasing (x stays monotone when it was), the first and last
// points are kept, so are the lowest and highest, and at most 2 * runs + 2 indices are kept (runs =
// columns when x is monotone). Columns are floor((x - origin) / columnWidth). y must be finite:
// split a curve at its gaps before downsampling. A non-positive or non-finite columnWidth keeps
// every point.
std::vector<std::size_t> minMaxPerColumn(std::span<const double> x, std::span<const double> y, double origin,
                                         double columnWidth);

} // namespace tendril::app::curves
