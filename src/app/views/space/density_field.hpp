// Parallel coordinates of many trials as a density image: every line is accumulated into integer
// per-pixel counts, one count grid per axis gap and colour band, and the counts are tone-mapped
// once into an image. Drawing 100,000 translucent polylines with QPainter takes tens of seconds;
// this takes a pass over (lines × gap pixel columns) adds.
//
// The build runs column by column: for one pixel column of a gap every line's height there is one
// add in fixed point, and its two antialiasing weights go into a histogram of the column that
// stays in the first-level cache; the gaps run in parallel. The counts are integers and
// a line's contribution is a pure function of its two end pixels, so removing a line subtracts
// exactly what adding it added: a brush that moves changes only the lines that cross its edge, and
// the field after adding and removing lines one by one equals a field built from scratch, bit for
// bit.
//
// Bands carry colour: for the objective colouring band k holds the k-th slice of the performance
// range. A pixel shows the mean colour of the lines through it (where good trials run, the picture
// is dark green) at an opacity that grows with their number.
#pragma once

#include "views/space/line_scene.hpp"

#include <QImage>

#include <cstdint>
#include <span>
#include <vector>

class QThreadPool;

namespace tendril::app::space {

class DensityField {
public:
    // One line through a pixel, fully covering it, adds kUnit.
    static constexpr std::uint32_t kUnit = 256;

    // An empty field with the scene's gaps and height and this many bands.
    DensityField(const LineScene& scene, int bands);
    ~DensityField();
    DensityField(const DensityField&) = delete;
    DensityField& operator=(const DensityField&) = delete;
    // Empty again, for another geometry or band count. The grids live in one block of memory,
    // asked for in huge pages and kept for reuse: fresh memory faulted in 4 KiB at a time was most
    // of a first build on a virtual machine.
    void reset(const LineScene& scene, int bands);

    int bands() const { return bands_; }
    std::uint64_t geometryId() const { return geometryId_; }
    // How many lines the field holds (added minus removed), over all bands.
    std::int64_t lines() const { return lines_; }

    // A line added to (sign +1) or removed from (sign -1) a band.
    struct Change {
        std::uint32_t row = 0;
        int band = 0;
        int sign = 1;
    };
    // Applies the changes column by column, the gaps spread over the pool's threads (the calling
    // thread's only when pool is null).
    void apply(const LineScene& scene, std::span<const Change> changes, QThreadPool* pool = nullptr);
    // Adds these scene rows, each in paint.bandOf(row).
    void add(const LineScene& scene, std::span<const std::uint32_t> rows, const LinePaint& paint,
             QThreadPool* pool = nullptr);
    // Adds (sign +1) or removes (sign -1) one row's line in band.
    void addRow(const LineScene& scene, std::uint32_t row, int band, int sign);

    // The count of band at pixel (x, y) of the image, in kUnit per line; 0 outside the gaps and
    // the rows lines can cross.
    std::uint32_t at(int band, int x, int y) const;

    // The counts as an image of scene.size() (logical pixels): each pixel in the count-weighted
    // mean of its bands' colours, with an opacity growing with the logarithm of its count, minAlpha
    // for one line and maxAlpha from reference lines on (paint.densityReference, else a crowded
    // place of this picture: the 98th percentile of the pixels that hold lines).
    QImage toneMap(const LinePaint& paint, QThreadPool* pool = nullptr) const;
    // The reference toneMap uses for this paint.
    double referenceFor(const LinePaint& paint) const;

    // The same counts everywhere (a grid never used equals one of zeros).
    friend bool operator==(const DensityField& a, const DensityField& b);

private:
    struct Fixed {
        std::int32_t start;  // the line's height at the gap's first column - 0.5, in 1/65536 pixel
        std::int32_t step;   // per column
    };
    // A worker's buffers, reused across the bands of a gap.
    struct Scratch {
        std::vector<std::int32_t> position;
        std::vector<std::int32_t> step;
        std::vector<std::uint32_t> even;
        std::vector<std::uint32_t> odd;
    };
    int columnsOf(std::size_t gap) const;
    // The grid of band in gap, zeroed and taken into use on first call.
    std::uint32_t* cellsOf(int band, std::size_t gap);
    // The grid of band in gap, or nullptr while unused (all zeros).
    const std::uint32_t* gridOf(int band, std::size_t gap) const { return grids_[index(band, gap)]; }
    std::size_t index(int band, std::size_t gap) const
    {
        return static_cast<std::size_t>(band) * (axisX_.size() - 1) + gap;
    }
    Fixed fixedOf(const LineScene& scene, std::uint32_t row, std::size_t gap) const;
    // rows' lines in band across one gap, added (sign 1) or removed (sign ~0u).
    void accumulate(const LineScene& scene, std::size_t gap, int band, std::span<const std::uint32_t> rows,
                    std::uint32_t sign, Scratch& scratch);

    int bands_ = 1;
    int width_ = 0;
    int imageHeight_ = 0;
    int top_ = 0;     // the scene's first row lines can cross
    int height_ = 0;  // rows from top_ the grids hold
    std::vector<int> axisX_;
    std::uint64_t geometryId_ = 0;
    // [band * gaps + gap]: columnsOf(gap) × height_ counts, column-major, at offsets_ in the
    // block; nullptr until used.
    std::vector<std::uint32_t*> grids_;
    std::vector<std::size_t> offsets_;
    std::uint32_t* block_ = nullptr;
    std::size_t blockSize_ = 0;  // counts the block holds
    std::int64_t lines_ = 0;
};

} // namespace tendril::app::space
