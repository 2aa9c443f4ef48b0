// The importance bars over the axes (HyperTendril Fig. 5a-b): a caption saying what was analysed,
// one bar per hyperparameter sized by its fANOVA importance with its spread as a whisker, ordered
// from right to left by importance, each joined by a curve to its axis; and, once a parameter is
// active, a second row with its interaction partners sized by pair importance, joined to theirs.
// Layout and hit-testing are plain geometry; painting takes the layout and a painter.
#pragma once

#include "views/space/importance_bars.hpp"

#include <QFontMetricsF>
#include <QRectF>
#include <QString>

#include <optional>
#include <vector>

class QPainter;

namespace tendril::app {
struct PlotColors;
}

namespace tendril::app::space {

struct StripSlot {
    std::string param;
    QRectF rect;                      // the slot: name, value and bar
    QRectF bar;                       // the full-scale bar track inside it
    double importance = 0.0;
    double std = 0.0;
    bool partner = false;             // second row: a pair with the active parameter
    std::optional<double> axisX;      // where its axis stands, when the axis is shown
};

struct StripLayout {
    QRectF area;      // everything, caption to connectors
    QRectF caption;   // the status line
    std::vector<StripSlot> entries;     // first row, then the partners
    double connectorsEnd = 0.0;       // where the curves reach the axis titles
    double scale = 0.0;               // the importance a full bar stands for
};

// What the strip says when it has no bars, or about the bars it has.
struct StripStatus {
    bool computing = false;
    QString text;  // "fANOVA of val_acc over 218 trials", the engine's note, or an error
};

// The height the strip takes at this font: the caption, a row of bars, a row of partners when a
// parameter is active, and the room for the curves.
double stripHeight(const QFontMetricsF& metrics, bool bars, bool partners);

// Slots across [left, right] at the top of the widget; axes maps a shown parameter's name to the x
// of its axis.
StripLayout layoutStrip(const ImportanceBars& bars, const std::vector<std::pair<std::string, double>>& axes,
                        double left, double right, double top, double axisTitleTop, const QFontMetricsF& metrics);

// The slot under a point, if any.
const StripSlot* slotAt(const StripLayout& layout, QPointF point);

void paintStrip(QPainter& painter, const StripLayout& layout, const ImportanceBars& bars, const StripStatus& status,
                const PlotColors& colors, const std::optional<std::string>& hovered,
                const std::optional<std::string>& focusedPartner);

// The tooltip of a slot.
QString slotTooltip(const StripSlot& slot, const ImportanceBars& bars);

} // namespace tendril::app::space
