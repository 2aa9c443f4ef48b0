// The detail plots' geometry without widgets: parameter axes on their sampling scale, brushes from
// dragged pixels, heatmap cells that tile the plot, curves averaged down exactly, and the pure
// layer renderer's promises (filtered trials grey, selected trials on top).
#include "views/importance/detail_axes.hpp"
#include "views/importance/detail_content.hpp"
#include "views/importance/detail_layers.hpp"
#include "views/importance/detail_scene.hpp"

#include "style/plot_colors.hpp"
#include "style/study_colors.hpp"
#include "tendril/engine/importance.hpp"

#include <QApplication>
#include <QLineF>
#include <QPalette>

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

using namespace tendril;
using namespace tendril::app;
using namespace tendril::app::importance;

namespace {

TableColumn numericColumn(const std::string& name, double low, double high, bool log)
{
    TableColumn c;
    c.name = name;
    c.low = low;
    c.high = high;
    c.log = log;
    return c;
}

TableColumn categoricalColumn(const std::string& name, std::vector<Value> categories)
{
    TableColumn c;
    c.name = name;
    c.categorical = true;
    c.categories = std::move(categories);
    c.low = 0;
    c.high = static_cast<double>(c.categories.size() - 1);
    return c;
}

// A study whose val_acc depends on lr (log) and on activation, for real models and tables.
std::shared_ptr<const Study> twoParamStudy(int trials)
{
    auto study = std::make_shared<Study>();
    study->name = "geometry";
    study->objective = {"val_acc", Direction::Maximize};
    study->space.params = {Param::floatRange("lr", 1e-5, 1e-1, true),
                           Param::categorical("activation", {"relu", "tanh", "logistic"})};
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const char* names[] = {"relu", "tanh", "logistic"};
    for (int i = 0; i < trials; ++i) {
        Trial t;
        t.id = "t" + std::to_string(i);
        t.number = i;
        const double logLr = -5 + 4 * unit(rng);
        const int activation = i % 3;
        t.setParam("lr", Value(std::pow(10.0, logLr)));
        t.setParam("activation", Value(names[activation]));
        t.setMetric("val_acc", 0.95 - 0.04 * std::pow(logLr + 3, 2) - 0.03 * activation);
        if (i % 10 == 9)
            t.state = TrialState::Pruned;
        study->trials.push_back(std::move(t));
    }
    return study;
}

std::shared_ptr<const ImportanceResult> analysed(std::shared_ptr<const Study> study)
{
    auto table = std::make_shared<const TrialTable>(std::vector<ShownStudy>{{1, study}});
    auto result = std::make_shared<ImportanceResult>();
    result->table = table;
    result->visible.assign(table->rows(), 1);
    result->metric = QStringLiteral("val_acc");
    engine::ImportanceOptions options;
    options.pairs = true;
    options.forest.trees = 12;
    result->report = engine::analyzeImportance(importanceStudy(*table, result->visible, "val_acc"), options);
    return result;
}

} // namespace

TEST(ImportanceGeometry, LogParameterAxisGivesEveryDecadeTheSameRoom)
{
    const TableColumn lr = numericColumn("lr", 1e-5, 1e-1, true);
    DetailAxis axis = paramAxis(lr, paramDomain(lr, {}), 0.0);
    EXPECT_TRUE(axis.scale.log());
    EXPECT_EQ(axis.title, QStringLiteral("lr (log)"));
    axis.scale.setPixelSpan(100, 500);
    EXPECT_DOUBLE_EQ(axis.toPixel(1e-5), 100);
    EXPECT_DOUBLE_EQ(axis.toPixel(1e-1), 500);
    for (const double decade : {1e-5, 1e-4, 1e-3, 1e-2})
        EXPECT_NEAR(axis.toPixel(decade * 10) - axis.toPixel(decade), 100.0, 1e-9);
    EXPECT_NEAR(axis.scale.toValue(300), 1e-3, 1e-15);
    EXPECT_TRUE(std::isnan(axis.toPixel(0.0)));

    // Padding is in decades too, and a linear parameter stays linear.
    const DetailAxis padded = paramAxis(lr, paramDomain(lr, {}), 0.05);
    EXPECT_NEAR(std::log10(padded.scale.low()), -5.2, 1e-9);
    EXPECT_NEAR(std::log10(padded.scale.high()), -0.8, 1e-9);
    const TableColumn dropout = numericColumn("dropout", 0, 0.5, false);
    DetailAxis linear = paramAxis(dropout, paramDomain(dropout, {}), 0.0);
    EXPECT_FALSE(linear.scale.log());
    linear.scale.setPixelSpan(0, 100);
    EXPECT_DOUBLE_EQ(linear.toPixel(0.25), 50);

    // The analysis's edges, when given, are the domain.
    const std::vector<double> edges = {1e-4, 1e-3, 1e-2};
    const plot::ValueRange domain = paramDomain(lr, edges);
    EXPECT_DOUBLE_EQ(domain.low, 1e-4);
    EXPECT_DOUBLE_EQ(domain.high, 1e-2);
}

