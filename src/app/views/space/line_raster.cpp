#include "views/space/line_raster.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace tendril::app::space {

namespace {

// x's four channels times a / 255, rounded (the raster engine's own byte multiply).
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

// floor and ceil without a call into the maths library (which they are without SSE4.1): they run
// for every row or column a line crosses.
inline int floorInt(float x)
{
    const int i = static_cast<int>(x);
    return i - (x < static_cast<float>(i) ? 1 : 0);
}

inline int ceilInt(float x)
{
    return -floorInt(-x);
}

// The length of [a0, a1] ∩ [b0, b1], or 0.
inline float overlap(float a0, float a1, float b0, float b1)
{
    return std::max(0.0f, std::min(a1, b1) - std::max(a0, b0));
}

} // namespace

LineRaster::LineRaster(QImage& image)
    : bits_(image.bits()),
      stride_(image.bytesPerLine()),
      width_(image.width()),
      height_(image.height()),
      bottom_(image.height())
{
}

void LineRaster::setRows(int top, int bottom)
{
    top_ = std::clamp(top, 0, height_);
    bottom_ = std::clamp(bottom, top_, height_);
}

namespace {

// Source-over of a premultiplied colour at coverage c (0..255).
inline void blendPixel(std::uint32_t* pixel, std::uint32_t premultiplied, std::uint32_t c)
{
    const std::uint32_t source = byteMul(premultiplied, c);
    *pixel = source + byteMul(*pixel, 255 - (source >> 24));
}

inline std::uint32_t coverageByte(float coverage)
{
    return static_cast<std::uint32_t>(std::min(1.0f, coverage) * 255.0f + 0.5f);
}

} // namespace

void LineRaster::blend(int x, int y, float coverage, QRgb premultiplied)
{
    if (x < 0 || y < top_ || x >= width_ || y >= bottom_)
        return;
    if (const std::uint32_t c = coverageByte(coverage))
        blendPixel(reinterpret_cast<std::uint32_t*>(bits_ + y * stride_) + x, premultiplied, c);
}

void LineRaster::drawSegment(float x0, float y0, float x1, float y1, float width, QRgb color)
{
    if (!std::isfinite(x0) || !std::isfinite(y0) || !std::isfinite(x1) || !std::isfinite(y1) || !(width > 0.0f))
        return;
    if (x0 == x1 && y0 == y1)
        return;  // covers no area
    // Nothing of it in the rows drawn: a segment reaches at most its width beyond its ends' rows
    // (half its width stretched by a slope of at most 1).
    if (std::max(y0, y1) + width < top_ || std::min(y0, y1) - width >= bottom_)
        return;
    const QRgb premultiplied = qPremultiply(color);
    if (std::fabs(x1 - x0) >= std::fabs(y1 - y0))
        spanX(x0, y0, x1, y1, width, premultiplied);
    else
        spanY(x0, y0, x1, y1, width, premultiplied);
}

void LineRaster::drawPolyline(const float* xs, const float* ys, std::size_t n, float width, QRgb color)
{
    for (std::size_t i = 1; i < n; ++i)
        drawSegment(xs[i - 1], ys[i - 1], xs[i], ys[i], width, color);
}

// Mostly horizontal: column by column, the segment covers a vertical span of its thickness
// stretched by the slope; the end columns are covered in part.
void LineRaster::spanX(float x0, float y0, float x1, float y1, float width, QRgb premultiplied)
{
    if (x1 < x0) {
        std::swap(x0, x1);
        std::swap(y0, y1);
    }
    const float dx = x1 - x0;
    const float slope = (y1 - y0) / dx;  // dx >= |dy| and the segment has a length: dx > 0
    const float half = 0.5f * width * std::sqrt(1.0f + slope * slope);
    const int first = std::max(0, floorInt(x0));
    const int last = std::min(width_ - 1, ceilInt(x1) - 1);
    for (int x = first; x <= last; ++x) {
        const float across = overlap(x0, x1, static_cast<float>(x), x + 1.0f);
        if (across <= 0.0f)
            continue;
        const float center = std::clamp(x + 0.5f, x0, x1);
        const float yc = y0 + slope * (center - x0);
        const float top = yc - half, bottom = yc + half;
        const int rowFirst = std::max(top_, floorInt(top));
        const int rowLast = std::min(bottom_ - 1, ceilInt(bottom) - 1);
        std::uint32_t* pixel = reinterpret_cast<std::uint32_t*>(bits_ + rowFirst * stride_) + x;
        for (int y = rowFirst; y <= rowLast; ++y, pixel = reinterpret_cast<std::uint32_t*>(reinterpret_cast<uchar*>(pixel) + stride_))
            if (const std::uint32_t c = coverageByte(across * overlap(top, bottom, static_cast<float>(y), y + 1.0f)))
                blendPixel(pixel, premultiplied, c);
    }
}

// Mostly vertical: the same, row by row.
void LineRaster::spanY(float x0, float y0, float x1, float y1, float width, QRgb premultiplied)
{
    if (y1 < y0) {
        std::swap(x0, x1);
        std::swap(y0, y1);
    }
    const float dy = y1 - y0;
    const float slope = (x1 - x0) / dy;  // dy > |dx| >= 0 here
    const float half = 0.5f * width * std::sqrt(1.0f + slope * slope);
    const int first = std::max(top_, floorInt(y0));
    const int last = std::min(bottom_ - 1, ceilInt(y1) - 1);
    for (int y = first; y <= last; ++y) {
        const float along = overlap(y0, y1, static_cast<float>(y), y + 1.0f);
        if (along <= 0.0f)
            continue;
        const float center = std::clamp(y + 0.5f, y0, y1);
        const float xc = x0 + slope * (center - y0);
        const float left = xc - half, right = xc + half;
        const int columnFirst = std::max(0, floorInt(left));
        const int columnLast = std::min(width_ - 1, ceilInt(right) - 1);
        std::uint32_t* row = reinterpret_cast<std::uint32_t*>(bits_ + y * stride_);
        for (int x = columnFirst; x <= columnLast; ++x)
            if (const std::uint32_t c = coverageByte(along * overlap(left, right, static_cast<float>(x), x + 1.0f)))
                blendPixel(row + x, premultiplied, c);
    }
}

} // namespace tendril::app::space
