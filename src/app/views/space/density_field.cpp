#include "views/space/density_field.hpp"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace tendril::app::space {

namespace {

constexpr int kFixedShift = 16;
constexpr std::int32_t kFixedOne = 1 << kFixedShift;
constexpr double kMaxReference = 4000.0;  // lines per pixel; the opacity table stops there
constexpr int kTableShift = 4;             // the opacity table's step: 1/16 line
constexpr std::size_t kTableSize = 65536;  // steps: up to 4096 lines

// x's four channels times a / 255, rounded.
inline std::uint32_t byteMul(std::uint32_t x, std::uint32_t a)
{
    std::uint32_t t = (x & 0xff00ff) * a;
    t = (t + ((t >> 8) & 0xff00ff) + 0x800080) >> 8;
    t &= 0xff00ff;
    x = ((x >> 8) & 0xff00ff) * a;
    x = x + ((x >> 8) & 0xff00ff) + 0x800080;
    x &= 0xff00ff00;
    return x | t;
}

// Opacity (0..255) for a count, in table steps: maxAlpha · log(1 + s·n) / log(1 + s·reference),
// with s chosen so one line gets minAlpha. The logarithm keeps a lone outlier visible next to a
// bundle of thousands.
std::vector<std::uint8_t> opacityTable(double reference, double minAlpha, double maxAlpha)
{
    reference = std::clamp(reference, 1.0, kMaxReference);
    minAlpha = std::clamp(minAlpha, 0.0, maxAlpha);
    const double wanted = maxAlpha > 0.0 ? minAlpha / maxAlpha : 0.0;
    const auto ratio = [reference](double s) { return std::log1p(s) / std::log1p(s * reference); };
    double lo = 1e-9, hi = 1e9;  // ratio grows with s from 1/reference towards 1
    for (int i = 0; i < 80; ++i) {
        const double mid = std::sqrt(lo * hi);
        (ratio(mid) < wanted ? lo : hi) = mid;
    }
    const double s = std::sqrt(lo * hi);
    const double norm = std::log1p(s * reference);
    std::vector<std::uint8_t> table(kTableSize);
    for (std::size_t i = 0; i < kTableSize; ++i) {
        const double lines = static_cast<double>(i) / (1 << kTableShift);
        const double a = maxAlpha * std::min(1.0, std::log1p(s * lines) / norm);
        table[i] = static_cast<std::uint8_t>(std::lround(std::clamp(a, 0.0, 1.0) * 255.0));
    }
    return table;
}

inline std::uint8_t opacityOf(const std::vector<std::uint8_t>& table, std::uint32_t count)
{
    // count is in 1/256 line; the table in 1/16.
    const std::uint32_t step = count >> (8 - kTableShift);
    return table[std::min<std::uint32_t>(step, kTableSize - 1)];
}

} // namespace

DensityField::DensityField(const LineScene& scene, int bands)
    : bands_(std::max(1, bands)),
      width_(scene.size.width()),
      height_(scene.size.height()),
      axisX_(scene.axisX),
      geometryId_(scene.geometryId)
{
    const std::size_t gaps = axisX_.size() >= 2 ? axisX_.size() - 1 : 0;
    cells_.resize(static_cast<std::size_t>(bands_) * gaps);
}

int DensityField::columnsOf(std::size_t gap) const
{
    // Each gap owns the columns from its left axis up to the next axis; the last one owns its
    // right axis's column too.
    const int columns = axisX_[gap + 1] - axisX_[gap];
    return gap + 2 == axisX_.size() ? columns + 1 : columns;
}

std::vector<std::uint32_t>& DensityField::cellsOf(int band, std::size_t gap)
{
    std::vector<std::uint32_t>& cells = cells_[static_cast<std::size_t>(band) * (axisX_.size() - 1) + gap];
    if (cells.empty())
        cells.assign(static_cast<std::size_t>(columnsOf(gap)) * height_, 0);
    return cells;
}

DensityField::Fixed DensityField::fixedOf(const LineScene& scene, std::uint32_t row, std::size_t gap) const
{
    const float* y = scene.row(row);
    // Pixel j covers [j, j + 1): a line at height y weighs on the pixels around y - 0.5.
    const auto start = static_cast<std::int32_t>(std::lround((y[gap] - 0.5) * kFixedOne));
    const auto end = static_cast<std::int32_t>(std::lround((y[gap + 1] - 0.5) * kFixedOne));
    const int columns = axisX_[gap + 1] - axisX_[gap];
    return {start, (end - start) / columns};
}

