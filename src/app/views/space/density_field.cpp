#include "views/space/density_field.hpp"

#include <QThreadPool>

#ifdef __linux__
#include <sys/mman.h>
#endif
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cstdlib>
#include <new>
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
{
    reset(scene, bands);
}

DensityField::~DensityField()
{
    std::free(block_);
}

void DensityField::reset(const LineScene& scene, int bands)
{
    bands_ = std::max(1, bands);
    width_ = scene.size.width();
    imageHeight_ = scene.size.height();
    // Only the rows lines can cross (the whole image for a scene that does not say).
    top_ = scene.linesBottom > scene.linesTop ? scene.linesTop : 0;
    height_ = scene.linesBottom > scene.linesTop ? scene.linesBottom - scene.linesTop : imageHeight_;
    axisX_ = scene.axisX;
    geometryId_ = scene.geometryId;
    lines_ = 0;
    const std::size_t gaps = axisX_.size() >= 2 ? axisX_.size() - 1 : 0;
    grids_.assign(static_cast<std::size_t>(bands_) * gaps, nullptr);
    offsets_.assign(grids_.size(), 0);
    std::size_t total = 0;
    for (int band = 0; band < bands_; ++band)
        for (std::size_t gap = 0; gap < gaps; ++gap) {
            offsets_[index(band, gap)] = total;
            total += static_cast<std::size_t>(columnsOf(gap)) * static_cast<std::size_t>(std::max(0, height_));
        }
    if (total <= blockSize_)
        return;
    std::free(block_);
    constexpr std::size_t kHugePage = std::size_t{2} << 20;
    const std::size_t bytes = (total * sizeof(std::uint32_t) + kHugePage - 1) / kHugePage * kHugePage;
    block_ = static_cast<std::uint32_t*>(std::aligned_alloc(kHugePage, bytes));
    if (!block_)
        throw std::bad_alloc();
    blockSize_ = bytes / sizeof(std::uint32_t);
#ifdef __linux__
    ::madvise(block_, bytes, MADV_HUGEPAGE);  // a hint: without it the block still works
#endif
}

bool operator==(const DensityField& a, const DensityField& b)
{
    if (a.bands_ != b.bands_ || a.width_ != b.width_ || a.height_ != b.height_ || a.top_ != b.top_
        || a.axisX_ != b.axisX_ || a.lines_ != b.lines_)
        return false;
    for (int band = 0; band < a.bands_; ++band)
        for (std::size_t gap = 0; gap + 1 < a.axisX_.size(); ++gap) {
            const std::uint32_t* x = a.gridOf(band, gap);
            const std::uint32_t* y = b.gridOf(band, gap);
            const std::size_t n = static_cast<std::size_t>(a.columnsOf(gap)) * static_cast<std::size_t>(a.height_);
            for (std::size_t i = 0; i < n; ++i)
                if ((x ? x[i] : 0u) != (y ? y[i] : 0u))
                    return false;
        }
    return true;
}

int DensityField::columnsOf(std::size_t gap) const
{
    // Each gap owns the columns from its left axis up to the next axis; the last one owns its
    // right axis's column too.
    const int columns = axisX_[gap + 1] - axisX_[gap];
    return gap + 2 == axisX_.size() ? columns + 1 : columns;
}

std::uint32_t* DensityField::cellsOf(int band, std::size_t gap)
{
    std::uint32_t*& grid = grids_[index(band, gap)];
    if (!grid) {
        grid = block_ + offsets_[index(band, gap)];
        std::fill_n(grid, static_cast<std::size_t>(columnsOf(gap)) * static_cast<std::size_t>(height_), 0u);
    }
    return grid;
}

DensityField::Fixed DensityField::fixedOf(const LineScene& scene, std::uint32_t row, std::size_t gap) const
{
    const float* y = scene.row(row);
    // Pixel j covers [j, j + 1): a line at height y weighs on the pixels around y - 0.5, which the
    // scene keeps at 0 or more, so adding a half rounds to nearest.
    const auto start = static_cast<std::int32_t>((y[gap] - top_ - 0.5) * kFixedOne + 0.5);
    const auto end = static_cast<std::int32_t>((y[gap + 1] - top_ - 0.5) * kFixedOne + 0.5);
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
    std::uint32_t* cells = cellsOf(band, gap);
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
        std::uint32_t* column = cells + static_cast<std::size_t>(c) * height_;
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
    y -= top_;
    if (band < 0 || band >= bands_ || y < 0 || y >= height_ || axisX_.size() < 2)
        return 0;
    for (std::size_t gap = 0; gap + 1 < axisX_.size(); ++gap) {
        const int c = x - axisX_[gap];
        if (c < 0 || c >= columnsOf(gap))
            continue;
        const std::uint32_t* cells = gridOf(band, gap);
        return cells ? cells[static_cast<std::size_t>(c) * height_ + y] : 0;
    }
    return 0;
}

