// The colours plots paint with, taken from the widget's palette so every plot follows the light or
// dark theme (style/app_style.hpp). Data colours (studies, performance, states) are separate: they
// are chosen to read on both backgrounds.
#pragma once

#include <QColor>

class QPalette;
class QWidget;

namespace tendril::app {

struct PlotColors {
    bool dark = false;
    QColor canvas;       // behind the data
    QColor card;         // a framed panel inside a view (a histogram card)
    QColor cardBorder;
    QColor grid;         // grid lines
    QColor axis;         // axis lines and ticks
    QColor ink;          // titles and values that matter
    QColor tickText;     // tick labels
    QColor faintText;    // notes, units, empty-state text
    QColor context;      // trials filtered out elsewhere: grey, behind everything
    QColor accent;       // brushes, selection rings, the active item
    QColor accentSoft;   // the background of an accent label
    QColor neutralSoft;  // the background of a neutral label
    QColor hoverBackground;
    QColor veil;         // drawn over a plot that is busy or out of date
    QColor outline;      // around markers, so they separate from each other
    QColor markerCore;   // the inside of an open marker (a ring)

    static PlotColors of(const QPalette& palette);
    static PlotColors of(const QWidget& widget);
};

// a moved towards b by t in [0, 1], alpha included.
QColor mixColors(const QColor& a, const QColor& b, double t);

} // namespace tendril::app
