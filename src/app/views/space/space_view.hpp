// The search-space overview (HyperTendril 5.3.2, Fig. 5A): parallel coordinates with one axis per
// hyperparameter of the shown studies and the chosen objective last, fANOVA importance bars on
// top, brushing that filters every linked view, and the brushes as numbers that can be sent to
// the control panel's "Refine".
//
// The view talks only to the session: its hub (source name "space") and its ImportanceService.
// Its brush goes to the hub as it is dragged; trials other views filter out, and trials outside
// its own brushes, stay as grey context. "Top k %" is a brush on the objective axis rather than a
// view-only filter: it then narrows every linked view the same way, shows in the brush list as
// numbers like any range, and is moved or removed like one.
//
// Its parts live in tendril::app::space, so their plain names (AxisGeometry, BrushTable) never
// clash with another view's.
#pragma once

#include "session/selection_hub.hpp"
#include "views/space/axis_order.hpp"
#include "views/space/expected_performance.hpp"
#include "views/space/importance_bars.hpp"

#include <QString>
#include <QWidget>

#include <map>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QMenu;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace tendril::app {

class ImportanceService;
class LatestJob;
class ProjectSession;

namespace plot {
class ElidedLabel;
} // namespace plot

namespace space {
class BrushTable;
class ParallelPlot;
class SpaceLegend;
enum class Coloring;
} // namespace space

class SpaceView : public QWidget {
    Q_OBJECT

public:
    // The name this view's brush and actions carry in the hub.
    static inline const QString kSource = QStringLiteral("space");

    explicit SpaceView(ProjectSession& session, QWidget* parent = nullptr);
    ~SpaceView() override;

    space::ParallelPlot* plot() const { return plot_; }
    space::BrushTable* brushTable() const { return brushTable_; }
    space::SpaceLegend* legend() const { return legend_; }
    QComboBox* metricChooser() const { return metric_; }
    QComboBox* coloringChooser() const { return coloring_; }
    QCheckBox* topToggle() const { return top_; }
    QSpinBox* topPercent() const { return topPercent_; }
    QToolButton* axesButton() const { return axesButton_; }
    QPushButton* clearButton() const { return clear_; }
    QPushButton* refineButton() const { return refine_; }

    // The view model behind the drawing, for tests.
    const space::ImportanceBars& importanceBars() const { return bars_; }
    const std::optional<space::ActiveTables>& activeTables() const { return activeTables_; }
    const std::map<std::size_t, space::ExpectedCells>& expectedCells() const { return expected_; }
    const space::AxisOrder& axisOrder() const { return order_; }
    const Brush& brush() const { return brush_; }
    std::optional<std::size_t> metricColumn() const { return metricColumn_; }
    // "230 trials · 40 in the brushes · 12 filtered out by other views"
    QString statusText() const;
    // What the importance caption says.
    QString importanceText() const;

    // Activates a parameter as a click on its bar does; "" deactivates.
    void activateParameter(const QString& param);
    // Replaces the view's brush as if the user had drawn it.
    void setBrush(Brush brush);
    // Runs the event loop until importance, the active parameter's tables and the line layers
    // are up to date (tests, screenshots). False after timeoutMs.
    bool waitUntilSettled(int timeoutMs = 30000);

protected:
    void changeEvent(QEvent* event) override;

private:
    // Table, axes and channels (space_view.cpp).
    void rebuild();
    void fillMetricChooser();
    void metricChosen();
    // The importance analysis's metric by name (its "" is the objective), and following it when
    // the importance view changes it.
    QString serviceMetric() const;
    void followServiceMetric();
    void applyAxes();
    void applyFilter();
    void applySelection();
    void applyHover();
    void setOwnBrush(Brush brush, bool plotHasIt);
    void syncBrushFromHub();
    QString emptyText() const;

    // Status line, legend, buttons, colours and the Axes menu (space_view_chrome.cpp).
    void fillAxesMenu();
    void updateHeader();
    void updateLegend();
    void updateButtons();
    void applyColors();
    Direction direction() const;
    QString metricName() const;

    // Top k %, importance and expected performance (space_view_importance.cpp).
    void applyTopK();
    void topToggled(bool on);
    void syncTopToggle();
    void importanceChanged();
    void updateImportanceStrip();
    void refreshActiveTables();
    void updateExpected();
    void parameterClicked(const QString& param);
    void partnerClicked(const QString& param);

    ProjectSession& session_;
    SelectionHub& hub_;
    ImportanceService& service_;
    LatestJob* tablesJob_;

    QLabel* title_;
    plot::ElidedLabel* subline_;
    QComboBox* metric_;
    QComboBox* coloring_;
    QCheckBox* top_;
    QSpinBox* topPercent_;
    QToolButton* axesButton_;
    QMenu* axesMenu_;
    QPushButton* clear_;
    QPushButton* refine_;
    space::SpaceLegend* legend_;
    space::ParallelPlot* plot_;
    space::BrushTable* brushTable_;

    std::shared_ptr<const TrialTable> table_;
    space::AxisOrder order_;
    bool importanceOrderApplied_ = false;
    std::optional<std::size_t> metricColumn_;
    Brush brush_;
    std::optional<ColumnRange> topRange_;  // the range "Top k %" put on the objective
    bool adjustingTop_ = false;            // the view itself is moving that range

    space::ImportanceBars bars_;
    std::optional<std::string> keepActive_;  // the active parameter across a reload
    std::optional<space::ActiveTables> activeTables_;
    QString tablesError_;
    std::optional<std::string> focusedPartner_;
    std::map<std::size_t, space::ExpectedCells> expected_;
    bool syncing_ = false;
};

} // namespace tendril::app