void DensityField::accumulate(const LineScene& scene, std::size_t gap, int band, std::span<const std::uint32_t> rows,
                              std::uint32_t sign, Scratch& scratch)
{
    const std::size_t n = rows.size();
    if (n == 0)
        return;
    // Each line's height at the current column, moved on by its step after every column: the
    // same integers as start + step * column, so adding and removing a line match exactly.
    scratch.position.resize(n);
    scratch.step.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Fixed f = fixedOf(scene, rows[i], gap);
        scratch.position[i] = f.start;
        scratch.step[i] = f.step;
    }
    std::int32_t* position = scratch.position.data();
    const std::int32_t* step = scratch.step.data();
    std::vector<std::uint32_t>& cells = cellsOf(band, gap);
    const int columns = columnsOf(gap);
    // Many lines go through two histograms of the column taken in turn, which stay in the
    // first-level cache, so consecutive lines landing on one pixel do not wait for each other's
    // store; a few lines go straight into the grid.
    const bool histograms = n >= static_cast<std::size_t>(height_);
    if (histograms) {
        scratch.even.assign(static_cast<std::size_t>(height_) + 1, 0u);
        scratch.odd.assign(scratch.even.size(), 0u);
    }
    std::uint32_t* even = scratch.even.data();
    std::uint32_t* odd = scratch.odd.data();
    for (int c = 0; c < columns; ++c) {
        std::uint32_t* column = cells.data() + static_cast<std::size_t>(c) * height_;
        if (histograms) {
            std::size_t i = 0;
            for (; i + 1 < n; i += 2) {
                const std::int32_t a = position[i], b = position[i + 1];
                const std::uint32_t fa = (static_cast<std::uint32_t>(a) >> 8) & 255u;
                const std::uint32_t fb = (static_cast<std::uint32_t>(b) >> 8) & 255u;
                even[a >> kFixedShift] += kUnit - fa;
                even[(a >> kFixedShift) + 1] += fa;
                odd[b >> kFixedShift] += kUnit - fb;
                odd[(b >> kFixedShift) + 1] += fb;
            }
            if (i < n) {
                const std::int32_t a = position[i];
                const std::uint32_t fa = (static_cast<std::uint32_t>(a) >> 8) & 255u;
                even[a >> kFixedShift] += kUnit - fa;
                even[(a >> kFixedShift) + 1] += fa;
            }
            for (int y = 0; y < height_; ++y) {
                // Unsigned arithmetic wraps, so a removal undoes an addition exactly.
                column[y] += sign * (even[y] + odd[y]);
                even[y] = odd[y] = 0u;
            }
        } else {
            for (std::size_t i = 0; i < n; ++i) {
                const std::int32_t a = position[i];
                const std::uint32_t fa = (static_cast<std::uint32_t>(a) >> 8) & 255u;
                column[a >> kFixedShift] += sign * (kUnit - fa);
                column[(a >> kFixedShift) + 1] += sign * fa;
            }
        }
        for (std::size_t i = 0; i < n; ++i)
            position[i] += step[i];
    }
}

void DensityField::apply(const LineScene& scene, std::span<const Change> changes, QThreadPool* pool)
{
    if (axisX_.size() < 2 || height_ < 3 || changes.empty())
        return;
    // Per band, the lines added and the lines removed.
    std::vector<std::vector<std::uint32_t>> added(static_cast<std::size_t>(bands_));
    std::vector<std::vector<std::uint32_t>> removed(static_cast<std::size_t>(bands_));
    for (const Change& change : changes) {
        const auto band = static_cast<std::size_t>(std::clamp(change.band, 0, bands_ - 1));
        (change.sign > 0 ? added : removed)[band].push_back(change.row);
        lines_ += change.sign > 0 ? 1 : -1;
    }
    // Allocate on this thread: the workers then only write into their own gap's grids.
    for (int band = 0; band < bands_; ++band)
        if (!added[static_cast<std::size_t>(band)].empty() || !removed[static_cast<std::size_t>(band)].empty())
            for (std::size_t gap = 0; gap + 1 < axisX_.size(); ++gap)
                cellsOf(band, gap);
    std::vector<std::size_t> gaps(axisX_.size() - 1);
    std::iota(gaps.begin(), gaps.end(), std::size_t{0});
    const auto build = [&](std::size_t gap) {
        Scratch scratch;
        for (int band = 0; band < bands_; ++band) {
            accumulate(scene, gap, band, added[static_cast<std::size_t>(band)], 1u, scratch);
            accumulate(scene, gap, band, removed[static_cast<std::size_t>(band)], ~0u, scratch);
        }
    };
    if (pool && pool->maxThreadCount() > 1)
        QtConcurrent::blockingMap(pool, gaps, build);
    else
        std::for_each(gaps.begin(), gaps.end(), build);
}

