// How numbers and parameter values read in tables and labels: short, aligned, never misleading.
#pragma once

#include "tendril/core/value.hpp"

#include <QString>

namespace tendril::app {

// Four significant digits in the usual range (0.8731, 12.35, 797.7), whole numbers as themselves,
// and a short exponent form for the very small and very large (1.2e-4, 3.5e7). NaN reads "NaN".
QString formatCompact(double value);

// A parameter value for display: numbers as formatCompact, booleans and strings as they are.
QString formatValue(const Value& value);

// Every digit, for tooltips and copying: the shortest text that reads back to the same number.
QString formatExact(double value);

} // namespace tendril::app
