// The Pareto front of two metrics: the trials no other trial beats on both at once. Widget-free.
#pragma once

#include "tendril/core/types.hpp"

#include <cstddef>
#include <vector>

namespace tendril::app::tradeoff {

// Indexes i (into x and y) with candidate[i] set and both values finite that no other such point
// dominates: another point dominates when it is at least as good on both axes under their
// directions and strictly better on one. Points with equal values do not dominate each other, so
// duplicates on the front are all kept. The result is sorted by x ascending, then y ascending.
// An empty candidate vector means every index is a candidate.
std::vector<std::size_t> paretoFront(const std::vector<double>& x, const std::vector<double>& y, Direction xDirection,
                                     Direction yDirection, const std::vector<char>& candidate = {});

// A corner of the front's step line, in data values.
struct StepPoint {
    double x = 0.0;
    double y = 0.0;
    friend bool operator==(const StepPoint&, const StepPoint&) = default;
};

// The boundary of the region the front dominates, through the front's points (sorted by x as
// paretoFront returns them): between two neighbours it turns at the corner that is worse on both
// axes, so everything on the far side of the line is beaten by some trial of the front.
std::vector<StepPoint> paretoSteps(const std::vector<double>& x, const std::vector<double>& y,
                                   const std::vector<std::size_t>& front, Direction xDirection, Direction yDirection);

} // namespace tendril::app::tradeoff