double DensityField::referenceFor(const LinePaint& paint) const
{
    if (paint.densityReference > 0.0)
        return paint.densityReference;
    // A crowded place of this picture: the 98th percentile of the lines through the pixels that
    // have any, over every eighth column (the picture is smooth across columns). Crowding relative
    // to the picture itself keeps its structure visible whether it holds 5,000 lines or a million.
    constexpr int kEvery = 8;
    std::vector<std::uint32_t> totals;
    std::vector<std::uint32_t> column(static_cast<std::size_t>(height_));
    for (std::size_t gap = 0; gap + 1 < axisX_.size(); ++gap)
        for (int c = 0; c < columnsOf(gap); c += kEvery) {
            std::fill(column.begin(), column.end(), 0u);
            for (int band = 0; band < bands_; ++band) {
                const std::uint32_t* cells = gridOf(band, gap);
                if (!cells)
                    continue;
                const std::uint32_t* counts = cells + static_cast<std::size_t>(c) * height_;
                for (int y = 0; y < height_; ++y)
                    column[static_cast<std::size_t>(y)] += counts[y];
            }
            for (const std::uint32_t total : column)
                if (total > 0)
                    totals.push_back(total);
        }
    if (totals.empty())
        return 1.0;
    const auto at = totals.begin() + static_cast<std::ptrdiff_t>(0.98 * static_cast<double>(totals.size() - 1));
    std::nth_element(totals.begin(), at, totals.end());
    return std::max(2.0, static_cast<double>(*at) / kUnit);
}

QImage DensityField::toneMap(const LinePaint& paint, QThreadPool* pool) const
{
    QImage image(std::max(1, width_), std::max(1, imageHeight_), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    if (axisX_.size() < 2 || height_ < 3)
        return image;
    const std::vector<std::uint8_t> table = opacityTable(referenceFor(paint), paint.minAlpha, paint.maxAlpha);
    struct Rgb {
        float r, g, b;
    };
    std::vector<Rgb> colors(static_cast<std::size_t>(bands_));
    for (int band = 0; band < bands_; ++band) {
        const QRgb c = static_cast<std::size_t>(band) < paint.bandColor.size() ? paint.bandColor[band] : paint.color;
        colors[static_cast<std::size_t>(band)] = {static_cast<float>(qRed(c)), static_cast<float>(qGreen(c)),
                                                  static_cast<float>(qBlue(c))};
    }
    uchar* bits = image.bits();
    const qsizetype stride = image.bytesPerLine();
    const auto mapGap = [&](std::size_t gap) {
        const auto h = static_cast<std::size_t>(height_);
        std::vector<std::uint32_t> total(h);
        std::vector<Rgb> sum(h);
        const int columns = columnsOf(gap);
        for (int c = 0; c < columns; ++c) {
            const int x = axisX_[gap] + c;
            if (x < 0 || x >= width_)
                continue;
            std::fill(total.begin(), total.end(), 0u);
            std::fill(sum.begin(), sum.end(), Rgb{0.0f, 0.0f, 0.0f});
            for (int band = 0; band < bands_; ++band) {
                const std::uint32_t* cells = gridOf(band, gap);
                if (!cells)
                    continue;
                const std::uint32_t* counts = cells + static_cast<std::size_t>(c) * h;
                const Rgb color = colors[static_cast<std::size_t>(band)];
                for (std::size_t y = 0; y < h; ++y) {
                    const std::uint32_t n = counts[y];
                    total[y] += n;
                    const auto w = static_cast<float>(n);
                    sum[y].r += w * color.r;
                    sum[y].g += w * color.g;
                    sum[y].b += w * color.b;
                }
            }
            for (std::size_t y = 0; y < h; ++y) {
                std::uint32_t pixel = 0;
                if (total[y] > 0) {
                    // The lines' mean colour, at an opacity that grows with how many there are.
                    const float a = static_cast<float>(opacityOf(table, total[y]));
                    const float scale = a / (255.0f * static_cast<float>(total[y]));
                    pixel = (static_cast<std::uint32_t>(a + 0.5f) << 24)
                        | (static_cast<std::uint32_t>(sum[y].r * scale + 0.5f) << 16)
                        | (static_cast<std::uint32_t>(sum[y].g * scale + 0.5f) << 8)
                        | static_cast<std::uint32_t>(sum[y].b * scale + 0.5f);
                }
                reinterpret_cast<std::uint32_t*>(bits + (static_cast<int>(y) + top_) * stride)[x] = pixel;
            }
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
