#include "style/labels.hpp"

#include <array>
#include <utility>

namespace tendril::app {

QString algorithmLabel(std::string_view algorithm)
{
    static const std::array<std::pair<std::string_view, const char*>, 9> known = {{
        {"grid", "Grid search"},
        {"random", "Random search"},
        {"tpe", "TPE"},
        {"gp", "Gaussian process"},
        {"hyperband", "Hyperband"},
        {"bohb", "BOHB"},
        {"asha", "ASHA"},
        {"pbt", "PBT"},
        {"manual", "Manual"},
    }};
    for (const auto& [name, label] : known)
        if (name == algorithm)
            return QString::fromLatin1(label);
    return algorithm.empty() ? QStringLiteral("Unknown algorithm") : qstr(algorithm);
}

QString directionArrow(Direction direction)
{
    return direction == Direction::Maximize ? QStringLiteral("↑") : QStringLiteral("↓");
}

QString directionWord(Direction direction)
{
    return qstr(toString(direction));
}

} // namespace tendril::app
