#include "views/control/control_colors.hpp"

#include "style/plot_colors.hpp"
#include "style/state_style.hpp"

#include <QPalette>

namespace tendril::app {

ControlColors ControlColors::of(const QPalette& palette)
{
    const PlotColors plot = PlotColors::of(palette);
    const QColor& canvas = plot.canvas;
    const bool dark = plot.dark;
    // The failed state's red marks problems. As text it needs more contrast than as a border: deeper
    // on white, lighter on the dark canvas.
    const QColor red = stateColor(TrialState::Failed);
    const QColor deepRed(0xb3, 0x26, 0x1e);
    const QColor paleRed(0xf2, 0x8b, 0x82);

    ControlColors c;
    c.dark = dark;
    c.muted = mixColors(canvas, plot.ink, dark ? 0.62 : 0.66);
    c.notApplicable = mixColors(canvas, plot.ink, dark ? 0.30 : 0.33);
    c.barTrack = mixColors(canvas, plot.ink, dark ? 0.16 : 0.11);
    c.issueText = dark ? paleRed : deepRed;
    c.issueBorder = red;
    c.issueField = mixColors(canvas, red, dark ? 0.14 : 0.05);
    c.issueCell = mixColors(canvas, red, dark ? 0.26 : 0.14);
    c.bannerBackground = mixColors(canvas, red, dark ? 0.18 : 0.10);
    c.bannerBorder = mixColors(canvas, red, dark ? 0.55 : 0.40);
    c.bannerText = dark ? paleRed : deepRed.darker(128);
    c.balloonBackground = deepRed;
    c.balloonText = Qt::white;
    return c;
}

} // namespace tendril::app
