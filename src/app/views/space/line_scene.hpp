// What the parallel-coordinates renderers draw: every trial as a polyline through the axes, in
// pixels, and how one layer's lines look. Built on the GUI thread from the table and the axes
// (cheap: one multiply-add per trial and axis), then handed by value to the renderers, which run on
// worker threads and never touch the table.
#pragma once

#include <QColor>
#include <QRectF>
#include <QSize>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tendril::app::space {

struct LineScene {
    QSize size;                    // the layer images, in logical pixels
    double devicePixelRatio = 1.0; // exact layers render at it; density layers at logical pixels
    std::vector<int> axisX;        // each axis's pixel column, left to right, strictly increasing
    std::size_t rows = 0;
    // The rows lines can cross, [linesTop, linesBottom): the axes and the "no value" row. Density
    // grids cover these rows only.
    int linesTop = 0;
    int linesBottom = 0;
    // rows × axisCount() y pixels, row-major, each inside [linesTop + 0.5, linesBottom - 1.5]: a
    // value the axis cannot place has been put on the axis's "no value" mark already.
    std::vector<float> ys;
    // Per axis: some row has no value it can place there (its line goes to the "no value" row).
    std::vector<char> axisMissing;
    // Bumped whenever axisX, ys or size change: renderers keep state per geometry.
    std::uint64_t geometryId = 0;

    std::size_t axisCount() const { return axisX.size(); }
    const float* row(std::size_t r) const { return ys.data() + r * axisX.size(); }
    bool drawable() const { return axisX.size() >= 2 && rows > 0 && size.width() > 0 && size.height() > 2; }
};

// How the lines of one layer look.
struct LinePaint {
    // Exact lines: the colour of each scene row (unpremultiplied ARGB); empty: color for all.
    std::vector<QRgb> rowColor;
    QRgb color = 0xff808080;
    float width = 1.0f;    // logical pixels
    float opacity = 1.0f;  // multiplies the colours' alpha
    // Exact lines: a wider line in this colour under each line (0: none), so a line stands out
    // from the lines under it.
    QRgb halo = 0;
    float haloWidth = 0.0f;
    // Exact lines: drawn in increasing rank, so a higher rank lies on top (better trials over worse
    // ones); empty: in the order given.
    std::vector<float> rowRank;

    // Density: the band of each scene row (empty: band 0) and each band's colour; a pixel shows
    // the mean colour of the lines through it.
    std::vector<std::uint8_t> rowBand;
    std::vector<QRgb> bandColor;
    // Lines through a pixel at which it reaches maxAlpha; 0: a crowded place of the picture.
    double densityReference = 0.0;
    float minAlpha = 0.22f;  // one line through a pixel
    float maxAlpha = 0.95f;

    QRgb colorOf(std::size_t row) const { return rowColor.empty() ? color : rowColor[row]; }
    std::uint8_t bandOf(std::size_t row) const { return rowBand.empty() ? 0 : rowBand[row]; }
    float rankOf(std::size_t row) const { return rowRank.empty() ? 0.0f : rowRank[row]; }
};

} // namespace tendril::app::space
