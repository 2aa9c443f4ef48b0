// The overview's headline strip: the shown studies with their colours, then tiles with the number
// of experiments, how many run, completed, were pruned or failed, how many the filters keep
// visible, and the best objective so far.
#pragma once

#include "views/overview/overview_summary.hpp"

#include <QStringList>
#include <QWidget>

class QLabel;
class QToolButton;

namespace tendril::app::plot {
class FlowLayout;
} // namespace tendril::app::plot

namespace tendril::app::overview {

class OverviewHeader : public QWidget {
    Q_OBJECT

public:
    explicit OverviewHeader(QWidget* parent = nullptr);

    // The shown studies in table order (their colours are studyColor(index)).
    void setStudies(const QStringList& names);
    // bestTrial and bestStudy name the best trial when summary.best is set.
    void setSummary(const OverviewSummary& summary, const QString& bestTrial, const QString& bestStudy);
    // How many histograms carry a brush: the "Clear brushes" button shows when there is one.
    void setBrushCount(int count);

    // The tiles' texts, for tests and accessibility.
    QString experimentsText() const;
    QString stateText(TrialState state) const;
    QString visibleText() const;
    QString bestText() const;

signals:
    void clearBrushesRequested();

protected:
    void resizeEvent(QResizeEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // Below this width the usage hint gives its room to the numbers.
    static constexpr int kHintMinWidth = 1050;

    // Writes every text again in the palette's colours.
    void applyColors();
    void writeLegend();

    QLabel* hint_;
    QWidget* legend_;
    plot::FlowLayout* legendLayout_;
    QToolButton* clearBrushes_;
    QLabel* experiments_;
    QLabel* states_[kTrialStateCount];
    QLabel* visible_;
    QLabel* best_;
    // What the texts were written from, to write them again when the palette changes.
    QStringList studies_;
    OverviewSummary summary_;
    QString bestTrial_;
    QString bestStudy_;
};

} // namespace tendril::app::overview