TEST(ImportanceGeometry, CategoricalAxisHasOneBandPerCategory)
{
    DetailAxis axis = paramAxis(categoricalColumn("activation", {"relu", "tanh", "logistic"}), {0, 2});
    ASSERT_TRUE(axis.categorical());
    axis.scale.setPixelSpan(0, 300);
    EXPECT_DOUBLE_EQ(axis.toPixel(0), 50);
    EXPECT_DOUBLE_EQ(axis.toPixel(1), 150);
    EXPECT_DOUBLE_EQ(axis.toPixel(2), 250);
    EXPECT_EQ(axis.label(1), QStringLiteral("tanh"));
    EXPECT_EQ(axis.ticks(10), (std::vector<double>{0, 1, 2}));
    for (std::uint64_t key = 0; key < 200; ++key) {
        EXPECT_LE(std::abs(categoryJitter(key)), 0.3);
        EXPECT_EQ(categoryJitter(key), categoryJitter(key));
    }
}

TEST(ImportanceGeometry, BrushesFromDraggedPixelsAndBack)
{
    const TableColumn lr = numericColumn("lr", 1e-5, 1e-1, true);
    DetailAxis axis = paramAxis(lr, paramDomain(lr, {}), 0.0);
    axis.scale.setPixelSpan(100, 500);
    // Either drag direction; the values are those under the pixels, on the log scale.
    const auto range = brushFromPixels(axis, 7, 400, 200);
    ASSERT_TRUE(range.has_value());
    EXPECT_EQ(range->column, 7u);
    EXPECT_TRUE(range->categories.empty());
    EXPECT_NEAR(range->low, 1e-4, 1e-15);
    EXPECT_NEAR(range->high, 1e-2, 1e-15);
    const auto [from, to] = brushPixels(axis, *range);
    EXPECT_NEAR(from, 200, 1e-9);
    EXPECT_NEAR(to, 400, 1e-9);
    // Past the ends: clamped onto the axis.
    const auto wide = brushFromPixels(axis, 7, 20, 900);
    EXPECT_DOUBLE_EQ(wide->low, 1e-5);
    EXPECT_DOUBLE_EQ(wide->high, 1e-1);
    EXPECT_TRUE(wide->contains(1e-5) && wide->contains(1e-1));

    DetailAxis bands = paramAxis(categoricalColumn("activation", {"relu", "tanh", "logistic"}), {0, 2});
    bands.scale.setPixelSpan(0, 300);
    // Covering the centres of tanh and logistic takes both.
    const auto two = brushFromPixels(bands, 3, 140, 290);
    ASSERT_TRUE(two.has_value());
    EXPECT_EQ(two->categories, (std::vector<int>{1, 2}));
    EXPECT_TRUE(two->contains(1.0) && two->contains(2.0) && !two->contains(0.0));
    const auto [b0, b1] = brushPixels(bands, *two);
    EXPECT_DOUBLE_EQ(b0, 100);
    EXPECT_DOUBLE_EQ(b1, 300);
    // A short drag inside one band takes that category.
    const auto one = brushFromPixels(bands, 3, 10, 30);
    ASSERT_TRUE(one.has_value());
    EXPECT_EQ(one->categories, (std::vector<int>{0}));
    // A drag across a band edge that covers no centre takes nothing.
    EXPECT_FALSE(brushFromPixels(bands, 3, 80, 120).has_value());
}

TEST(ImportanceGeometry, MetricAxisCoversTheCurveAndTheBulkOfTheTrials)
{
    std::vector<double> trials(100);
    for (std::size_t i = 0; i < trials.size(); ++i)
        trials[i] = 0.8 + 0.001 * static_cast<double>(i);
    trials[0] = 0.05;  // one diverged run
    const DetailAxis axis = metricAxis(QStringLiteral("val_acc"), {0.85, 0.95}, trials);
    EXPECT_LE(axis.scale.low(), 0.8);
    EXPECT_GT(axis.scale.low(), 0.7);  // the diverged run does not stretch the axis
    EXPECT_GE(axis.scale.high(), 0.95);
    // With few trials every one counts.
    const std::vector<double> few = {0.05, 0.9};
    EXPECT_LE(metricAxis(QStringLiteral("val_acc"), {0.85, 0.95}, few).scale.low(), 0.05);
}

