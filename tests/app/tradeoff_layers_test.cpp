// The trade-off plot's layers as pure renderers: what each one leaves on its image.
#include "style/app_style.hpp"
#include "style/plot_colors.hpp"
#include "style/study_colors.hpp"
#include "views/tradeoff/scatter_layers.hpp"

#include <QGuiApplication>
#include <QImage>
#include <QPalette>

#include <gtest/gtest.h>

#include <cmath>

namespace tendril::app::tradeoff {
namespace {

std::shared_ptr<Study> studyOf(const std::string& name, const std::vector<TrialState>& states)
{
    auto s = std::make_shared<Study>();
    s->name = name;
    s->objective = {"acc", Direction::Maximize};
    for (std::size_t i = 0; i < states.size(); ++i) {
        Trial t;
        t.id = "t" + std::to_string(i);
        t.number = static_cast<std::int64_t>(i);
        t.state = states[i];
        t.setMetric("acc", 0.5);
        s->trials.push_back(t);
    }
    return s;
}

class TradeoffLayersTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        using S = TrialState;
        scene.table = std::make_shared<const TrialTable>(std::vector<ShownStudy>{
            {1, studyOf("a", {S::Complete, S::Pruned, S::Failed})}, {2, studyOf("b", {S::Complete, S::Running})}});
        // Rows 0..4 on a line, 40 px apart; row 5 does not exist, the sixth position is for NaN.
        for (int i = 0; i < 5; ++i)
            scene.positions.emplace_back(40.0 + 40.0 * i, 50.0);
        scene.visible = {1, 1, 1, 0, 1};
        scene.plotArea = QRectF(0, 0, size.width(), size.height());
        // The light theme's colours, as the plot takes them from its palette.
        scene.colors = scatterColors(PlotColors::of(QGuiApplication::palette()));
        ASSERT_FALSE(PlotColors::of(QGuiApplication::palette()).dark);
    }

    static int alphaAt(const QImage& image, QPointF p) { return image.pixelColor(p.toPoint()).alpha(); }
    // Hue distance to the expected colour, ignoring the marker's translucency.
    static bool looksLike(const QImage& image, QPointF p, const QColor& expected)
    {
        const QColor c = image.pixelColor(p.toPoint());
        return c.alpha() > 150 && std::abs(c.red() - expected.red()) < 40 && std::abs(c.green() - expected.green()) < 40
            && std::abs(c.blue() - expected.blue()) < 40;
    }

    QSize size{240, 100};
    ScatterScene scene;
    MarkerSprites sprites{1.0};
};

TEST_F(TradeoffLayersTest, HiddenTrialsLeaveNoPixelsInTheTrialLayerOnlyInTheContextLayer)
{
    const QImage trials = renderTrialLayer(scene, size, sprites);
    const QImage context = renderContextLayer(scene, size, sprites);
    EXPECT_EQ(alphaAt(trials, scene.positions[3]), 0);
    EXPECT_GT(alphaAt(context, scene.positions[3]), 0);
    EXPECT_LT(context.pixelColor(scene.positions[3].toPoint()).saturation(), 60);  // grey, not a study colour
    for (const std::size_t row : {0u, 1u, 2u, 4u})
        EXPECT_EQ(alphaAt(context, scene.positions[row]), 0) << row;
    // Nothing hidden: the context layer is empty.
    scene.visible.clear();
    const QImage none = renderContextLayer(scene, size, sprites);
    EXPECT_TRUE(none.isNull() || alphaAt(none, scene.positions[3]) == 0);
}

TEST_F(TradeoffLayersTest, MarkersTellStudyByColourAndStateByShape)
{
    const QImage trials = renderTrialLayer(scene, size, sprites);
    const QPointF complete = scene.positions[0], pruned = scene.positions[1], failed = scene.positions[2];
    // Complete: a filled disc in study a's colour.
    EXPECT_TRUE(looksLike(trials, complete, studyColor(0)));
    // Pruned: a hollow ring, empty at the centre, coloured on the rim.
    EXPECT_EQ(alphaAt(trials, pruned), 0);
    EXPECT_TRUE(looksLike(trials, pruned + QPointF(2, 0), studyColor(0)));
    // Failed: a cross, set at the centre and on the diagonals, empty straight to the side.
    EXPECT_TRUE(looksLike(trials, failed, studyColor(0)));
    EXPECT_TRUE(looksLike(trials, failed + QPointF(2, 2), studyColor(0)));
    EXPECT_EQ(alphaAt(trials, failed + QPointF(3, 0)), 0);
    // Study b's complete trial wears b's colour.
    scene.visible = {1, 1, 1, 1, 1};
    const QImage all = renderTrialLayer(scene, size, sprites);
    EXPECT_TRUE(looksLike(all, scene.positions[3], studyColor(1)));
}

