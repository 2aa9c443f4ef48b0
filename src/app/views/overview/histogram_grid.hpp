// The histograms as small multiples: as many columns as the width allows (balanced, so four
// charts make a 2 × 2 grid rather than 3 + 1), rows as tall as the space allows within limits.
#pragma once

#include <QWidget>

#include <vector>

class QGridLayout;

namespace tendril::app::overview {

class HistogramChart;

class HistogramGrid : public QWidget {
    Q_OBJECT

public:
    static constexpr int kMinCardWidth = 320;
    static constexpr int kMaxColumns = 4;
    static constexpr int kMinCardHeight = 236;
    static constexpr int kMaxCardHeight = 330;

    explicit HistogramGrid(QWidget* parent = nullptr);

    // The charts in order, objective first; the grid becomes their parent.
    void setCharts(const std::vector<HistogramChart*>& charts);
    // The height of the area the grid scrolls in: cards grow to fill it up to kMaxCardHeight.
    void setAvailableHeight(int height);
    int columns() const { return columns_; }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void relayout();
    int columnsFor(int width) const;

    QGridLayout* layout_;
    std::vector<HistogramChart*> charts_;
    int columns_ = 0;
    int availableHeight_ = 0;
};

} // namespace tendril::app::overview
