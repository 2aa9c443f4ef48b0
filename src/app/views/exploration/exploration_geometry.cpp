#include "views/exploration/exploration_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <numeric>

namespace tendril::app::exploration {

IterationAxis::IterationAxis(std::size_t columns, double left, double right)
    : columns_(columns), left_(left), right_(std::max(left, right))
{
    width_ = columns_ > 0 ? (right_ - left_) / static_cast<double>(columns_) : (right_ - left_);
}

std::optional<std::size_t> IterationAxis::columnAt(double x) const
{
    if (columns_ == 0 || !(x >= left_) || !(x < right_) || width_ <= 0.0)
        return std::nullopt;
    return std::min(columns_ - 1, static_cast<std::size_t>((x - left_) / width_));
}

ValueAxis::ValueAxis(const ParamAxis& param, double top, double bottom) : param_(param), top_(top), bottom_(bottom)
{
    if (param.banded) {
        bands_ = std::max<std::size_t>(1, param.bandValues.size());
        return;
    }
    const plot::Scale scale = plot::scaleFor(param.log);
    const plot::ValueRange range = plot::padded(plot::usableRange({param.low, param.high}, scale), scale, 0.06);
    scale_ = plot::AxisScale(range, scale, bottom, top);
}

double ValueAxis::toPixel(double value) const
{
    if (!banded())
        return scale_.toPixel(value);
    const std::optional<std::size_t> band = param_.bandOf(value);
    return band ? bandCenter(*band) : std::numeric_limits<double>::quiet_NaN();
}

std::optional<std::size_t> ValueAxis::bandAt(double y) const
{
    if (!banded() || !(y >= top_) || !(y <= bottom_))
        return std::nullopt;
    const auto fromBottom = static_cast<std::size_t>((bottom_ - y) / bandHeight());
    return std::min(bands_ - 1, fromBottom);
}

std::vector<Spot> spreadInBand(std::span<const double> xs, double center, double halfHeight, double diameter,
                               double xFreedom)
{
    const std::size_t n = xs.size();
    std::vector<Spot> spots(n);
    for (std::size_t i = 0; i < n; ++i)
        spots[i] = {xs[i], center};
    if (n < 2 || diameter <= 0.0)
        return spots;
    const double room = std::max(0.0, halfHeight);
    const double freedom = std::max(0.0, xFreedom);
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&xs](std::size_t a, std::size_t b) { return xs[a] < xs[b]; });

    // Sideways moves, nearest first: none, then half a diameter at a time either way.
    std::vector<double> shifts{0.0};
    const double stride = std::min(diameter / 2.0, freedom);
    for (double s = stride; stride > 0.0 && s <= freedom + 1e-9; s += stride) {
        shifts.push_back(-s);
        shifts.push_back(s);
    }

    // Points already placed that can touch the current one: their x (before and after moving)
    // lies within reach, and since points come in x order they form a window that slides along.
    struct Placed {
        double origin;
        double x;
        double y;
    };
    std::deque<Placed> window;
    // Beyond what the band can hold at one x, overlaps are unavoidable; the leftmost placed points
    // then leave the window early, so an overfull band costs linear rather than quadratic time.
    const double across = 2.0 * freedom / diameter + 1.0, down = 2.0 * room / diameter + 1.0;
    const auto windowCap = static_cast<std::size_t>(std::max(64.0, 4.0 * across * down));
    const double d2 = diameter * diameter;
    const double eps = 1e-9 * std::max(1.0, diameter);
    const auto overlap = [&](double x, double y) {
        double total = 0.0;
        for (const Placed& p : window) {
            const double dx = x - p.x, dy = y - p.y;
            const double distance2 = dx * dx + dy * dy;
            if (distance2 < d2 - eps)
                total += diameter - std::sqrt(distance2);
        }
        return total;
    };
    const auto collides = [&](double x, double y) {
        for (const Placed& p : window) {
            const double dx = x - p.x, dy = y - p.y;
            if (dx * dx + dy * dy < d2 - eps)
                return true;
        }
        return false;
    };
    struct Candidate {
        double score;
        double x;
        double y;
    };
    std::vector<Candidate> candidates;
    for (const std::size_t i : order) {
        const double origin = xs[i];
        while (!window.empty() && window.front().origin <= origin - diameter - 2.0 * freedom)
            window.pop_front();
        // Free places are on the centre line or just clear of a neighbour, above or below it, at
        // each sideways move; the nearest free one wins.
        candidates.clear();
        for (const double shift : shifts) {
            const double x = origin + shift;
            const auto add = [&](double y) {
                if (std::fabs(y - center) <= room + eps)
                    candidates.push_back({shift * shift + (y - center) * (y - center), x, y});
            };
            add(center);
            for (const Placed& p : window) {
                const double dx = x - p.x;
                if (std::fabs(dx) >= diameter)
                    continue;
                const double reach = std::sqrt(std::max(0.0, d2 - dx * dx));
                add(p.y - reach - eps);
                add(p.y + reach + eps);
            }
        }
        std::stable_sort(candidates.begin(), candidates.end(),
                         [](const Candidate& a, const Candidate& b) { return a.score < b.score; });
        double bestScore = std::numeric_limits<double>::infinity();
        Spot best{origin, center};
        for (const Candidate& c : candidates) {
            if (!collides(c.x, c.y)) {
                bestScore = c.score;
                best = {c.x, c.y};
                break;
            }
        }
        if (!std::isfinite(bestScore)) {
            // The band is full here: the least crowded place within reach, on a fine grid.
            const int steps = std::max(2, static_cast<int>(std::ceil(2.0 * room / (diameter * 0.25))));
            double least = std::numeric_limits<double>::infinity();
            for (const double shift : shifts)
                for (int k = 0; k <= steps; ++k) {
                    const double y = center - room + 2.0 * room * k / steps;
                    const double o = overlap(origin + shift, y) + 1e-6 * (std::fabs(y - center) + std::fabs(shift));
                    if (o < least) {
                        least = o;
                        best = {origin + shift, y};
                    }
                }
        }
        spots[i] = best;
        window.push_back({origin, best.x, best.y});
        if (window.size() > windowCap)
            window.pop_front();
    }
    return spots;
}

