#include "views/importance/matrix_plot.hpp"

#include "plot/axis_scale.hpp"
#include "plot/plot_fonts.hpp"
#include "style/labels.hpp"
#include "style/plot_colors.hpp"

#include <QFontMetricsF>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace tendril::app::importance {

namespace {

QString percentLabel(double fraction, double step)
{
    const int decimals = step >= 0.01 ? 0 : 1;
    return QStringLiteral("%1 %").arg(100.0 * fraction, 0, 'f', decimals);
}

} // namespace

MatrixPlot::MatrixPlot(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("importanceMatrix"));
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    relayout();
}

void MatrixPlot::setMatrix(ImportanceMatrix matrix, const QString& metric)
{
    matrix_ = std::move(matrix);
    metric_ = metric;
    hovered_.reset();
    if (current_ && *current_ >= matrix_.terms.size())
        current_.reset();
    relayout();
}

void MatrixPlot::setShownRows(std::size_t rows)
{
    shownRows_ = rows;
    relayout();
}

std::size_t MatrixPlot::shownRows() const
{
    return std::min(shownRows_, matrix_.terms.size());
}

void MatrixPlot::setCurrentTerm(std::optional<std::size_t> term)
{
    if (term == current_)
        return;
    current_ = term;
    update();
}

void MatrixPlot::setStale(bool stale)
{
    if (stale == stale_)
        return;
    stale_ = stale;
    update();
}

MatrixMetrics MatrixPlot::measure() const
{
    const QFontMetricsF text(font());
    const QFontMetricsF small(plot::smallerFont(font(), 1));
    MatrixMetrics m;
    m.rowHeight = std::max(22.0, std::ceil(text.height() + 9));
    m.shareTextWidth = std::ceil(text.horizontalAdvance(QStringLiteral("100.0 % ± 10.0")) + 4);
    // Measured in the bold of the chosen row's names, the widest they get.
    QFont bold = font();
    bold.setWeight(QFont::DemiBold);
    const QFontMetricsF boldMetrics(bold);
    double longest = 0;
    for (const MatrixColumn& c : matrix_.columns)
        longest = std::max(longest, boldMetrics.horizontalAdvance(qstr(c.param)));
    // The names stand upright over their columns; long ones are elided (the tooltip has them whole).
    const double scaleRows = 2 * small.height() + 10;  // the bars' caption and tick labels
    // A narrow dock gives the rows more of its height; names elide sooner there.
    const double tallest = width() >= 440 ? 140.0 : 112.0;
    m.headerHeight = std::clamp(std::ceil(longest + 14), std::max(64.0, scaleRows), tallest);
    return m;
}

void MatrixPlot::relayout()
{
    layout_ = MatrixLayout(matrix_.columns.size(), shownRows(), width(), barScaleMax(matrix_.largestExtent()), measure());
    setMinimumHeight(static_cast<int>(std::ceil(layout_.height())));
    setMaximumHeight(static_cast<int>(std::ceil(layout_.height())));
    updateGeometry();
    update();
}

QSize MatrixPlot::sizeHint() const
{
    return {static_cast<int>(std::ceil(layout_.minimumWidth())) + 160, static_cast<int>(std::ceil(layout_.height()))};
}

QSize MatrixPlot::minimumSizeHint() const
{
    return {static_cast<int>(std::ceil(layout_.minimumWidth())), static_cast<int>(std::ceil(layout_.height()))};
}

void MatrixPlot::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    const MatrixMetrics metrics = measure();
    if (metrics.headerHeight != layout_.metrics().headerHeight) {
        relayout();  // the height changes with the header
        return;
    }
    layout_ = MatrixLayout(matrix_.columns.size(), shownRows(), width(), barScaleMax(matrix_.largestExtent()), metrics);
}

bool MatrixPlot::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QPointF pos = help->pos();
        QString text;
        if (const auto row = layout_.rowAt(pos))
            text = termTooltip(*row);
        else if (const auto column = layout_.columnAt(pos); column && pos.y() < layout_.metrics().headerHeight)
            text = columnTooltip(*column);
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange)
        relayout();
    return QWidget::event(event);
}

QString MatrixPlot::termTooltip(std::size_t term) const
{
    if (term >= matrix_.terms.size())
        return {};
    const ImportanceTerm& t = matrix_.terms[term];
    const QString name = t.label().toHtmlEscaped();
    const QString metric = metric_.toHtmlEscaped();
    if (t.constant)
        return tr("<b>%1</b><br>Has a single value in the analysed trials, so it explains nothing here.").arg(name);
    const QString share = formatShare(t.importance, t.std);
    if (t.isPair())
        return tr("<b>%1</b><br>%2 of the variance of %3 comes from how %4 and %5 act together, beyond what each "
                  "does alone (mean ± sd over the forest's trees).<br>Click for the heatmap of expected %3.")
            .arg(name, share, metric, qstr(t.key.first).toHtmlEscaped(), qstr(t.key.second).toHtmlEscaped());
    return tr("<b>%1</b><br>%2 of the variance of %3 is explained by %1 alone (mean ± sd over the forest's trees)."
              "<br>Click for the expected %3 over its values.")
        .arg(name, share, metric);
}

