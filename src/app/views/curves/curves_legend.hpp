// The legend of the curves: one row per trial with its colour, id, study and final values. It is a
// list rather than a box inside the plot because two hundred trials must stay readable; hovering a
// row highlights the trial everywhere, like hovering its curve.
#pragma once

#include "views/curves/curve_set.hpp"

#include <QTreeWidget>

#include <optional>

namespace tendril::app::curves {

class CurvesLegend : public QTreeWidget {
    Q_OBJECT

public:
    enum Column { TrialColumn = 0, StudyColumn = 1, FirstMetricColumn = 2 };
    static constexpr int KeyRole = Qt::UserRole + 1;

    explicit CurvesLegend(QWidget* parent = nullptr);

    void setCurves(const CurveSet& curves, const TrialTable& table);
    void setHighlighted(std::optional<TrialKey> key);
    std::optional<TrialKey> highlighted() const { return highlighted_; }
    // The row of a trial, for tests; nullptr when it is not listed.
    QTreeWidgetItem* itemFor(TrialKey key) const;

signals:
    void trialHovered(std::optional<tendril::app::TrialKey> key);

protected:
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void paintHighlight(QTreeWidgetItem* item, bool on);
    // Column widths from the font and a bounded sample of rows (the last column stretches).
    void sizeColumns();

    std::optional<TrialKey> highlighted_;
    std::optional<TrialKey> hovered_;
};

} // namespace tendril::app::curves
