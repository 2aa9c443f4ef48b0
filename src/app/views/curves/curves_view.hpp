// The "Model analysis" view (HyperTendril 5.3.3): learning curves of the trials selected anywhere,
// for one or several metrics, with smoothing, log scale, steps or wall time, zoom and pan.
//
// It shows the hub's selection; with nothing selected, the best few trials by the objective among
// those passing the filters stand in (and the header says so), so a loaded project never shows an
// empty plot. Hovering a curve or a legend row hovers the trial in the hub; a hover from another
// view highlights the trial's curve here.
#pragma once

#include "views/curves/curve_set.hpp"

#include <QStringList>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QSlider;
class QSplitter;
class QStackedWidget;
class QToolButton;

namespace tendril::app {

namespace plot {
class ElidedLabel;
} // namespace plot

namespace curves {
class CurvesLegend;
class CurvesPlot;
} // namespace curves

class ProjectSession;

class CurvesView : public QWidget {
    Q_OBJECT

public:
    // The name the view uses on the hub's channels.
    static QString hubSource() { return QStringLiteral("curves"); }
    // How many best trials stand in for an empty selection.
    static constexpr std::size_t kFallbackTrials = 5;
    static constexpr int kMaxSmoothing = 50;

    explicit CurvesView(ProjectSession& session, QWidget* parent = nullptr);
    ~CurvesView() override;

    // What is drawn now (an empty set before a project is loaded).
    const curves::CurveSet& curveSet() const { return *curves_; }

    // The metrics checked in the metric list, in its order; setCheckedMetrics ignores unknown names.
    QStringList checkedMetrics() const;
    void setCheckedMetrics(const QStringList& names);
    QStringList availableMetrics() const;

    curves::CurvesPlot* plot() const { return plot_; }
    curves::CurvesLegend* legend() const { return legend_; }
    QSlider* smoothingSlider() const { return smoothing_; }
    QComboBox* xAxisBox() const { return xAxis_; }
    QCheckBox* logBox() const { return logY_; }
    QListWidget* metricList() const { return metrics_; }
    // In a narrow dock the metric list gives way to this button's menu of the same metrics.
    QToolButton* metricsButton() const { return metricsButton_; }
    // Below this width the sidebar goes under the plot and the metrics into a menu; a narrow view
    // lists the trials under the plot only from kListsTrialsFromHeight of height.
    static constexpr int kNarrowWidth = 720;
    static constexpr int kListsTrialsFromHeight = 480;
    // The header lines and the message shown instead of the plot (empty while the plot shows).
    QString headline() const;
    QString subline() const;
    QString emptyMessage() const;

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // Writes the palette's colours into the style sheets and the legend's rows.
    void applyColors();
    void styleSidebar();
    void onTableChanged();
    void rebuildMetricList();
    void rebuildCurves();
    void showMessage(const QString& text);
    void updateHeader();
    void showHover();
    void fitMetricList();
    // The sidebar beside the plot, under it, or left out, for the view's size.
    void arrangeForSize();
    void fillMetricsMenu();
    curves::CurveXAxis requestedXAxis() const;

    ProjectSession& session_;
    std::shared_ptr<const curves::CurveSet> curves_;
    std::shared_ptr<const TrialTable> curvesTable_;  // the table curves_ was built from
    QStringList chosenMetrics_;  // the user's choice, kept across table reloads

    plot::ElidedLabel* headline_;
    plot::ElidedLabel* subline_;
    QSlider* smoothing_;
    QLabel* smoothingValue_;
    QComboBox* xAxis_;
    QCheckBox* logY_;
    QToolButton* resetZoom_;
    QToolButton* metricsButton_;
    QWidget* header_;
    plot::ElidedLabel* hint_;
    QSplitter* splitter_;
    QStackedWidget* plotPages_;
    QLabel* message_;
    curves::CurvesPlot* plot_;
    QListWidget* metrics_;
    QLabel* metricsTitle_;
    plot::ElidedLabel* legendTitle_;
    curves::CurvesLegend* legend_;
    QWidget* sidebar_;
};

} // namespace tendril::app
