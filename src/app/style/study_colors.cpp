#include "style/study_colors.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace tendril::app {

QColor studyColor(std::size_t studyIndex)
{
    // Tableau 10.
    static constexpr std::array<QRgb, 10> kHues = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
                                                   0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};
    return QColor::fromRgb(kHues[studyIndex % kHues.size()]);
}

QColor performanceColor(double t)
{
    if (!std::isfinite(t))
        return QColor(0xc3, 0xc9, 0xd4);
    t = std::clamp(t, 0.0, 1.0);
    const QColor pale(0xd9, 0xf0, 0xd3);
    const QColor deep(0x00, 0x44, 0x1b);
    auto mix = [t](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * t)); };
    return QColor(mix(pale.red(), deep.red()), mix(pale.green(), deep.green()), mix(pale.blue(), deep.blue()));
}

} // namespace tendril::app