void DensityField::add(const LineScene& scene, std::span<const std::uint32_t> rows, const LinePaint& paint,
                       QThreadPool* pool)
{
    std::vector<Change> changes;
    changes.reserve(rows.size());
    for (const std::uint32_t row : rows)
        changes.push_back({row, paint.bandOf(row), +1});
    apply(scene, changes, pool);
}

void DensityField::addRow(const LineScene& scene, std::uint32_t row, int band, int sign)
{
    const Change change{row, band, sign};
    apply(scene, std::span<const Change>(&change, 1), nullptr);
}

std::uint32_t DensityField::at(int band, int x, int y) const
{
    if (band < 0 || band >= bands_ || y < 0 || y >= height_ || axisX_.size() < 2)
        return 0;
    for (std::size_t gap = 0; gap + 1 < axisX_.size(); ++gap) {
        const int c = x - axisX_[gap];
        if (c < 0 || c >= columnsOf(gap))
            continue;
        const std::vector<std::uint32_t>& cells = cells_[static_cast<std::size_t>(band) * (axisX_.size() - 1) + gap];
        return cells.empty() ? 0 : cells[static_cast<std::size_t>(c) * height_ + y];
    }
    return 0;
}

double DensityField::referenceFor(const LinePaint& paint) const
{
    if (paint.densityReference > 0.0)
        return paint.densityReference;
    // Spread evenly over the height, every pixel of a column would hold lines / height lines;
    // a few times that is a crowded place and gets the full opacity.
    return std::max(3.0, 2.5 * static_cast<double>(std::max<std::int64_t>(lines_, 0)) / std::max(1, height_));
}

QImage DensityField::toneMap(const LinePaint& paint, QThreadPool* pool) const
{
    QImage image(std::max(1, width_), std::max(1, height_), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    if (axisX_.size() < 2 || height_ < 3)
        return image;
    const std::vector<std::uint8_t> table = opacityTable(referenceFor(paint), paint.minAlpha, paint.maxAlpha);
    // Each band's colour at every opacity, premultiplied: one lookup per pixel instead of a multiply.
    std::vector<std::array<std::uint32_t, 256>> sources(static_cast<std::size_t>(bands_));
    for (int band = 0; band < bands_; ++band) {
        const QRgb c = static_cast<std::size_t>(band) < paint.bandColor.size() ? paint.bandColor[band] : paint.color;
        const std::uint32_t opaque = qPremultiply(qRgba(qRed(c), qGreen(c), qBlue(c), 255));
        for (std::uint32_t a = 0; a < 256; ++a)
            sources[static_cast<std::size_t>(band)][a] = byteMul(opaque, a);
    }
    uchar* bits = image.bits();
    const qsizetype stride = image.bytesPerLine();
    const auto mapGap = [&](std::size_t gap) {
        std::vector<std::uint32_t> column(static_cast<std::size_t>(height_));
        const int columns = columnsOf(gap);
        for (int c = 0; c < columns; ++c) {
            const int x = axisX_[gap] + c;
            if (x < 0 || x >= width_)
                continue;
            std::fill(column.begin(), column.end(), 0u);
            for (int band = 0; band < bands_; ++band) {
                const std::vector<std::uint32_t>& cells = cells_[static_cast<std::size_t>(band) * (axisX_.size() - 1) + gap];
                if (cells.empty())
                    continue;
                const std::uint32_t* counts = cells.data() + static_cast<std::size_t>(c) * height_;
                const std::array<std::uint32_t, 256>& source = sources[static_cast<std::size_t>(band)];
                for (int y = 0; y < height_; ++y) {
                    if (counts[y] == 0)
                        continue;
                    const std::uint32_t a = opacityOf(table, counts[y]);
                    std::uint32_t& out = column[static_cast<std::size_t>(y)];
                    out = source[a] + (out ? byteMul(out, 255 - a) : 0u);
                }
            }
            for (int y = 0; y < height_; ++y)
                reinterpret_cast<std::uint32_t*>(bits + y * stride)[x] = column[static_cast<std::size_t>(y)];
        }
    };
    std::vector<std::size_t> gaps(axisX_.size() - 1);
    std::iota(gaps.begin(), gaps.end(), std::size_t{0});
    if (pool && pool->maxThreadCount() > 1)
        QtConcurrent::blockingMap(pool, gaps, mapGap);
    else
        std::for_each(gaps.begin(), gaps.end(), mapGap);
    return image;
}

} // namespace tendril::app::space