TEST(ImportanceGeometry, DisplayCurveAveragesCellsExactly)
{
    engine::MarginalCurve curve;
    curve.column = 0;
    // 1,000 cells on [1e-4, 1e0] in log space: value = cell index.
    const std::size_t cells = 1000;
    for (std::size_t i = 0; i <= cells; ++i)
        curve.edges.push_back(std::pow(10.0, -4.0 + 4.0 * static_cast<double>(i) / cells));
    for (std::size_t i = 0; i < cells; ++i) {
        curve.mean.push_back(static_cast<double>(i));
        curve.std.push_back(1.0);
    }
    EXPECT_EQ(displayCurve(curve, true, 2000).cells(), cells);  // few enough: unchanged
    const engine::MarginalCurve shown = displayCurve(curve, true, 100);
    ASSERT_EQ(shown.cells(), 100u);
    ASSERT_EQ(shown.edges.size(), 101u);
    EXPECT_DOUBLE_EQ(shown.edges.front(), 1e-4);
    EXPECT_DOUBLE_EQ(shown.edges.back(), 1.0);
    // Each display cell holds ten original cells: its value is their mean, 10 b + 4.5.
    for (std::size_t b = 0; b < 100; ++b) {
        EXPECT_NEAR(shown.mean[b], 10.0 * static_cast<double>(b) + 4.5, 1e-6) << b;
        EXPECT_NEAR(shown.std[b], 1.0, 1e-12);
    }
    // Cells that do not line up are weighted by the length they share.
    engine::MarginalCurve steps;
    steps.edges = {0.0, 0.3, 1.0};
    steps.mean = {0.0, 1.0};
    steps.std = {0.0, 0.0};
    const engine::MarginalCurve two = displayCurve(steps, false, 1);
    ASSERT_EQ(two.cells(), 1u);
    EXPECT_NEAR(two.mean[0], 0.7, 1e-12);
}

TEST(ImportanceGeometry, MarginalSceneMapsTrialsAndTheCurveOntoThePlot)
{
    const auto result = analysed(twoParamStudy(90));
    const auto content = computeDetail({result, {"lr", {}}});
    ASSERT_TRUE(content->curve.has_value());
    auto scene = makeScene(content);
    ASSERT_TRUE(scene.has_value());
    EXPECT_FALSE(scene->pair);
    EXPECT_EQ(scene->xColumn, *result->table->paramColumn("lr"));
    EXPECT_EQ(scene->yColumn, *result->table->metricColumn("val_acc"));
    EXPECT_TRUE(scene->x.scale.log());
    // Complete trials only: every tenth trial was pruned.
    EXPECT_EQ(scene->points.rows.size(), 81u);
    placeScene(*scene, QRectF(60, 10, 400, 300));
    for (std::size_t i = 0; i < scene->points.rows.size(); ++i) {
        const double lr = scene->points.x[i];
        const double expected = 60 + 400 * (std::log10(lr) - std::log10(scene->x.scale.low()))
                                         / (std::log10(scene->x.scale.high()) - std::log10(scene->x.scale.low()));
        EXPECT_NEAR(scene->pixels[i].x(), expected, 1e-6);
        EXPECT_NEAR(scene->y.scale.toValue(scene->pixels[i].y()), std::clamp(scene->points.y[i], scene->y.scale.low(),
                                                                             scene->y.scale.high()), 1e-9);
    }
    // The expected band lies inside the metric axis.
    EXPECT_LE(scene->y.scale.low(), scene->expected.low);
    EXPECT_GE(scene->y.scale.high(), scene->expected.high);
}

