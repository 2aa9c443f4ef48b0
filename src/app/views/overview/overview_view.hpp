// The "Optimization overview" (HyperTendril 5.2): headline numbers for the shown studies and the
// distribution of the objective and of every other metric, as linked histograms.
//
// The view talks only to the session's hub, under the source name "overview": brushing a range on
// a histogram sets the overview's brush (one range per brushed histogram), clicking a bar selects
// its trials. It redraws from the hub's signals: a new table rebuilds the bins, a filter or
// selection change recounts them (O(rows)), a hover change only repaints.
#pragma once

#include "session/selection_hub.hpp"
#include "views/overview/brush_geometry.hpp"
#include "views/overview/histogram_counts.hpp"

#include <QElapsedTimer>
#include <QWidget>

#include <memory>
#include <optional>
#include <set>
#include <vector>

class QLabel;
class QScrollArea;
class QStackedWidget;

namespace tendril::app {

class ProjectSession;

namespace overview {
class HistogramChart;
class HistogramGrid;
class OverviewHeader;
} // namespace overview

class OverviewView : public QWidget {
    Q_OBJECT

public:
    // The name the overview's brush is kept under in the hub.
    static QString sourceName();

    explicit OverviewView(ProjectSession& session, QWidget* parent = nullptr);
    ~OverviewView() override;

    // The histograms in order, objective first.
    const std::vector<overview::HistogramChart*>& charts() const { return charts_; }
    overview::HistogramChart* chart(const QString& metric) const;
    overview::OverviewHeader* header() const { return header_; }
    // True while there is nothing to show (no study shown, loading, no trials); the text says why.
    bool showsPlaceholder() const;
    QString placeholderText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColors();
    void rebuild();
    overview::HistogramChart* makeChart();
    void syncBrushesFromHub();
    void recount();
    void showHovered();
    void updatePlaceholder();

    void editBrush();
    void clearBrushes();
    void selectBin(overview::HistogramChart* chart, int bin, Qt::KeyboardModifiers modifiers);
    void undoClickSelection();
    std::size_t indexOf(const overview::HistogramChart* chart) const;
    Brush ownBrush() const;

    ProjectSession& session_;
    SelectionHub& hub_;
    std::shared_ptr<const TrialTable> table_;
    std::vector<overview::BinnedColumn> binned_;  // one per chart, same order
    std::vector<overview::HistogramChart*> charts_;
    std::vector<char> selectedRows_;
    overview::OverviewFilter filter_;

    // A double-click starts with a click that selected a bar; the double-click clears the brush
    // and gives back the selection the click replaced.
    std::set<TrialKey> selectionBeforeClick_;
    std::set<TrialKey> selectionByClick_;
    QElapsedTimer sinceClick_;

    QStackedWidget* pages_;
    QLabel* placeholder_;
    overview::OverviewHeader* header_;
    QScrollArea* scroll_;
    overview::HistogramGrid* grid_;
    QLabel* noMetrics_;
};

} // namespace tendril::app
