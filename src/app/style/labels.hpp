// Words the views use for the model's enumerations.
#pragma once

#include "tendril/core/types.hpp"

#include <QString>

#include <string_view>

namespace tendril::app {

// "tpe" -> "TPE", "random" -> "Random search"; names Tendril does not know are shown as given.
QString algorithmLabel(std::string_view algorithm);
// "↑" for maximize, "↓" for minimize: which way is better.
QString directionArrow(Direction direction);
QString directionWord(Direction direction);

inline QString qstr(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace tendril::app
