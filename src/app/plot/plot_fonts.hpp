// The fonts plots letter their ticks, titles and badges in, derived from the widget's font so they
// follow the user's font and the screen's scale.
#pragma once

#include <QFont>

#include <algorithm>

namespace tendril::app::plot {

// base at pointSize, in weight.
inline QFont sizedFont(const QFont& base, double pointSize, QFont::Weight weight = QFont::Normal)
{
    QFont font = base;
    font.setPointSizeF(pointSize);
    font.setWeight(weight);
    return font;
}

// base at factor times its size, in weight: 0.9 for tick labels that scale with the user's font.
inline QFont scaledFont(const QFont& base, double factor, QFont::Weight weight = QFont::Normal)
{
    return sizedFont(base, base.pointSizeF() * factor, weight);
}

// base made points smaller, never below 7 pt, where tick labels stop being readable.
inline QFont smallerFont(const QFont& base, double points)
{
    QFont font = base;
    font.setPointSizeF(std::max(7.0, base.pointSizeF() - points));
    return font;
}

} // namespace tendril::app::plot
