// The parallel-coordinates renderers as pure functions, checked on their pixels: lines left out of
// a layer leave no pixels, the selection lies on top, a log axis spaces decades evenly, density
// follows the number of lines, in-place density updates equal a fresh build, and the hovered line
// is drawn exactly over a density picture.
#include "style/plot_colors.hpp"
#include "views/space/density_field.hpp"
#include "views/space/layer_renderer.hpp"
#include "views/space/line_layers.hpp"
#include "views/space/line_raster.hpp"
#include "views/space/parallel_plot.hpp"
#include "views/space/space_scene.hpp"

#include <QApplication>
#include <QPainter>

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <random>

namespace tendril::app::space {
namespace {

constexpr QRgb kInk = 0xff204080;

// A scene of lines across three axes at x 20, 160, 300: row r is at ys[r] on every axis unless
// given its own heights.
LineScene flatScene(const std::vector<float>& heights, QSize size = {320, 200})
{
    LineScene scene;
    scene.size = size;
    scene.axisX = {20, 160, 300};
    scene.rows = heights.size();
    for (const float y : heights)
        scene.ys.insert(scene.ys.end(), {y, y, y});
    scene.geometryId = 1;
    return scene;
}

std::vector<std::uint32_t> allRows(std::size_t n)
{
    std::vector<std::uint32_t> rows(n);
    for (std::size_t i = 0; i < n; ++i)
        rows[i] = static_cast<std::uint32_t>(i);
    return rows;
}

int alphaAt(const QImage& image, int x, int y)
{
    return qAlpha(image.pixel(x, y));
}

// The highest alpha in a column between two rows.
int maxAlpha(const QImage& image, int x, int y0, int y1)
{
    int best = 0;
    for (int y = y0; y <= y1; ++y)
        best = std::max(best, alphaAt(image, x, y));
    return best;
}

// Random lines in a band of heights [low, high] across the axes.
LineScene randomScene(int rows, float low, float high, std::uint32_t seed, QSize size = {320, 200})
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> y(low, high);
    LineScene scene;
    scene.size = size;
    scene.axisX = {20, 160, 300};
    scene.rows = static_cast<std::size_t>(rows);
    for (int r = 0; r < rows; ++r)
        scene.ys.insert(scene.ys.end(), {y(rng), y(rng), y(rng)});
    scene.geometryId = 2;
    return scene;
}

TEST(SpaceRasterTest, AHorizontalLineCoversItsPixelRowExactly)
{
    QImage image(40, 20, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    LineRaster raster(image);
    raster.drawSegment(5.0f, 10.5f, 35.0f, 10.5f, 1.0f, kInk);
    EXPECT_EQ(image.pixel(20, 10), kInk);
    EXPECT_EQ(alphaAt(image, 20, 9), 0);
    EXPECT_EQ(alphaAt(image, 20, 11), 0);
    EXPECT_EQ(alphaAt(image, 3, 10), 0);  // before the start
    // On a pixel border the line shares itself between the two rows.
    raster.drawSegment(5.0f, 4.0f, 35.0f, 4.0f, 1.0f, kInk);
    EXPECT_NEAR(alphaAt(image, 20, 3), 128, 1);
    EXPECT_NEAR(alphaAt(image, 20, 4), 128, 1);
    // A steep segment is covered row by row.
    raster.drawSegment(2.5f, 0.0f, 2.5f, 20.0f, 1.0f, kInk);
    for (int y = 0; y < 20; ++y)
        EXPECT_EQ(alphaAt(image, 2, y), 255) << y;
}

TEST(SpaceRendererTest, RowsLeftOutOfAnExactLayerLeaveNoPixels)
{
    const LineScene scene = flatScene({40.5f, 150.5f});
    LinePaint paint;
    paint.color = kInk;
    const std::vector<std::uint32_t> onlyFirst{0};
    const QImage image = renderExactLines(scene, onlyFirst, paint);
    ASSERT_EQ(image.size(), QSize(320, 200));
    EXPECT_EQ(image.pixel(100, 40), kInk);
    EXPECT_EQ(maxAlpha(image, 100, 140, 160), 0);
    EXPECT_EQ(maxAlpha(image, 250, 140, 160), 0);
}

TEST(SpaceRendererTest, RowsLeftOutOfADensityLayerLeaveNoPixels)
{
    // Well above the exact limit: half the lines near the top, half near the bottom.
    LineScene scene = randomScene(2 * static_cast<int>(kExactLineLimit), 10.0f, 60.0f, 3);
    const LineScene bottom = randomScene(2 * static_cast<int>(kExactLineLimit), 130.0f, 190.0f, 4);
    scene.ys.insert(scene.ys.end(), bottom.ys.begin(), bottom.ys.end());
    scene.rows += bottom.rows;
    LinePaint paint;
    paint.bandColor = {kInk};
    std::vector<std::uint32_t> topRows = allRows(scene.rows / 2);
    ASSERT_EQ(lineModeFor(topRows.size()), LineMode::Density);
    const QImage image = renderLines(scene, topRows, paint);
    int inked = 0;
    for (int x = 20; x <= 300; x += 7) {
        inked += maxAlpha(image, x, 10, 60) > 0;
        EXPECT_EQ(maxAlpha(image, x, 70, 199), 0) << x;
    }
    EXPECT_GT(inked, 30);
}

TEST(SpaceRendererTest, DensityGrowsWithTheNumberOfLinesThroughAPixel)
{
    std::vector<float> heights;
    for (int i = 0; i < 3000; ++i)
        heights.push_back(50.5f);  // a bundle of 3000 lines
    heights.push_back(150.5f);     // and one line alone
    const LineScene scene = flatScene(heights);
    LinePaint paint;
    paint.bandColor = {kInk};
    paint.minAlpha = 0.2f;
    paint.maxAlpha = 0.9f;
    const QImage image = renderDensityLines(scene, allRows(heights.size()), paint);
    EXPECT_NEAR(alphaAt(image, 100, 50), 230, 2);   // the bundle saturates
    EXPECT_NEAR(alphaAt(image, 100, 150), 51, 2);   // the lone line stays visible
    EXPECT_EQ(alphaAt(image, 100, 100), 0);
}

TEST(SpaceRendererTest, ADensityPixelShowsTheMeanColourOfItsLines)
{
    // A quarter of the lines red, three quarters blue, all through the same pixels.
    std::vector<float> heights(4000, 100.5f);
    LineScene scene = flatScene(heights);
    LinePaint paint;
    paint.bandColor = {0xffff0000, 0xff0000ff};
    paint.rowBand.assign(heights.size(), 1);
    for (std::size_t r = 0; r < heights.size(); r += 4)
        paint.rowBand[r] = 0;
    paint.maxAlpha = 1.0f;
    const QImage image = renderDensityLines(scene, allRows(heights.size()), paint);
    const QRgb pixel = image.pixel(100, 100);
    EXPECT_EQ(qAlpha(pixel), 255);
    EXPECT_NEAR(qRed(pixel), 64, 1);
    EXPECT_NEAR(qBlue(pixel), 191, 1);
    EXPECT_EQ(qGreen(pixel), 0);
}

TEST(SpaceRendererTest, UpdatingADensityFieldInPlaceEqualsBuildingItAnew)
{
    const LineScene scene = randomScene(6000, 2.0f, 197.0f, 9);
    LinePaint paint;
    paint.bandColor = {0xff808080, kInk, 0xff00a000};
    paint.rowBand.resize(scene.rows);
    for (std::size_t r = 0; r < scene.rows; ++r)
        paint.rowBand[r] = static_cast<std::uint8_t>(r % 3);
    std::vector<std::uint32_t> before, after;
    for (std::uint32_t r = 0; r < scene.rows; ++r) {
        if (r % 5 != 0)
            before.push_back(r);
        if (r % 7 != 0)
            after.push_back(r);
    }
    DensityField updated(scene, 3);
    updated.add(scene, before, paint, LayerRenderer::computePool());
    for (std::uint32_t r = 0; r < scene.rows; ++r) {
        const bool was = r % 5 != 0, is = r % 7 != 0;
        if (was && !is)
            updated.addRow(scene, r, paint.rowBand[r], -1);
        if (!was && is)
            updated.addRow(scene, r, paint.rowBand[r], +1);
    }
    DensityField fresh(scene, 3);
    fresh.add(scene, after, paint);
    EXPECT_TRUE(updated == fresh);
    EXPECT_EQ(updated.lines(), static_cast<std::int64_t>(after.size()));
    EXPECT_EQ(updated.toneMap(paint), fresh.toneMap(paint));
}

TEST(SpaceRendererTest, TheLayerRendererUpdatesDensityInPlaceToTheSamePicture)
{
    auto scene = std::make_shared<LineScene>(randomScene(20000, 2.0f, 197.0f, 11));
    auto paint = std::make_shared<LinePaint>();
    paint->bandColor = {kInk};
    const auto job = [&](std::uint32_t modulo) {
        LayerJob j;
        j.scene = scene;
        auto focus = std::make_shared<std::vector<std::uint32_t>>();
        for (std::uint32_t r = 0; r < scene->rows; ++r)
            if (r % modulo != 0)
                focus->push_back(r);
        j.focusRows = std::move(focus);
        j.focusPaint = paint;
        return j;
    };
    LayerRenderer moving;
    moving.renderNow(job(50), kFocusLayer);
    const RenderedLayers moved = moving.renderNow(job(40), kFocusLayer);  // 1 % of the lines changed
    LayerRenderer fresh;
    const RenderedLayers built = fresh.renderNow(job(40), kFocusLayer);
    EXPECT_EQ(moved.focusMode, LineMode::Density);
    EXPECT_EQ(moved.focus, built.focus);
}

TEST(SpaceRendererTest, TheRendererDeliversOnlyTheNewestPictureInOrder)
{
    auto scene = std::make_shared<LineScene>(randomScene(500, 2.0f, 197.0f, 5));
    LayerRenderer renderer;
    std::vector<std::uint64_t> delivered;
    QObject::connect(&renderer, &LayerRenderer::rendered,
                     [&](const RenderedLayers& result) { delivered.push_back(result.generation); });
    std::uint64_t last = 0;
    for (int i = 0; i < 20; ++i) {
        LayerJob job;
        job.scene = scene;
        job.contextRows = std::make_shared<std::vector<std::uint32_t>>(allRows(scene->rows));
        last = renderer.render(job, kContextLayer);
    }
    ASSERT_TRUE(renderer.waitForIdle());
    ASSERT_FALSE(delivered.empty());
    EXPECT_EQ(delivered.back(), last);
    EXPECT_LE(delivered.size(), 20u);
    EXPECT_TRUE(std::is_sorted(delivered.begin(), delivered.end()));
}

TEST(SpaceRendererTest, TheSelectionIsDrawnOnTopOfTheOtherLayers)
{
    // Two focus lines and one selected line on the same heights: the composite shows the
    // selection's colour there, in the order the plot paints its layers.
    const LineScene scene = flatScene({60.5f, 60.5f, 120.5f});
    const PlotColors colors = PlotColors::of(QApplication::palette());
    LinePaint focus = focusPaint(TrialTable(), Coloring::Objective, {}, false);
    focus.rowColor = {0xff00aa00, 0xff00aa00, 0xff00aa00};
    const QImage focusLayer = renderExactLines(scene, std::vector<std::uint32_t>{0, 1, 2}, focus);
    const QImage selectionLayer = renderExactLines(scene, std::vector<std::uint32_t>{1}, selectionPaint(colors));
    QImage composite(scene.size, QImage::Format_ARGB32_Premultiplied);
    composite.fill(colors.canvas);
    QPainter p(&composite);
    p.drawImage(0, 0, focusLayer);
    p.drawImage(0, 0, selectionLayer);
    p.end();
    EXPECT_EQ(composite.pixel(100, 60), colors.accent.rgb());
    // The unselected line elsewhere keeps its own colour.
    const QRgb other = composite.pixel(100, 120);
    EXPECT_GT(qGreen(other), qRed(other) + 40);
}

TEST(SpaceRendererTest, ALogAxisSpacesDecadesEvenlyInThePicture)
{
    AxisGeometry log(0, AxisKind::Log, {1e-4, 1e0});
    log.setPixelSpan(20.0, 180.0);
    std::vector<float> heights;
    for (const double v : {1e-4, 1e-3, 1e-2, 1e-1, 1e0})
        heights.push_back(static_cast<float>(log.toPixel(v)));
    const LineScene scene = flatScene(heights);
    LinePaint paint;
    paint.color = kInk;
    const QImage image = renderExactLines(scene, allRows(heights.size()), paint);
    // The centre of ink of each line in the middle of the first gap.
    std::vector<double> centres;
    double weight = 0.0, moment = 0.0;
    for (int y = 0; y < image.height(); ++y) {
        const int a = alphaAt(image, 90, y);
        if (a == 0 && weight > 0.0) {
            centres.push_back(moment / weight);
            weight = moment = 0.0;
        }
        weight += a;
        moment += a * (y + 0.5);
    }
    ASSERT_EQ(centres.size(), 5u);
    for (std::size_t i = 1; i < centres.size(); ++i)
        EXPECT_NEAR(centres[i] - centres[i - 1], 40.0, 0.05) << i;
}

TEST(SpacePlotTest, TheHoveredLineIsDrawnExactlyOverADensityPicture)
{
    // A real plot with enough trials for density, one of them hovered.
    auto study = std::make_shared<Study>();
    study->name = "many";
    study->objective = {"acc", Direction::Maximize};
    study->space.params = {Param::floatRange("x", 0.0, 1.0), Param::floatRange("y", 0.0, 1.0)};
    std::mt19937 rng(2);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int i = 0; i < 5000; ++i) {
        Trial t;
        t.id = "t" + std::to_string(i);
        t.number = i;
        t.setParam("x", unit(rng));
        t.setParam("y", unit(rng));
        t.setMetric("acc", unit(rng));
        study->trials.push_back(std::move(t));
    }
    auto table = std::make_shared<const TrialTable>(std::vector<ShownStudy>{{1, study}});
    ParallelPlot plot;
    plot.resize(700, 420);
    plot.show();
    QCoreApplication::processEvents();
    plot.setData(table, {*table->paramColumn("x"), *table->paramColumn("y"), *table->objectiveColumn()},
                 table->objectiveColumn(), Direction::Maximize);
    ASSERT_TRUE(plot.renderer().waitForIdle());
    EXPECT_EQ(plot.focusMode(), LineMode::Density);
    const std::size_t hovered = 1234;
    plot.setHoveredRow(hovered);
    const QImage shot = plot.grab().toImage();
    const PlotColors colors = PlotColors::of(plot);
    const float* y = plot.scene()->row(hovered);
    for (std::size_t gap = 0; gap + 1 < plot.axisX().size(); ++gap) {
        const double x = 0.5 * (plot.axisX()[gap] + plot.axisX()[gap + 1]) + 0.5;
        const double yMid = 0.5 * (y[gap] + y[gap + 1]);
        // In the line's middle the pixel is the ink itself (to a rounding of the antialiasing),
        // whatever density lies under it.
        const QColor pixel = shot.pixelColor(static_cast<int>(x), static_cast<int>(std::floor(yMid)));
        EXPECT_NEAR(pixel.red(), colors.ink.red(), 3) << gap;
        EXPECT_NEAR(pixel.green(), colors.ink.green(), 3) << gap;
        EXPECT_NEAR(pixel.blue(), colors.ink.blue(), 3) << gap;
    }
}

} // namespace
} // namespace tendril::app::space