std::size_t labelStride(const IterationAxis& axis, double labelWidth)
{
    const double width = axis.columnWidth();
    if (width <= 0.0)
        return 1;
    for (std::size_t magnitude = 1;; magnitude *= 10)
        for (const std::size_t m : {1u, 2u, 5u}) {
            const std::size_t stride = m * magnitude;
            if (static_cast<double>(stride) * width >= labelWidth || stride >= axis.columns())
                return stride;
        }
}

std::vector<ColumnSpan> shadedSpans(const std::vector<IterationColumn>& columns, std::size_t stride)
{
    std::vector<ColumnSpan> spans;
    if (columns.empty())
        return spans;
    const bool grouped = columns.back().group + 1 < columns.size();
    if (grouped) {
        std::size_t first = 0;
        for (std::size_t c = 1; c <= columns.size(); ++c)
            if (c == columns.size() || columns[c].group != columns[first].group) {
                spans.push_back({first, c - 1});
                first = c;
            }
        return spans;
    }
    stride = std::max<std::size_t>(1, stride);
    for (std::size_t first = 0; first < columns.size(); first += stride)
        spans.push_back({first, std::min(columns.size(), first + stride) - 1});
    return spans;
}

RangeBar::RangeBar(ColorRange extent, double left, double right) : extent_(extent), left_(left), right_(right) {}

double RangeBar::xOf(double value) const
{
    const double span = extent_.high - extent_.low;
    if (!(span > 0.0))
        return (left_ + right_) / 2.0;
    return left_ + (std::clamp(value, extent_.low, extent_.high) - extent_.low) / span * (right_ - left_);
}

double RangeBar::valueAt(double x) const
{
    if (!(right_ > left_))
        return extent_.low;
    const double t = std::clamp((x - left_) / (right_ - left_), 0.0, 1.0);
    return extent_.low + t * (extent_.high - extent_.low);
}

