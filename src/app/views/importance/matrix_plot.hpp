// The UpSet-style importance matrix (Fig. 5B): parameter names over their columns, one row per
// term with filled dots in its parameters' columns (a pair's two dots joined by a line) and light
// dots elsewhere, and beside each row its importance as a bar with a whisker for the spread over
// trees and the number. Hovering a row highlights it and explains it in a tooltip; clicking (or the
// arrow keys) chooses the row whose detail the view shows.
#pragma once

#include "views/importance/importance_terms.hpp"
#include "views/importance/matrix_layout.hpp"

#include <QWidget>

#include <optional>

namespace tendril::app::importance {

class MatrixPlot : public QWidget {
    Q_OBJECT

public:
    explicit MatrixPlot(QWidget* parent = nullptr);

    // metric names the variance the shares are of, for the tooltips.
    void setMatrix(ImportanceMatrix matrix, const QString& metric);
    const ImportanceMatrix& matrix() const { return matrix_; }
    // How many of the most important terms get a row.
    void setShownRows(std::size_t rows);
    std::size_t shownRows() const;
    // The term whose detail is shown (an index into matrix().terms).
    void setCurrentTerm(std::optional<std::size_t> term);
    std::optional<std::size_t> currentTerm() const { return current_; }
    std::optional<std::size_t> hoveredTerm() const { return hovered_; }
    // Drawn greyed: the numbers are about to be replaced by a new analysis.
    void setStale(bool stale);
    bool stale() const { return stale_; }

    const MatrixLayout& layout() const { return layout_; }
    // The tooltip of a term's row and of a column's name, as shown on hover.
    QString termTooltip(std::size_t term) const;
    QString columnTooltip(int column) const;

    // The height is fixed by the rows shown (the pane around it scrolls); the width is free.
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void termActivated(std::size_t term);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    MatrixMetrics measure() const;
    void relayout();
    void paintHeader(QPainter& p) const;
    void paintRow(QPainter& p, std::size_t row) const;

    ImportanceMatrix matrix_;
    QString metric_;
    std::size_t shownRows_ = 12;
    std::optional<std::size_t> current_;
    std::optional<std::size_t> hovered_;
    bool stale_ = false;
    MatrixLayout layout_;
};

} // namespace tendril::app::importance
