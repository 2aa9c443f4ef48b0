// The "Hyperparameter importance" view (HyperTendril 5.3.2, Fig. 5B): an UpSet-style matrix of
// the fANOVA importance of every hyperparameter and pair of hyperparameters, most important first,
// and the detail of the chosen row: the marginal curve of a parameter or the heatmap of a pair,
// with the trials over it.
//
// The numbers come from the session's ImportanceService (shared with the search-space overview, so
// both always show the same analysis); the view only picks the metric. While the service refits,
// the previous result stays on screen, greyed. The detail (a marginal curve or a pair table from
// the fitted model) is computed off the GUI thread; only the newest request is shown.
//
// Hub: source "importance". Hovering a trial in the detail sets the hub's hover, clicking selects
// (Ctrl toggles), and dragging brushes the parameter range(s) under the rectangle. Trials other
// views filter out stay as grey context; selected ones are ringed.
#pragma once

#include "session/importance_service.hpp"
#include "views/importance/importance_terms.hpp"

#include <QString>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QSplitter;
class QStackedWidget;
class QToolButton;

namespace tendril::app {

class LatestJob;
class ProjectSession;
class SelectionHub;

namespace plot {
class ElidedLabel;
} // namespace plot

namespace importance {

class DetailPlot;
struct DetailContent;
class MatrixPlot;

class ImportanceView : public QWidget {
    Q_OBJECT

public:
    // The name this view's brush is kept under in the hub.
    static inline const QString kSource = QStringLiteral("importance");
    // Rows shown before "Show all".
    static constexpr std::size_t kTopRows = 12;
    // Below this width the matrix and the detail stack vertically.
    static constexpr int kStackBelowWidth = 820;

    explicit ImportanceView(ProjectSession& session, QWidget* parent = nullptr);
    ~ImportanceView() override;

    MatrixPlot* matrix() const { return matrix_; }
    DetailPlot* detail() const { return detail_; }
    QComboBox* metricChooser() const { return metric_; }
    QComboBox* colouringChooser() const { return colouring_; }
    QToolButton* showAllButton() const { return showAll_; }
    QToolButton* clearBrushButton() const { return clearBrush_; }
    QSplitter* splitter() const { return splitter_; }

    // The analysis on screen (possibly greyed while a newer one computes); null before the first.
    const std::shared_ptr<const ImportanceResult>& shownResult() const { return shown_; }
    // The term whose detail is shown.
    std::optional<TermKey> currentTerm() const;
    // Chooses the row of this term (as a click on it would); false when the matrix has no such row.
    bool chooseTerm(const TermKey& key);
    // True while the detail of the current term is being computed.
    bool detailPending() const;
    // True while the placeholder (an empty state) is shown instead of the matrix.
    bool showsPlaceholder() const;
    QString placeholderText() const;
    QString statusText() const;
    QString detailTitleText() const;

signals:
    // The detail plot shows the current term's content (after a row was chosen or a result came).
    void detailShown();

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void resultChanged();
    void showResult(std::shared_ptr<const ImportanceResult> result);
    void termActivated(std::size_t term);
    void requestDetail();
    void detailArrived(std::shared_ptr<const DetailContent> content);
    void fillMetrics();
    void metricChosen();
    // Another view chose the analysed metric: show it here too.
    void followServiceMetric();
    void applyFlags();
    void applyHover();
    void applyBrush();
    void updateStale();
    void updateStatus();
    void updatePlaceholder();
    void updateShowAll();
    void applyColors();
    void fitSplitter();

    ProjectSession& session_;
    SelectionHub& hub_;
    ImportanceService& service_;
    LatestJob* detailJob_;
    std::shared_ptr<std::atomic<bool>> cancelDetail_;

    std::shared_ptr<const ImportanceResult> shown_;
    std::optional<TermKey> term_;
    std::shared_ptr<const DetailContent> detailContent_;
    bool showAllRows_ = false;
    bool userSplit_ = false;  // the user moved the splitter's handle: keep their split
    bool colorsPending_ = false;

    QStackedWidget* pages_;
    QLabel* placeholder_;
    QLabel* title_;
    QComboBox* metric_;
    QComboBox* colouring_;
    QToolButton* clearBrush_;
    plot::ElidedLabel* status_;
    QSplitter* splitter_;
    MatrixPlot* matrix_;
    QToolButton* showAll_;
    QLabel* detailTitle_;
    QLabel* detailCaption_;
    DetailPlot* detail_;
};

} // namespace importance
} // namespace tendril::app