QString MatrixPlot::columnTooltip(int column) const
{
    if (column < 0 || column >= static_cast<int>(matrix_.columns.size()))
        return {};
    const MatrixColumn& c = matrix_.columns[static_cast<std::size_t>(column)];
    if (c.constant)
        return tr("<b>%1</b><br>One value in the analysed trials").arg(qstr(c.param).toHtmlEscaped());
    return tr("<b>%1</b><br>alone: %2").arg(qstr(c.param).toHtmlEscaped(), formatShare(c.importance, c.std));
}

void MatrixPlot::paintEvent(QPaintEvent*)
{
    const PlotColors colors = PlotColors::of(*this);
    QPainter p(this);
    p.fillRect(rect(), colors.canvas);
    p.setRenderHint(QPainter::Antialiasing);
    paintHeader(p);
    for (std::size_t row = 0; row < layout_.rows(); ++row)
        paintRow(p, row);
    if (stale_)
        p.fillRect(rect(), colors.veil);
}

void MatrixPlot::paintHeader(QPainter& p) const
{
    const PlotColors colors = PlotColors::of(*this);
    const MatrixMetrics& m = layout_.metrics();
    const QFontMetricsF text(font());
    const ImportanceTerm* current = current_ && *current_ < matrix_.terms.size() ? &matrix_.terms[*current_] : nullptr;

    // Parameter names upright over their columns, read bottom to top, ending at the first row.
    for (std::size_t c = 0; c < matrix_.columns.size(); ++c) {
        const int column = static_cast<int>(c);
        const bool inCurrent = current && (current->firstColumn == column || current->secondColumn == column);
        QFont font = p.font();
        font.setWeight(inCurrent ? QFont::DemiBold : QFont::Normal);
        p.setFont(font);
        p.setPen(inCurrent ? colors.accent : matrix_.columns[c].constant ? colors.faintText : colors.ink);
        const QString name = QFontMetricsF(font).elidedText(qstr(matrix_.columns[c].param), Qt::ElideRight, m.headerHeight - 10);
        p.save();
        p.translate(layout_.columnX(column) + text.ascent() / 2 - 1.5, m.headerHeight - 6);
        p.rotate(-90);
        p.drawText(QPointF(0, 0), name);
        p.restore();
    }

    // The bars' scale: a caption, tick labels and faint guides down through the rows.
    const QRectF bars = layout_.barArea();
    const QFont small = plot::smallerFont(font(), 1);
    const QFontMetricsF smallMetrics(small);
    p.setFont(small);
    const int budget = plot::tickBudget(bars.width(), smallMetrics.horizontalAdvance(QStringLiteral("100 %")) + 14);
    const std::vector<double> ticks = plot::axisTicks({0.0, layout_.barMax()}, plot::Scale::Linear, std::max(2, budget));
    const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : layout_.barMax();
    const double tickTop = m.headerHeight - smallMetrics.height() - 4;
    for (const double t : ticks) {
        const double x = std::round(layout_.barPixel(t)) + 0.5;
        p.setPen(QPen(colors.grid, 1));
        p.drawLine(QPointF(x, m.headerHeight - 2), QPointF(x, layout_.height() - m.margin));
        p.setPen(colors.tickText);
        const QString label = percentLabel(t, step);
        const double w = smallMetrics.horizontalAdvance(label);
        const double left = std::clamp(x - w / 2, bars.left() - 4, bars.right() + m.gap + m.shareTextWidth - w);
        p.drawText(QRectF(left, tickTop, w + 2, smallMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    p.setPen(colors.faintText);
    const QString caption = metric_.isEmpty() ? tr("share of the variance") : tr("share of the variance of %1").arg(metric_);
    const QRectF captionBox(bars.left(), tickTop - smallMetrics.height() - 2, bars.width() + m.gap + m.shareTextWidth,
                            smallMetrics.height());
    p.drawText(captionBox, Qt::AlignLeft | Qt::AlignVCenter,
               smallMetrics.elidedText(caption, Qt::ElideRight, captionBox.width()));
    p.setPen(QPen(colors.axis, 1));
    p.drawLine(QPointF(0, m.headerHeight - 0.5), QPointF(width(), m.headerHeight - 0.5));
}

void MatrixPlot::paintRow(QPainter& p, std::size_t row) const
{
    const PlotColors colors = PlotColors::of(*this);
    const MatrixMetrics& m = layout_.metrics();
    const ImportanceTerm& term = matrix_.terms[row];
    const QRectF r = layout_.rowRect(row);
    const bool isCurrent = current_ == row;
    if (isCurrent) {
        p.fillRect(r, colors.accentSoft);
        p.fillRect(QRectF(r.left(), r.top(), 3, r.height()), colors.accent);
    } else if (hovered_ == row) {
        p.fillRect(r, colors.hoverBackground);
    }
    p.setPen(QPen(colors.grid, 1));
    p.drawLine(QPointF(r.left(), r.bottom() - 0.5), QPointF(r.right(), r.bottom() - 0.5));

    // Light dots in every column keep the grid readable; the term's own are filled and joined.
    const double radius = std::min(m.dotRadius, layout_.columnWidth() / 2 - 2);
    const QColor emptyDot = mixColors(colors.canvas, colors.ink, colors.dark ? 0.17 : 0.11);
    const QColor filled = isCurrent ? colors.accent : mixColors(colors.canvas, colors.ink, 0.8);
    p.setPen(Qt::NoPen);
    p.setBrush(emptyDot);
    for (std::size_t c = 0; c < matrix_.columns.size(); ++c)
        if (static_cast<int>(c) != term.firstColumn && static_cast<int>(c) != term.secondColumn)
            p.drawEllipse(layout_.dot(row, static_cast<int>(c)), radius * 0.8, radius * 0.8);
    if (term.isPair()) {
        p.setPen(QPen(filled, std::max(2.0, radius * 0.55), Qt::SolidLine, Qt::RoundCap));
        p.drawLine(layout_.dot(row, term.firstColumn), layout_.dot(row, term.secondColumn));
        p.setPen(Qt::NoPen);
    }
    if (term.constant) {
        p.setPen(QPen(colors.faintText, 1.4));
        p.setBrush(Qt::NoBrush);
    } else {
        p.setBrush(filled);
    }
    for (const int c : {term.firstColumn, term.secondColumn})
        if (c >= 0)
            p.drawEllipse(layout_.dot(row, c), radius, radius);

    const QRectF bars = layout_.barArea();
    const double cy = r.center().y();
    if (term.constant) {
        QFont italic = p.font();
        italic.setItalic(true);
        p.setFont(italic);
        p.setPen(colors.faintText);
        const QRectF box(bars.left(), r.top(), bars.width() + m.gap + m.shareTextWidth, r.height());
        p.drawText(box, Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(italic).elidedText(tr("one value: not analysed"), Qt::ElideRight, box.width()));
        return;
    }
    const double barHeight = std::round(r.height() * 0.42);
    const double x0 = layout_.barPixel(0.0);
    const double x1 = layout_.barPixel(term.importance);
    p.setPen(Qt::NoPen);
    p.setBrush(isCurrent ? colors.accent : mixColors(colors.canvas, colors.ink, colors.dark ? 0.5 : 0.42));
    p.drawRect(QRectF(x0, cy - barHeight / 2, std::max(1.0, x1 - x0), barHeight));
    // The spread over trees as a whisker with caps.
    const double w0 = layout_.barPixel(std::max(0.0, term.importance - term.std));
    const double w1 = layout_.barPixel(term.importance + term.std);
    if (w1 - w0 >= 1.0) {
        p.setPen(QPen(colors.ink, 1.2));
        p.drawLine(QPointF(w0, cy), QPointF(w1, cy));
        p.drawLine(QPointF(w0, cy - 4), QPointF(w0, cy + 4));
        p.drawLine(QPointF(w1, cy - 4), QPointF(w1, cy + 4));
    }
    QFont font = this->font();
    font.setWeight(isCurrent ? QFont::DemiBold : QFont::Normal);
    p.setFont(font);
    p.setPen(isCurrent ? colors.ink : colors.tickText);
    p.drawText(layout_.shareText(row), Qt::AlignRight | Qt::AlignVCenter, formatShare(term.importance, term.std));
}

void MatrixPlot::mouseMoveEvent(QMouseEvent* event)
{
    const auto row = layout_.rowAt(event->position());
    if (row != hovered_) {
        hovered_ = row;
        setCursor(row ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
    QWidget::mouseMoveEvent(event);
}

void MatrixPlot::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        if (const auto row = layout_.rowAt(event->position())) {
            setCurrentTerm(*row);
            emit termActivated(*row);
            event->accept();
            return;
        }
    QWidget::mousePressEvent(event);
}

void MatrixPlot::keyPressEvent(QKeyEvent* event)
{
    const std::size_t rows = layout_.rows();
    if ((event->key() == Qt::Key_Up || event->key() == Qt::Key_Down) && rows > 0) {
        std::size_t next = 0;
        if (current_ && *current_ < rows)
            next = event->key() == Qt::Key_Up ? (*current_ == 0 ? 0 : *current_ - 1) : std::min(rows - 1, *current_ + 1);
        if (next != current_) {
            setCurrentTerm(next);
            emit termActivated(next);
        }
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void MatrixPlot::leaveEvent(QEvent* event)
{
    if (hovered_) {
        hovered_.reset();
        update();
    }
    QWidget::leaveEvent(event);
}

} // namespace tendril::app::importance