TEST_F(TradeoffLayersTest, SelectionLayerHoldsOnlySelectedTrialsLargerAndOutlined)
{
    scene.selected = {1, 3};  // a hidden trial that is selected is still drawn: it is the focus
    const QImage selection = renderSelectionLayer(scene, size, sprites);
    EXPECT_EQ(alphaAt(selection, scene.positions[0]), 0);
    EXPECT_EQ(alphaAt(selection, scene.positions[4]), 0);
    EXPECT_GT(alphaAt(selection, scene.positions[3]), 0);
    // The outline: a blue ring outside the marker, where the plain marker leaves nothing.
    const QPointF rim = scene.positions[3] + QPointF(0, markerDiameter(5) / 2 + 3.5);
    const QColor outline = selection.pixelColor(rim.toPoint());
    EXPECT_GT(outline.alpha(), 200);
    EXPECT_GT(outline.blue(), 200);
    EXPECT_LT(outline.red(), 100);
    scene.visible = {1, 1, 1, 1, 1};
    EXPECT_EQ(alphaAt(renderTrialLayer(scene, size, sprites), rim), 0);
}

TEST_F(TradeoffLayersTest, FrontLineAndFrontMarkersAreDrawnInTheTrialLayer)
{
    scene.front = {0, 4};
    scene.frontLine = QPolygonF{scene.positions[0], QPointF(40, 20), QPointF(200, 20), scene.positions[4]};
    const QImage trials = renderTrialLayer(scene, size, sprites);
    const QColor onLine = trials.pixelColor(120, 20);
    EXPECT_GT(onLine.alpha(), 150);
    EXPECT_LT(onLine.lightness(), 90);
    // A front marker carries a dark ring that ordinary markers lack.
    const QPointF ring = scene.positions[0] + QPointF(0, markerDiameter(5) / 2 + 1.5);
    EXPECT_LT(trials.pixelColor(ring.toPoint()).lightness(), 110);
    EXPECT_GT(alphaAt(trials, ring), 100);
}

// Opaque pixels of a layer within tolerance of a colour.
int opaquePixelsNear(const QImage& layer, const QColor& colour, int tolerance = 12)
{
    int n = 0;
    for (int y = 0; y < layer.height(); ++y)
        for (int x = 0; x < layer.width(); ++x) {
            const QColor c = layer.pixelColor(x, y);
            n += c.alpha() > 240 && std::abs(c.red() - colour.red()) <= tolerance
                && std::abs(c.green() - colour.green()) <= tolerance && std::abs(c.blue() - colour.blue()) <= tolerance;
        }
    return n;
}

TEST_F(TradeoffLayersTest, DarkColoursGiveALightFrontLineAndAHaloOfTheDarkCanvas)
{
    const PlotColors light = PlotColors::of(QGuiApplication::palette());
    setTheme(Theme::Dark, false);
    const PlotColors dark = PlotColors::of(QGuiApplication::palette());
    setTheme(Theme::Light, false);
    ASSERT_TRUE(dark.dark);

    scene.front = {0, 4};
    scene.frontLine = QPolygonF{scene.positions[0], QPointF(40, 20), QPointF(200, 20), scene.positions[4]};
    scene.selected = {3};
    scene.colors = scatterColors(dark);
    // The step line reads on the dark canvas: light, where the light theme draws it dark.
    EXPECT_GT(renderTrialLayer(scene, size, sprites).pixelColor(120, 20).lightness(), 150);
    // The gap between a selected marker and its ring is the canvas it is drawn on.
    const QImage selection = renderSelectionLayer(scene, size, sprites);
    EXPECT_GT(opaquePixelsNear(selection, dark.canvas), 4);
    EXPECT_EQ(opaquePixelsNear(selection, light.canvas), 0);

    scene.colors = scatterColors(light);
    const QImage lightSelection = renderSelectionLayer(scene, size, sprites);
    EXPECT_GT(opaquePixelsNear(lightSelection, light.canvas), 4);
    EXPECT_EQ(opaquePixelsNear(lightSelection, dark.canvas), 0);
}

TEST_F(TradeoffLayersTest, UndrawableRowsAndTheClipAreRespected)
{
    scene.positions[0] = QPointF(std::nan(""), std::nan(""));
    scene.plotArea = QRectF(100, 0, 140, 100);  // rows 0..1 lie left of the plot area
    const QImage trials = renderTrialLayer(scene, size, sprites);
    EXPECT_EQ(alphaAt(trials, QPointF(80, 50)), 0);
    EXPECT_EQ(alphaAt(trials, QPointF(100 - 1, 50)), 0);
    EXPECT_GT(alphaAt(trials, scene.positions[2]), 0);  // the failed trial's cross, inside the area
}

TEST(MarkerSpritesTest, SpritesFollowTheDevicePixelRatio)
{
    MarkerSprites sprites(2.0);
    const QImage& sprite = sprites.sprite({MarkerShape::Disc, Qt::red, 8.0, {}, 0.0});
    EXPECT_EQ(sprite.devicePixelRatio(), 2.0);
    EXPECT_EQ(sprite.width(), 2 * 12);
    // The same look comes from the cache.
    EXPECT_EQ(&sprite, &sprites.sprite({MarkerShape::Disc, Qt::red, 8.0, {}, 0.0}));
    EXPECT_NE(&sprite, &sprites.sprite({MarkerShape::Ring, Qt::red, 8.0, {}, 0.0}));
}

} // namespace
} // namespace tendril::app::tradeoff