CanvasLayout layoutCanvas(int width, const std::vector<std::size_t>& tracks, const std::vector<std::size_t>& params,
                          const CanvasMetrics& m)
{
    CanvasLayout layout;
    if (tracks.empty()) {
        layout.size = QSize(width, 0);
        return layout;
    }
    const int inner = std::max(1, width - 2 * m.margin);
    // Rows of small plots below a fixed top part share what is left of the available height.
    const auto cellHeightFor = [&m](int rows, int top) {
        if (rows <= 0 || m.availableHeight <= 0)
            return m.cellHeight;
        const int share = (m.availableHeight - top - m.margin) / rows - m.gap;
        return std::clamp(share, m.cellHeight, std::max(m.cellHeight, m.maxCellHeight));
    };
    if (tracks.size() == 1) {
        const std::size_t track = tracks.front();
        int y = m.margin;
        layout.cells.push_back({QRect(m.margin, y, inner, m.performanceHeight), track, std::nullopt});
        y += m.performanceHeight + m.gap;
        const int columns = std::clamp((inner + m.gap) / (m.minCellWidth + m.gap), 1,
                                       std::max(1, static_cast<int>(params.size())));
        const int cellWidth = (inner - (columns - 1) * m.gap) / columns;
        const int rows = (static_cast<int>(params.size()) + columns - 1) / columns;
        const int cellHeight = cellHeightFor(rows, y);
        for (std::size_t k = 0; k < params.size(); ++k) {
            const int col = static_cast<int>(k) % columns, row = static_cast<int>(k) / columns;
            layout.cells.push_back({QRect(m.margin + col * (cellWidth + m.gap), y + row * (cellHeight + m.gap),
                                          cellWidth, cellHeight),
                                    track, params[k]});
        }
        y += rows * (cellHeight + m.gap);
        layout.size = QSize(width, y - m.gap + m.margin);
        return layout;
    }

    const int n = static_cast<int>(tracks.size());
    const int columnWidth = std::max(m.minColumnWidth, (inner - (n - 1) * m.gap) / n);
    const int cellHeight =
        cellHeightFor(static_cast<int>(params.size()), m.margin + m.captionHeight + m.performanceHeight + m.gap);
    for (int k = 0; k < n; ++k) {
        const int x = m.margin + k * (columnWidth + m.gap);
        int y = m.margin;
        layout.captions.push_back({QRect(x, y, columnWidth, m.captionHeight), tracks[static_cast<std::size_t>(k)]});
        y += m.captionHeight;
        layout.cells.push_back({QRect(x, y, columnWidth, m.performanceHeight), tracks[static_cast<std::size_t>(k)],
                                std::nullopt});
        y += m.performanceHeight + m.gap;
        for (const std::size_t p : params) {
            layout.cells.push_back({QRect(x, y, columnWidth, cellHeight), tracks[static_cast<std::size_t>(k)], p});
            y += cellHeight + m.gap;
        }
    }
    const int height = m.margin + m.captionHeight + m.performanceHeight + m.gap +
                       static_cast<int>(params.size()) * (cellHeight + m.gap) - m.gap + m.margin;
    layout.size = QSize(std::max(width, 2 * m.margin + n * columnWidth + (n - 1) * m.gap), height);
    return layout;
}

CellFrame frameCell(const QRectF& cell, double axisWidth)
{
    constexpr double kTitle = 20.0, kLabels = 15.0, kPad = 8.0;
    CellFrame f;
    f.title = QRectF(cell.left() + kPad, cell.top() + 4.0, cell.width() - 2 * kPad, kTitle);
    const double plotLeft = cell.left() + kPad + axisWidth;
    const double plotTop = f.title.bottom() + kLabels;
    f.labels = QRectF(plotLeft, f.title.bottom(), std::max(0.0, cell.right() - kPad - plotLeft), kLabels);
    f.plot = QRectF(plotLeft, plotTop, f.labels.width(), std::max(0.0, cell.bottom() - kPad - plotTop));
    f.axis = QRectF(cell.left() + kPad, plotTop, axisWidth - 4.0, f.plot.height());
    return f;
}

} // namespace tendril::app::exploration