TEST(ImportanceGeometry, HeatmapCellsTileThePlotOnLogAndCategoricalAxes)
{
    const auto result = analysed(twoParamStudy(90));
    const auto content = computeDetail({result, {"lr", "activation"}, 16});
    ASSERT_TRUE(content->table.has_value());
    const engine::PairMarginalTable& table = *content->table;
    EXPECT_EQ(table.cols, 16u);  // lr on x, binned
    EXPECT_EQ(table.rows, 3u);   // one row per activation
    auto scene = makeScene(content);
    ASSERT_TRUE(scene.has_value());
    EXPECT_TRUE(scene->pair);
    EXPECT_EQ(scene->xColumn, *result->table->paramColumn("lr"));
    EXPECT_EQ(scene->yColumn, *result->table->paramColumn("activation"));
    const QRectF area(50, 20, 480, 300);
    placeScene(*scene, area);
    // Cells meet edge to edge and cover the plot exactly (no padding on a heatmap).
    for (std::size_t r = 0; r < table.rows; ++r) {
        EXPECT_DOUBLE_EQ(heatmapCell(*scene, r, 0).left(), 50);
        EXPECT_DOUBLE_EQ(heatmapCell(*scene, r, table.cols - 1).right(), 530);
        for (std::size_t c = 1; c < table.cols; ++c)
            EXPECT_DOUBLE_EQ(heatmapCell(*scene, r, c).left(), heatmapCell(*scene, r, c - 1).right());
    }
    // Bins are even on the log axis, as the engine binned them in log10.
    const double first = heatmapCell(*scene, 0, 0).width();
    for (std::size_t c = 0; c < table.cols; ++c)
        EXPECT_NEAR(heatmapCell(*scene, 0, c).width(), first, 1.0);
    // Row 0 (relu) is at the bottom: y grows upwards.
    EXPECT_DOUBLE_EQ(heatmapCell(*scene, 0, 0).bottom(), 320);
    EXPECT_DOUBLE_EQ(heatmapCell(*scene, 2, 0).top(), 20);
    // The best expected cell gets the darkest colour.
    std::size_t best = 0;
    for (std::size_t i = 1; i < table.mean.size(); ++i)
        if (table.mean[i] > table.mean[best])
            best = i;
    EXPECT_DOUBLE_EQ(expectedRank(*scene, table.mean[best]), 1.0);
    EXPECT_EQ(heatColor(*scene, table.mean[best]), performanceColor(1.0));
}

TEST(ImportanceGeometry, ConstantParameterHasNoCurveButAReason)
{
    auto study = std::make_shared<Study>(*twoParamStudy(30));
    study->space.params.push_back(Param::intRange("width", 16, 128));
    for (Trial& t : study->trials)
        t.setParam("width", Value(std::int64_t{64}));
    const auto content = computeDetail({analysed(study), {"width", {}}});
    EXPECT_FALSE(content->curve.has_value());
    EXPECT_TRUE(content->missing.contains(QStringLiteral("one value")));
    EXPECT_FALSE(makeScene(content).has_value());
}

TEST(ImportanceGeometry, LayerDrawsFilteredTrialsGreyAndSelectedOnTop)
{
    const auto result = analysed(twoParamStudy(60));
    auto scene = makeScene(computeDetail({result, {"lr", "activation"}, 8}));
    ASSERT_TRUE(scene.has_value());
    placeScene(*scene, QRectF(40, 10, 400, 260));
    const std::size_t rows = result->table->rows();
    // Two trials with no other within 12 px, so no neighbour paints over what is checked.
    std::vector<std::size_t> isolated;
    for (std::size_t i = 0; i < scene->pixels.size() && isolated.size() < 2; ++i) {
        bool alone = true;
        for (std::size_t j = 0; j < scene->pixels.size() && alone; ++j)
            alone = i == j || QLineF(scene->pixels[i], scene->pixels[j]).length() > 12;
        if (alone)
            isolated.push_back(i);
    }
    ASSERT_EQ(isolated.size(), 2u);
    const std::size_t hiddenRow = scene->points.rows[isolated[0]], selectedRow = scene->points.rows[isolated[1]];
    std::vector<char> visible(rows, 1), selected(rows, 0);
    visible[hiddenRow] = 0;
    selected[selectedRow] = 1;
    const PlotColors colors = PlotColors::of(QApplication::palette());
    DotSprites sprites;
    LayerInput input;
    input.scene = &*scene;
    input.size = QSize(480, 320);
    input.colors = colors;
    input.visible = &visible;
    input.selected = &selected;
    const QImage image = renderDataLayer(input, sprites);
    const auto near = [](QRgb a, const QColor& b, int tolerance) {
        return std::abs(qRed(a) - b.red()) <= tolerance && std::abs(qGreen(a) - b.green()) <= tolerance
            && std::abs(qBlue(a) - b.blue()) <= tolerance;
    };
    // The filtered-out trial's centre is grey context, never its study colour.
    const QPointF hidden = scene->pixels[isolated[0]];
    const QRgb hiddenPixel = image.pixel(hidden.toPoint());
    EXPECT_TRUE(near(hiddenPixel, colors.context, 40)) << std::hex << hiddenPixel;
    EXPECT_FALSE(near(hiddenPixel, studyColor(0), 20));
    // The selected trial wears the accent ring, drawn after (over) every other dot.
    const QPointF chosen = scene->pixels[isolated[1]];
    const double ring = (dotDiameter(scene->points.rows.size()) + 4) / 2 + 0.5;
    int accentPixels = 0;
    for (int a = 0; a < 16; ++a) {
        const double angle = a * std::numbers::pi / 8;
        const QPoint at = (chosen + QPointF(std::cos(angle), std::sin(angle)) * ring).toPoint();
        accentPixels += near(image.pixel(at), colors.accent, 60);
    }
    EXPECT_GE(accentPixels, 8);
}
