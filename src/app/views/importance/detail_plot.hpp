// The detail of the chosen term (Fig. 5B, bottom): for a single parameter its marginal curve, the
// expected metric over its values with a band of ±1 sd over the trees (categories as points with
// error bars); for a pair the heatmap of the expected metric over both. The trials are drawn over
// it. Hovering a trial reports it (the view sets the hub's hover) and shows a tooltip; clicking
// selects it (Ctrl toggles); dragging a rectangle brushes the parameter range(s) under it: the x
// range on a marginal plot, both ranges on a heatmap. Escape or a click on empty space clears.
//
// It knows nothing of the hub: it speaks in rows of its content's table, and the view translates.
#pragma once

#include "views/importance/detail_layers.hpp"
#include "views/importance/detail_scene.hpp"

#include <QImage>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

namespace tendril::app {
class LatestJob;
}

namespace tendril::app::importance {

class DetailPlot : public QWidget {
    Q_OBJECT

public:
    // A drag shorter than this is a click.
    static constexpr int kDragThreshold = 4;
    // How near (pixels) the pointer must be to a trial to hover or click it.
    static constexpr double kPickRadius = 7.0;
    // Above this many trials the cached picture is drawn on a worker thread, so a filter change never
    // holds the GUI thread for a picture that grows with the trials (4-10 ms of GUI-thread CPU for
    // 10,000 dots over a marginal band here, docs/performance.md). Below it, drawing on the spot is
    // quicker than the round trip and never shows a frame without the dots.
    static constexpr std::size_t kBackgroundLayerPoints = 2000;

    explicit DetailPlot(QWidget* parent = nullptr);

    // What to draw; null (or content with nothing drawable) shows the message instead.
    void setContent(std::shared_ptr<const DetailContent> content);
    const std::shared_ptr<const DetailContent>& content() const { return content_; }
    // Shown when there is no content to draw.
    void setMessage(const QString& text);
    const QString& message() const { return message_; }
    // Per row of the content's table: passes the other views' brushes (empty: all do) and is selected.
    void setTrialFlags(std::vector<char> visible, std::vector<char> selected);
    void setHoveredRow(std::optional<std::size_t> row);
    void setColouring(DotColouring colouring);
    DotColouring colouring() const { return colouring_; }
    // The view's own brush: its ranges on the columns this plot shows are drawn as bands.
    void setBrush(Brush brush);
    // Drawn greyed while a newer detail is on its way.
    void setStale(bool stale);
    bool stale() const { return stale_; }

    // True while the picture of the trials is being drawn on a worker thread.
    bool layerPending() const;
    // How many trials it takes to draw the picture on a worker (tests lower it).
    void setBackgroundLayerPoints(std::size_t points) { backgroundPoints_ = points; }

    bool hasScene() const { return scene_.has_value(); }
    const DetailScene& scene() const { return *scene_; }
    QRectF plotArea() const { return scene_ ? scene_->area : QRectF(); }
    // Where a table row's trial is drawn; nullopt when it is not on the plot.
    std::optional<QPointF> pixelOfRow(std::size_t row) const;
    QString trialTooltip(std::size_t row) const;
    // The legend's entries as shown, for tests and accessibility.
    QStringList legendTexts() const;

    QSize sizeHint() const override { return {520, 360}; }
    QSize minimumSizeHint() const override { return {260, 220}; }

signals:
    void hoverEdited(std::optional<std::size_t> row);
    void trialClicked(std::size_t row, bool additive);
    void emptyClicked();
    // Ranges on the shown parameters' columns; empty: clear the brush.
    void brushEdited(const tendril::app::Brush& brush);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

public:
    struct LegendItem {
        enum class Kind { Curve, Dot, Ring, Gradient } kind = Kind::Dot;
        QColor color;
        QString text;
        QString low, high;          // gradient end labels
        QColor lowColor, highColor; // gradient end colours
        QRectF rect;                // where it is drawn
    };

private:
    void layoutPlot();
    // Brings the cached picture up to date: at once for few trials, else on the worker.
    void refreshLayer();
    void buildLegend(double width);
    void paintAxes(QPainter& p) const;
    void paintLegend(QPainter& p) const;
    void paintBrush(QPainter& p) const;
    void paintHover(QPainter& p);
    void paintGesture(QPainter& p) const;
    void hoverAt(QPointF pos, QPoint globalPos);
    void emitHover(std::optional<std::size_t> row);
    Brush brushFromDrag(QPointF a, QPointF b) const;

    std::shared_ptr<const DetailContent> content_;
    std::optional<DetailScene> scene_;
    std::vector<int> pointOfRow_;  // per table row: index into the scene's points, -1 when not drawn
    QString message_;
    std::vector<char> visible_;
    std::vector<char> selected_;
    std::optional<std::size_t> hoveredRow_;
    bool hoverIsMine_ = false;
    DotColouring colouring_ = DotColouring::Study;
    Brush brush_;
    bool stale_ = false;
    std::vector<LegendItem> legend_;
    double legendHeight_ = 0.0;
    std::vector<double> xTicks_, yTicks_;

    QImage layer_;
    bool layerDirty_ = true;
    // The content the cached picture shows: a picture of another term is not drawn under new axes.
    std::shared_ptr<const DetailContent> layerContent_;
    DotSprites sprites_;
    LatestJob* layerJob_;
    std::size_t backgroundPoints_ = kBackgroundLayerPoints;

    enum class Gesture { None, Pending, Dragging } gesture_ = Gesture::None;
    Qt::KeyboardModifiers pressModifiers_;
    QPointF pressPos_, dragPos_;
};

} // namespace tendril::app::importance
