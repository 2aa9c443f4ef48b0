// The search-space overview's geometry without widgets: values to pixels on linear, log and
// categorical axes, dragged spans to brush ranges and back, axis order, brushes as row filters and
// as numbers, "top k %", the scene's lines and line picking.
#include "views/space/axis_order.hpp"
#include "views/space/line_picking.hpp"
#include "views/space/space_axes.hpp"
#include "views/space/space_brushes.hpp"
#include "views/space/space_scene.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

namespace tendril::app::space {
namespace {

constexpr double kTop = 50.0;
constexpr double kBottom = 450.0;

AxisGeometry placed(AxisGeometry axis)
{
    axis.setPixelSpan(kTop, kBottom);
    return axis;
}

// Two studies with different spaces: "a" declares lr in [1e-4, 1e-1] (log), units as ints and
// act categorical; "b" declares lr in [1e-3, 1] and no units, so units is missing for its trials.
std::shared_ptr<const TrialTable> twoStudies()
{
    auto a = std::make_shared<Study>();
    a->name = "a";
    a->objective = {"acc", Direction::Maximize};
    a->space.params = {Param::floatRange("lr", 1e-4, 1e-1, true), Param::intRange("units", 16, 128),
                       Param::categorical("act", {"relu", "tanh", "logistic"})};
    for (int i = 0; i < 6; ++i) {
        Trial t;
        t.id = "t" + std::to_string(i);
        t.number = i;
        t.setParam("lr", 1e-4 * std::pow(10.0, i % 4));
        t.setParam("units", static_cast<std::int64_t>(16 + 20 * i));
        t.setParam("act", Value(std::string(i % 3 == 0 ? "relu" : i % 3 == 1 ? "tanh" : "logistic")));
        t.setMetric("acc", 0.5 + 0.08 * i);
        a->trials.push_back(t);
    }
    auto b = std::make_shared<Study>();
    b->name = "b";
    b->objective = {"acc", Direction::Maximize};
    b->space.params = {Param::floatRange("lr", 1e-3, 1.0, true), Param::categorical("act", {"relu", "tanh"})};
    for (int i = 0; i < 3; ++i) {
        Trial t;
        t.id = "t" + std::to_string(i);
        t.number = i;
        t.setParam("lr", 0.5);
        t.setParam("act", Value(std::string("relu")));
        t.setMetric("acc", 0.3);
        b->trials.push_back(t);
    }
    return std::make_shared<const TrialTable>(std::vector<ShownStudy>{{1, a}, {2, b}});
}

TEST(SpaceAxisTest, LinearAxisMapsLowToBottomAndHighToTopAndBack)
{
    const AxisGeometry axis = placed(AxisGeometry(0, AxisKind::Linear, {0.0, 10.0}));
    EXPECT_DOUBLE_EQ(axis.toPixel(0.0), kBottom);
    EXPECT_DOUBLE_EQ(axis.toPixel(10.0), kTop);
    EXPECT_DOUBLE_EQ(axis.toPixel(2.5), kBottom - 100.0);
    for (const double v : {0.0, 1.25, 7.5, 10.0})
        EXPECT_NEAR(axis.toValue(axis.toPixel(v)), v, 1e-12);
    EXPECT_TRUE(std::isnan(axis.toPixel(std::nan(""))));
}

TEST(SpaceAxisTest, LogAxisSpacesDecadesEvenly)
{
    const AxisGeometry axis = placed(AxisGeometry(0, AxisKind::Log, {1e-4, 1e-1}));
    const double step = axis.toPixel(1e-4) - axis.toPixel(1e-3);
    EXPECT_NEAR(step, (kBottom - kTop) / 3.0, 1e-9);
    EXPECT_NEAR(axis.toPixel(1e-3) - axis.toPixel(1e-2), step, 1e-9);
    EXPECT_NEAR(axis.toPixel(1e-2) - axis.toPixel(1e-1), step, 1e-9);
    EXPECT_NEAR(axis.toValue(axis.toPixel(3e-3)), 3e-3, 1e-15);
    EXPECT_TRUE(std::isnan(axis.toPixel(0.0)));  // no place for zero on a log axis
    EXPECT_TRUE(std::isnan(axis.toPixel(-1.0)));
}

TEST(SpaceAxisTest, CategoricalAxisGivesEachCategoryAnEqualBandAndSpreadsWithinIt)
{
    const AxisGeometry axis = placed(AxisGeometry(0, AxisKind::Categorical, {}, 4));
    const double band = (kBottom - kTop) / 4.0;
    for (int i = 0; i < 4; ++i) {
        EXPECT_NEAR(axis.toPixel(i), kBottom - band * (i + 0.5), 1e-9);
        const PixelBand b = axis.categoryBand(i);
        EXPECT_NEAR(b.height(), band, 1e-9);
        EXPECT_NEAR(b.center(), axis.toPixel(i), 1e-9);
        // The extremes of the spread stay inside the band, with room to spare.
        for (const double spread : {-0.5, 0.5}) {
            const double y = axis.toPixel(i, spread);
            EXPECT_GT(y, b.top);
            EXPECT_LT(y, b.bottom);
            EXPECT_NEAR(std::fabs(y - b.center()), 0.5 * AxisGeometry::kSpreadFraction * band, 1e-9);
        }
    }
    EXPECT_TRUE(std::isnan(axis.toPixel(4.0)));
    EXPECT_TRUE(std::isnan(axis.toPixel(std::nan(""))));
}

TEST(SpaceAxisTest, CategorySpreadIsDeterministicAndSpreadsKeysAcrossTheBand)
{
    double low = 1.0, high = -1.0;
    for (TrialKey key = 0; key < 2000; ++key) {
        const double s = categorySpread(key);
        EXPECT_EQ(s, categorySpread(key));
        EXPECT_GE(s, -0.5);
        EXPECT_LT(s, 0.5);
        low = std::min(low, s);
        high = std::max(high, s);
    }
    EXPECT_LT(low, -0.45);
    EXPECT_GT(high, 0.45);
}

TEST(SpaceAxisTest, AxesForColumnsFollowTheSpace)
{
    const auto table = twoStudies();
    const AxisGeometry lr = AxisGeometry::forColumn(*table, *table->paramColumn("lr"));
    EXPECT_EQ(lr.kind(), AxisKind::Log);
    // The union of both declared ranges.
    EXPECT_DOUBLE_EQ(lr.range().low, 1e-4);
    EXPECT_DOUBLE_EQ(lr.range().high, 1.0);
    const AxisGeometry act = AxisGeometry::forColumn(*table, *table->paramColumn("act"));
    EXPECT_EQ(act.kind(), AxisKind::Categorical);
    EXPECT_EQ(act.categoryCount(), 3);
    const AxisGeometry units = AxisGeometry::forColumn(*table, *table->paramColumn("units"));
    EXPECT_EQ(units.kind(), AxisKind::Linear);
    EXPECT_DOUBLE_EQ(units.range().low, 16.0);
    EXPECT_DOUBLE_EQ(units.range().high, 128.0);
    const AxisGeometry acc = AxisGeometry::forColumn(*table, *table->objectiveColumn());
    EXPECT_EQ(acc.kind(), AxisKind::Linear);
    EXPECT_DOUBLE_EQ(acc.range().low, 0.3);  // observed, across both studies
    EXPECT_DOUBLE_EQ(acc.range().high, 0.9);
}

TEST(SpaceAxisTest, ObservedValuesWidenTheDeclaredRange)
{
    auto s = std::make_shared<Study>();
    s->name = "s";
    s->objective = {"acc", Direction::Maximize};
    s->space.params = {Param::floatRange("x", 0.0, 1.0)};
    Trial t;
    t.id = "t0";
    t.setParam("x", 1.5);  // outside the declaration (an imported study)
    t.setMetric("acc", 1.0);
    s->trials.push_back(t);
    const TrialTable table({{1, s}});
    const AxisGeometry x = AxisGeometry::forColumn(table, *table.paramColumn("x"));
    EXPECT_DOUBLE_EQ(x.range().low, 0.0);
    EXPECT_DOUBLE_EQ(x.range().high, 1.5);
}

TEST(SpaceBrushGeometryTest, NumericDragGivesTheValuesUnderItsEndsAndMapsBack)
{
    const AxisGeometry axis = placed(AxisGeometry(3, AxisKind::Log, {1e-4, 1e-1}));
    const auto range = axis.rangeFromPixels(300.0, 120.0);
    ASSERT_TRUE(range);
    EXPECT_EQ(range->column, 3u);
    EXPECT_TRUE(range->categories.empty());
    EXPECT_DOUBLE_EQ(range->low, axis.toValue(300.0));
    EXPECT_DOUBLE_EQ(range->high, axis.toValue(120.0));
    const PixelBand band = axis.pixelsOf(*range);
    EXPECT_NEAR(band.top, 120.0, 1e-9);
    EXPECT_NEAR(band.bottom, 300.0, 1e-9);
    // Ends dragged past the axis stop at it: the whole range.
    const auto all = axis.rangeFromPixels(kBottom + 80, kTop - 80);
    ASSERT_TRUE(all);
    EXPECT_DOUBLE_EQ(all->low, 1e-4);
    EXPECT_DOUBLE_EQ(all->high, 1e-1);
    EXPECT_TRUE(all->contains(1e-4) && all->contains(1e-1) && !all->contains(0.2));
}

TEST(SpaceBrushGeometryTest, CategoricalDragTakesTheCategoriesWhoseMiddleItCovers)
{
    const AxisGeometry axis = placed(AxisGeometry(1, AxisKind::Categorical, {}, 4));  // bands of 100 px
    // From the middle of category 0 (y 400) to the middle of category 2 (y 200).
    const auto three = axis.rangeFromPixels(405.0, 195.0);
    ASSERT_TRUE(three);
    EXPECT_EQ(three->categories, (std::vector<int>{0, 1, 2}));
    EXPECT_TRUE(three->contains(1.0) && !three->contains(3.0));
    // A short drag inside category 3's band takes it.
    const auto inside = axis.rangeFromPixels(70.0, 90.0);
    ASSERT_TRUE(inside);
    EXPECT_EQ(inside->categories, std::vector<int>{3});
    // Across a border without reaching a middle: nothing yet.
    EXPECT_FALSE(axis.rangeFromPixels(340.0, 360.0));
    const PixelBand band = axis.pixelsOf(*three);
    EXPECT_NEAR(band.top, 150.0, 1e-9);
    EXPECT_NEAR(band.bottom, 450.0, 1e-9);
}

TEST(SpaceBrushGeometryTest, TypedCategoriesSplitIntoContiguousRuns)
{
    const auto runs = categoryRuns(5, {3, 0, 2, 0});
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(runs[0].column, 5u);
    EXPECT_EQ(runs[0].categories, std::vector<int>{0});
    EXPECT_EQ(runs[1].categories, (std::vector<int>{2, 3}));
}

TEST(SpaceAxisOrderTest, MovesHidesAndSortsByImportance)
{
    AxisOrder order;
    order.reset({10, 11, 12, 13});
    EXPECT_EQ(order.mode(), AxisOrder::Mode::Space);
    order.move(0, 2);  // dropped on the third axis: lands after it
    EXPECT_EQ(order.shown(), (std::vector<std::size_t>{11, 12, 10, 13}));
    EXPECT_EQ(order.mode(), AxisOrder::Mode::Manual);
    order.move(3, 0);
    EXPECT_EQ(order.shown(), (std::vector<std::size_t>{13, 11, 12, 10}));

    order.setHidden(12, true);
    EXPECT_EQ(order.shown(), (std::vector<std::size_t>{13, 11, 10}));
    order.move(2, 0);  // among the shown ones; the hidden one keeps its neighbours
    EXPECT_EQ(order.shown(), (std::vector<std::size_t>{10, 13, 11}));
    EXPECT_EQ(order.columns(), (std::vector<std::size_t>{10, 13, 11, 12}));
    order.setHidden(12, false);
    EXPECT_EQ(order.shown(), (std::vector<std::size_t>{10, 13, 11, 12}));

    // Most important last, next to the objective; a column without importance first.
    order.sortByImportance({{10, 0.5}, {11, 0.05}, {12, 0.3}});
    EXPECT_EQ(order.shown(), (std::vector<std::size_t>{13, 11, 12, 10}));
    EXPECT_EQ(order.mode(), AxisOrder::Mode::Importance);
    order.sortAsSpace();
    EXPECT_EQ(order.shown(), (std::vector<std::size_t>{10, 11, 12, 13}));
}

TEST(SpaceAxisOrderTest, CarriesTheArrangementOverAReload)
{
    AxisOrder order;
    order.reset({0, 1, 2});
    order.move(0, 2);
    order.setHidden(1, true);
    // The reloaded table has a new column in front and the old ones shifted.
    order.carryOver({0, 1, 2, 3}, {"p:a", "p:b", "p:c"}, {"p:new", "p:a", "p:b", "p:c"});
    EXPECT_EQ(order.columns(), (std::vector<std::size_t>{2, 3, 1, 0}));
    EXPECT_TRUE(order.hidden(2));
    EXPECT_EQ(order.shown(), (std::vector<std::size_t>{3, 1, 0}));
    EXPECT_EQ(nearestAxis({10.0, 110.0, 210.0}, 150.0), 1u);
    EXPECT_EQ(nearestAxis({10.0, 110.0, 210.0}, 500.0), 2u);
}

TEST(SpaceBrushesTest, RangesOnOneColumnAreAlternativesAndColumnsAllHold)
{
    const auto table = twoStudies();
    const std::size_t lr = *table->paramColumn("lr");
    const std::size_t acc = *table->objectiveColumn();
    ColumnRange low{lr, 1e-4, 1e-4, {}}, high{lr, 0.1, 1.0, {}}, good{acc, 0.6, 1.0, {}};
    // lr of study a cycles 1e-4, 1e-3, 1e-2, 1e-1; acc 0.5 + 0.08 i; study b has lr 0.5, acc 0.3.
    const std::vector<char> either = rowsPassing(*table, {low, high});
    EXPECT_EQ(either, (std::vector<char>{1, 0, 0, 1, 1, 0, 1, 1, 1}));
    const std::vector<char> both = rowsPassing(*table, {low, high, good});
    EXPECT_EQ(both, (std::vector<char>{0, 0, 0, 1, 1, 0, 0, 0, 0}));
    EXPECT_EQ(rangesOn({low, good, high}, lr), (std::vector<std::size_t>{0, 2}));
    EXPECT_EQ(withoutColumn({low, good, high}, lr), Brush{good});
    EXPECT_EQ(rowsPassing(*table, {}), std::vector<char>(9, 1));
}

TEST(SpaceBrushesTest, BestFractionKeepsTheTopOfWhatOthersShow)
{
    TableColumn acc;
    acc.values = {0.1, 0.9, 0.5, std::nan(""), 0.7, 0.3, 0.9, 0.2, 0.8, 0.6};
    const std::vector<char> all(acc.values.size(), 1);
    const auto top = bestFractionRange(acc, 4, Direction::Maximize, all, 0.2);  // 9 values: ceil(1.8) = 2
    ASSERT_TRUE(top);
    EXPECT_EQ(top->column, 4u);
    EXPECT_DOUBLE_EQ(top->low, 0.9);  // a tie at the cutoff keeps both
    EXPECT_DOUBLE_EQ(top->high, 0.9);
    const auto third = bestFractionRange(acc, 4, Direction::Maximize, all, 0.34);  // ceil(3.06) = 4
    ASSERT_TRUE(third);
    EXPECT_DOUBLE_EQ(third->low, 0.7);
    EXPECT_DOUBLE_EQ(third->high, 0.9);
    const auto lowest = bestFractionRange(acc, 4, Direction::Minimize, all, 0.25);  // ceil(2.25) = 3
    ASSERT_TRUE(lowest);
    EXPECT_DOUBLE_EQ(lowest->low, 0.1);
    EXPECT_DOUBLE_EQ(lowest->high, 0.3);
    // Among the rows the other views show only, and never less than one.
    std::vector<char> some(acc.values.size(), 0);
    some[0] = some[5] = 1;
    const auto one = bestFractionRange(acc, 4, Direction::Maximize, some, 0.01);
    ASSERT_TRUE(one);
    EXPECT_DOUBLE_EQ(one->low, 0.3);
    EXPECT_FALSE(bestFractionRange(acc, 4, Direction::Maximize, std::vector<char>(acc.values.size(), 0), 0.5));
}

TEST(SpaceBrushesTest, RangesReadAndParseAsNumbersAndCategories)
{
    const auto table = twoStudies();
    const TableColumn& act = table->columns()[*table->paramColumn("act")];
    ColumnRange cats{0, 0, 2, {0, 2}};
    EXPECT_EQ(rangeText(act, cats), QStringLiteral("relu, logistic"));
    const ParsedCategories parsed = parseCategories(act, QStringLiteral(" tanh ,relu"));
    EXPECT_TRUE(parsed.error.isEmpty());
    EXPECT_EQ(parsed.indexes, (std::vector<int>{0, 1}));
    const ParsedCategories unknown = parseCategories(act, QStringLiteral("relu, elu"));
    EXPECT_TRUE(unknown.indexes.empty());
    EXPECT_EQ(unknown.error, QStringLiteral("'elu' is not a category of act; expected one of relu, tanh, logistic"));
    EXPECT_FALSE(parseCategories(act, QStringLiteral(" , ")).error.isEmpty());

    EXPECT_EQ(parseNumber(QStringLiteral(" 1e-3 ")).value, 1e-3);
    const ParsedNumber bad = parseNumber(QStringLiteral("abc"));
    EXPECT_FALSE(bad.value);
    EXPECT_EQ(bad.error, QStringLiteral("expected a number, got 'abc'"));
    EXPECT_FALSE(parseNumber(QStringLiteral("inf")).value);
    const TableColumn& lr = table->columns()[*table->paramColumn("lr")];
    EXPECT_EQ(rangeText(lr, ColumnRange{0, 0.001, 0.02, {}}), QStringLiteral("0.001 – 0.02"));
}

TEST(SpaceSceneTest, LinesPassThroughTheAxesAndMissingValuesGoToTheNoValueLine)
{
    const auto table = twoStudies();
    std::vector<AxisGeometry> axes;
    for (const char* name : {"lr", "units", "act"})
        axes.push_back(placed(AxisGeometry::forColumn(*table, *table->paramColumn(name))));
    axes.push_back(placed(AxisGeometry::forColumn(*table, *table->objectiveColumn())));
    const std::vector<int> xs{40, 240, 440, 640};
    const double missingY = kBottom + 18;
    const LineScene scene = buildScene(*table, axes, xs, missingY, QSize(700, 500), 1.0, 7);
    ASSERT_EQ(scene.rows, 9u);
    EXPECT_EQ(scene.geometryId, 7u);
    EXPECT_FLOAT_EQ(scene.row(0)[0], static_cast<float>(axes[0].toPixel(1e-4)));
    EXPECT_FLOAT_EQ(scene.row(1)[1], static_cast<float>(axes[1].toPixel(36.0)));
    EXPECT_FLOAT_EQ(scene.row(6)[1], static_cast<float>(missingY));  // study b has no units
    // A categorical value lies within its band, spread by its key.
    const PixelBand tanh = axes[2].categoryBand(1);
    EXPECT_GT(scene.row(1)[2], tanh.top);
    EXPECT_LT(scene.row(1)[2], tanh.bottom);
    EXPECT_FLOAT_EQ(scene.row(1)[2], static_cast<float>(axes[2].toPixel(1.0, categorySpread(table->key(1)))));
    EXPECT_EQ(scene.axisMissing, (std::vector<char>{0, 1, 0, 0}));
}

TEST(SpaceSceneTest, ShadesRunFromWorstToBestByDirection)
{
    TableColumn loss;
    loss.values = {2.0, 1.0, std::nan(""), 0.5};
    const std::vector<float> minimised = performanceShades(loss, Direction::Minimize);
    EXPECT_FLOAT_EQ(minimised[0], 0.0f);
    EXPECT_FLOAT_EQ(minimised[3], 1.0f);
    EXPECT_NEAR(minimised[1], 1.0f / 1.5f, 1e-6);
    EXPECT_TRUE(std::isnan(minimised[2]));
    EXPECT_FLOAT_EQ(performanceShades(loss, Direction::Maximize)[0], 1.0f);
}

TEST(SpaceSceneTest, NearestLineIsMeasuredAcrossTheSegmentUnderThePointer)
{
    LineScene scene;
    scene.size = QSize(300, 300);
    scene.axisX = {0, 100, 200};
    scene.rows = 3;
    // Row 0 flat at 50; row 1 steep from 0 to 200 in the first gap; row 2 flat at 150.
    scene.ys = {50, 50, 50, 10, 210, 210, 150, 150, 150};
    const std::vector<char> all(3, 1);
    EXPECT_EQ(nearestLine(scene, {50.5, 52}, 5, all), std::optional<std::size_t>(0));
    // At x = 50.5 row 1 is at y 110; 4 px below it vertically is 4/sqrt(5) px across.
    EXPECT_EQ(nearestLine(scene, {50.5, 114}, 2, all), std::optional<std::size_t>(1));
    EXPECT_FALSE(nearestLine(scene, {50.5, 130}, 5, all));
    EXPECT_EQ(nearestLine(scene, {150.5, 149}, 5, all), std::optional<std::size_t>(2));
    // Rows left out are never picked.
    EXPECT_FALSE(nearestLine(scene, {50.5, 52}, 5, std::vector<char>{0, 1, 1}));
    EXPECT_FALSE(nearestLine(scene, {250.0, 50}, 5, all));  // right of the last axis
}

} // namespace
} // namespace tendril::app::space
