#include "style/plot_colors.hpp"

#include <QPalette>
#include <QWidget>

#include <algorithm>

namespace tendril::app {

QColor mixColors(const QColor& a, const QColor& b, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    const auto channel = [t](int x, int y) { return static_cast<int>(x + (y - x) * t + 0.5); };
    return QColor(channel(a.red(), b.red()), channel(a.green(), b.green()), channel(a.blue(), b.blue()),
                  channel(a.alpha(), b.alpha()));
}

PlotColors PlotColors::of(const QPalette& palette)
{
    PlotColors c;
    c.canvas = palette.color(QPalette::Base);
    c.dark = c.canvas.lightness() < 128;
    c.ink = palette.color(QPalette::Text);
    c.accent = c.dark ? QColor(0x5b, 0x8d, 0xf5) : QColor(0x2f, 0x6f, 0xed);
    // Everything else sits between the canvas and the ink, so one palette change moves it all.
    c.card = c.canvas;
    c.cardBorder = mixColors(c.canvas, c.ink, c.dark ? 0.16 : 0.11);
    c.grid = mixColors(c.canvas, c.ink, c.dark ? 0.09 : 0.06);
    c.axis = mixColors(c.canvas, c.ink, c.dark ? 0.30 : 0.22);
    c.tickText = mixColors(c.canvas, c.ink, c.dark ? 0.66 : 0.72);
    c.faintText = mixColors(c.canvas, c.ink, 0.50);
    c.context = mixColors(c.canvas, c.ink, c.dark ? 0.24 : 0.20);
    c.accentSoft = mixColors(c.canvas, c.accent, c.dark ? 0.28 : 0.11);
    c.neutralSoft = mixColors(c.canvas, c.ink, c.dark ? 0.10 : 0.05);
    c.hoverBackground = mixColors(c.canvas, c.accent, c.dark ? 0.22 : 0.10);
    c.veil = c.canvas;
    c.veil.setAlpha(180);
    c.outline = c.dark ? QColor(0x0c, 0x0e, 0x12) : QColor(0x1d, 0x23, 0x30);
    c.markerCore = c.canvas;
    return c;
}

PlotColors PlotColors::of(const QWidget& widget)
{
    return of(widget.palette());
}

} // namespace tendril::app
