// Antialiased straight lines blended into an image, for the exact parallel-coordinates layers.
//
// QPainter's raster engine takes about half a second per thousand antialiased polylines across a
// plot here (more when translucent), which would make even the exact layers of a few thousand
// trials sluggish. A parallel-coordinates line is a few straight segments of one width, so it is
// drawn directly: per pixel column (or row, for a steep segment) the line covers a span of the
// cross axis, each pixel gets the exact area it covers, and the colour is blended source-over in
// premultiplied integers. The result matches an antialiased QPainter line to within a shade.
// A line walks down the rows of the image, so a picture is drawn band by band of rows: each band
// stays in the cache while every line crosses it, and bands can be drawn in parallel.
#pragma once

#include <QImage>
#include <QRgb>

#include <cstddef>

namespace tendril::app::space {

class LineRaster {
public:
    // image must be Format_ARGB32_Premultiplied; coordinates are in its pixels.
    explicit LineRaster(QImage& image);

    // Draws only into the rows [top, bottom): a band of the image small enough to stay in the
    // cache, or one of several bands drawn on different threads.
    void setRows(int top, int bottom);

    // A segment of the given width in colour (unpremultiplied ARGB; its alpha is the opacity).
    void drawSegment(float x0, float y0, float x1, float y1, float width, QRgb color);
    // n points joined by segments; the joints are not blended twice along the major axis.
    void drawPolyline(const float* xs, const float* ys, std::size_t n, float width, QRgb color);

private:
    void spanX(float x0, float y0, float x1, float y1, float width, QRgb premultiplied);
    void spanY(float x0, float y0, float x1, float y1, float width, QRgb premultiplied);
    void blend(int x, int y, float coverage, QRgb premultiplied);

    uchar* bits_;
    qsizetype stride_;
    int width_;
    int height_;
    int top_ = 0;     // the rows drawn into: [top_, bottom_)
    int bottom_ = 0;
};

} // namespace tendril::app::space
