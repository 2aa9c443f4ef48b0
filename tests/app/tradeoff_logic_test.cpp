// The trade-off view's widget-free logic: the Pareto front, which trials a rectangle, a lasso or a
// click picks, and what the axes show. (The axis mapping is the shared plot axis's, tested in
// plot_axis_scale_test.cpp.)
#include "views/tradeoff/pareto_front.hpp"
#include "views/tradeoff/scatter_geometry.hpp"
#include "views/tradeoff/scatter_tooltips.hpp"
#include "views/tradeoff/tradeoff_axes.hpp"

#include "tendril/core/random.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::app::tradeoff {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using Rows = std::vector<std::size_t>;

// --- Pareto front ---------------------------------------------------------------------------

// Brute force: i is on the front when no candidate j is at least as good on both and better on one.
Rows dominanceFront(const std::vector<double>& x, const std::vector<double>& y, Direction dx, Direction dy)
{
    const auto geq = [](Direction d, double a, double b) { return d == Direction::Maximize ? a >= b : a <= b; };
    Rows out;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i]))
            continue;
        bool dominated = false;
        for (std::size_t j = 0; j < x.size() && !dominated; ++j)
            dominated = j != i && std::isfinite(x[j]) && std::isfinite(y[j]) && geq(dx, x[j], x[i])
                && geq(dy, y[j], y[i]) && (x[j] != x[i] || y[j] != y[i]);
        if (!dominated)
            out.push_back(i);
    }
    std::sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
        return x[a] != x[b] ? x[a] < x[b] : (y[a] != y[b] ? y[a] < y[b] : a < b);
    });
    return out;
}

TEST(ParetoFrontTest, AccuracyAgainstModelSizeKeepsTheStaircase)
{
    // size (minimize), accuracy (maximize)
    const std::vector<double> size{1.0, 2.0, 2.5, 4.0, 8.0, 3.0};
    const std::vector<double> acc{0.60, 0.70, 0.65, 0.80, 0.79, 0.80};
    const Rows front = paretoFront(size, acc, Direction::Minimize, Direction::Maximize);
    EXPECT_EQ(front, (Rows{0, 1, 5}));  // 2.5 loses to 2.0; 4.0 ties 3.0 on accuracy but is bigger
}

TEST(ParetoFrontTest, BothDirectionsCombinations)
{
    const std::vector<double> x{1, 2, 3, 4};
    const std::vector<double> y{4, 3, 2, 1};
    // Anti-correlated: every point is a trade-off when both are maximised or both minimised.
    EXPECT_EQ(paretoFront(x, y, Direction::Maximize, Direction::Maximize), (Rows{0, 1, 2, 3}));
    EXPECT_EQ(paretoFront(x, y, Direction::Minimize, Direction::Minimize), (Rows{0, 1, 2, 3}));
    // One point is best on both otherwise.
    EXPECT_EQ(paretoFront(x, y, Direction::Maximize, Direction::Minimize), (Rows{3}));
    EXPECT_EQ(paretoFront(x, y, Direction::Minimize, Direction::Maximize), (Rows{0}));
}

TEST(ParetoFrontTest, TiesAndDuplicates)
{
    // Equal x: only the best y of that x can be on the front. Exact duplicates both stay.
    const std::vector<double> x{1, 1, 2, 2, 0.5};
    const std::vector<double> y{5, 3, 5, 5, 1};
    EXPECT_EQ(paretoFront(x, y, Direction::Maximize, Direction::Maximize), (Rows{2, 3}));
    EXPECT_EQ(paretoFront(x, y, Direction::Minimize, Direction::Maximize), (Rows{4, 0}));
    EXPECT_EQ(paretoFront(x, y, Direction::Minimize, Direction::Maximize),
              dominanceFront(x, y, Direction::Minimize, Direction::Maximize));
}

TEST(ParetoFrontTest, NaNAndInfinityAndNonCandidatesAreExcluded)
{
    const std::vector<double> x{1, kNaN, 3, 10, std::numeric_limits<double>::infinity()};
    const std::vector<double> y{1, 100, 3, kNaN, 100};
    EXPECT_EQ(paretoFront(x, y, Direction::Maximize, Direction::Maximize), (Rows{2}));
    // Without trial 2, trial 0 is left.
    EXPECT_EQ(paretoFront(x, y, Direction::Maximize, Direction::Maximize, {1, 1, 0, 1, 1}), (Rows{0}));
    EXPECT_TRUE(paretoFront({}, {}, Direction::Maximize, Direction::Maximize).empty());
    EXPECT_TRUE(paretoFront({kNaN}, {1.0}, Direction::Maximize, Direction::Maximize).empty());
}

TEST(ParetoFrontTest, MatchesBruteForceOnScatteredData)
{
    std::vector<double> x, y;
    std::uint64_t state = 7;
    for (int i = 0; i < 400; ++i) {
        // Coarse values so ties on one axis are common.
        x.push_back(static_cast<double>(splitmix64(state) % 40));
        y.push_back(static_cast<double>(splitmix64(state) % 40) + (i % 17 == 0 ? kNaN : 0.0));
    }
    for (const Direction dx : {Direction::Minimize, Direction::Maximize})
        for (const Direction dy : {Direction::Minimize, Direction::Maximize})
            EXPECT_EQ(paretoFront(x, y, dx, dy), dominanceFront(x, y, dx, dy));
}

TEST(ParetoFrontTest, StepsTurnAtTheCornerWorseOnBothAxes)
{
    // Minimise size, maximise accuracy: the staircase runs right, then up.
    const std::vector<double> size{1.0, 2.0, 3.0};
    const std::vector<double> acc{0.6, 0.7, 0.8};
    const Rows front = paretoFront(size, acc, Direction::Minimize, Direction::Maximize);
    EXPECT_EQ(paretoSteps(size, acc, front, Direction::Minimize, Direction::Maximize),
              (std::vector<StepPoint>{{1.0, 0.6}, {2.0, 0.6}, {2.0, 0.7}, {3.0, 0.7}, {3.0, 0.8}}));
    // Maximise both: down, then right.
    const std::vector<double> x{1.0, 2.0};
    const std::vector<double> y{5.0, 3.0};
    EXPECT_EQ(paretoSteps(x, y, {0, 1}, Direction::Maximize, Direction::Maximize),
              (std::vector<StepPoint>{{1.0, 5.0}, {1.0, 3.0}, {2.0, 3.0}}));
    // Duplicates add no zero-length steps.
    EXPECT_EQ(paretoSteps({1.0, 1.0}, {2.0, 2.0}, {0, 1}, Direction::Maximize, Direction::Maximize),
              (std::vector<StepPoint>{{1.0, 2.0}}));
}

// --- Picking ----------------------------------------------------------------------------------

TEST(ScatterGeometryTest, ProjectionMarksUndrawableRows)
{
    const plot::AxisScale x({1.0, 100.0}, plot::Scale::Log, 0, 200);
    const plot::AxisScale y({0.0, 1.0}, plot::Scale::Linear, 100, 0);
    const std::vector<QPointF> p = projectPoints({10.0, 0.0, 100.0, kNaN}, {0.5, 0.5, 1.0, 0.2}, x, y);
    ASSERT_EQ(p.size(), 4u);
    EXPECT_NEAR(p[0].x(), 100.0, 1e-9);
    EXPECT_NEAR(p[0].y(), 50.0, 1e-9);
    EXPECT_FALSE(isDrawable(p[1]));  // zero on a log axis
    EXPECT_TRUE(isDrawable(p[2]));
    EXPECT_FALSE(isDrawable(p[3]));
}

TEST(ScatterGeometryTest, PolygonContainmentConvexConcaveAndSelfCrossing)
{
    const QPolygonF square{{0, 0}, {10, 0}, {10, 10}, {0, 10}};
    EXPECT_TRUE(polygonContains(square, {5, 5}));
    EXPECT_FALSE(polygonContains(square, {15, 5}));
    EXPECT_FALSE(polygonContains(square, {-0.1, 5}));
    // A "U": the notch between the arms is outside.
    const QPolygonF u{{0, 0}, {3, 0}, {3, 7}, {7, 7}, {7, 0}, {10, 0}, {10, 10}, {0, 10}};
    EXPECT_TRUE(polygonContains(u, {1.5, 2}));
    EXPECT_TRUE(polygonContains(u, {8.5, 2}));
    EXPECT_FALSE(polygonContains(u, {5, 3}));
    EXPECT_TRUE(polygonContains(u, {5, 8.5}));
    // A bow tie: each lobe is inside, the area outside the lobes is not.
    const QPolygonF bow{{0, 0}, {10, 10}, {10, 0}, {0, 10}};
    EXPECT_TRUE(polygonContains(bow, {2, 5}));
    EXPECT_TRUE(polygonContains(bow, {8, 5}));
    EXPECT_FALSE(polygonContains(bow, {5, 2}));
    // Too few points enclose nothing.
    EXPECT_FALSE(polygonContains(QPolygonF{{0, 0}, {10, 10}}, {5, 5}));
}

TEST(ScatterGeometryTest, RectangleAndLassoPickEligibleDrawableRows)
{
    const std::vector<QPointF> p{{10, 10}, {20, 20}, {30, 30}, {QPointF(kNaN, kNaN)}, {25, 15}, {20, 20}};
    // Corners in any order; edges included.
    EXPECT_EQ(rowsInRect(p, QRectF(QPointF(30, 30), QPointF(20, 10))), (Rows{1, 2, 4, 5}));
    EXPECT_EQ(rowsInRect(p, QRectF(QPointF(30, 30), QPointF(20, 10)), {1, 0, 1, 1, 1, 1}), (Rows{2, 4, 5}));
    const QPolygonF triangle{{5, 0}, {45, 40}, {45, 0}};  // where y < x - 5
    EXPECT_EQ(rowsInPolygon(p, triangle), (Rows{4}));
    EXPECT_TRUE(rowsInPolygon(p, triangle, {1, 1, 1, 1, 0, 1}).empty());
}

TEST(ScatterGeometryTest, NearestRowWithinRadiusLaterRowWinsTies)
{
    const std::vector<QPointF> p{{10, 10}, {14, 10}, {14, 10}, {100, 100}};
    EXPECT_EQ(nearestRow(p, {13, 10}, 5.0), std::optional<std::size_t>(2));
    EXPECT_EQ(nearestRow(p, {13, 10}, 5.0, {1, 1, 0, 1}), std::optional<std::size_t>(1));
    EXPECT_EQ(nearestRow(p, {11, 10}, 5.0), std::optional<std::size_t>(0));
    EXPECT_FALSE(nearestRow(p, {50, 50}, 5.0));
}

// --- Axis choices -----------------------------------------------------------------------------

std::shared_ptr<Study> studyWithMetrics(const std::vector<std::string>& metrics)
{
    auto s = std::make_shared<Study>();
    s->name = "s";
    s->objective = {"val_acc", Direction::Maximize};
    s->space.params = {Param::floatRange("lr", 1e-4, 1e-1, true), Param::categorical("opt", {"sgd", "adam"})};
    for (int i = 0; i < 4; ++i) {
        Trial t;
        t.id = "t" + std::to_string(i);
        t.number = i;
        t.setParam("lr", 1e-3 * (i + 1));
        t.setParam("opt", i % 2 ? "adam" : "sgd");
        t.setMetric("val_acc", 0.5 + 0.1 * i);
        for (const std::string& m : metrics)
            t.setMetric(m, 1.0 + i);
        s->trials.push_back(t);
    }
    return s;
}

TEST(TradeoffAxesTest, ObjectiveAgainstModelSizeByDefault)
{
    const TrialTable table({{1, studyWithMetrics({"val_loss", "model_size_kb", "train_seconds"})}});
    const auto axes = defaultAxes(table);
    ASSERT_TRUE(axes);
    EXPECT_EQ(table.columns()[axes->y].name, "val_acc");
    EXPECT_EQ(table.columns()[axes->x].name, "model_size_kb");
    // Metrics (objective first), then parameters.
    std::vector<std::string> names;
    for (const std::size_t c : plottableColumns(table))
        names.push_back(table.columns()[c].name);
    EXPECT_EQ(names, (std::vector<std::string>{"val_acc", "val_loss", "model_size_kb", "train_seconds", "lr", "opt"}));
}

TEST(TradeoffAxesTest, FallsBackToTheFirstOtherMetricThenAParameter)
{
    const TrialTable withLoss({{1, studyWithMetrics({"val_loss", "train_seconds"})}});
    EXPECT_EQ(withLoss.columns()[defaultAxes(withLoss)->x].name, "val_loss");
    const TrialTable objectiveOnly({{1, studyWithMetrics({})}});
    EXPECT_EQ(objectiveOnly.columns()[defaultAxes(objectiveOnly)->x].name, "lr");
    EXPECT_FALSE(defaultAxes(TrialTable()));
}

TEST(TradeoffAxesTest, CategoricalAxisSpreadsTrialsWithinTheirBand)
{
    const TrialTable table({{1, studyWithMetrics({})}});
    const std::size_t opt = *table.paramColumn("opt");
    const PlotAxis axis = makePlotAxis(table, opt, true);  // log is ignored for categories
    EXPECT_TRUE(axis.categorical());
    EXPECT_FALSE(axis.scale.log());
    EXPECT_EQ(axis.categories, (QStringList{QStringLiteral("sgd"), QStringLiteral("adam")}));
    for (std::size_t r = 0; r < table.rows(); ++r) {
        EXPECT_NEAR(axis.values[r], table.columns()[opt].values[r], 0.3);
        EXPECT_EQ(std::lround(axis.values[r]), std::lround(table.columns()[opt].values[r]));
        EXPECT_EQ(axis.values[r], makePlotAxis(table, opt, false).values[r]);  // fixed per trial
    }
    const PlotAxis lr = makePlotAxis(table, *table.paramColumn("lr"), true);
    EXPECT_TRUE(lr.scale.log());
    EXPECT_EQ(lr.title, QStringLiteral("lr"));
    EXPECT_EQ(makePlotAxis(table, *table.objectiveColumn(), false).title, QStringLiteral("val_acc ↑"));
}

// --- Tooltips ---------------------------------------------------------------------------------

TEST(ScatterTooltipsTest, TrialTooltipNamesTheTrialAndListsWhatItHas)
{
    auto s = studyWithMetrics({"model_size_kb"});
    s->trials[2].state = TrialState::Pruned;
    const TrialTable table({{1, s}});
    const QString tip = trialTooltip(table, 2);
    EXPECT_TRUE(tip.contains(QStringLiteral("s · t2")));
    EXPECT_TRUE(tip.contains(QStringLiteral("Pruned")));
    EXPECT_TRUE(tip.contains(QStringLiteral("val_acc ↑")));
    EXPECT_TRUE(tip.contains(QStringLiteral("0.7")));     // its accuracy
    EXPECT_TRUE(tip.contains(QStringLiteral("0.003")));   // its learning rate
    EXPECT_TRUE(tip.contains(QStringLiteral("sgd")));     // its optimizer, as the category
    EXPECT_LT(tip.indexOf(QStringLiteral("val_acc")), tip.indexOf(QStringLiteral("model_size_kb")));  // objective first
    EXPECT_LT(tip.indexOf(QStringLiteral("model_size_kb")), tip.indexOf(QStringLiteral("lr")));      // metrics, then params
}

TEST(ScatterTooltipsTest, FrontTooltipListsTheFrontBestOnXFirstAndCounts)
{
    const TrialTable table({{1, studyWithMetrics({"model_size_kb"})}});
    PlotAxis x = makePlotAxis(table, *table.metricColumn("model_size_kb"), false);
    const PlotAxis y = makePlotAxis(table, *table.objectiveColumn(), false);
    x.direction = Direction::Maximize;  // bigger is better here: t3 comes first
    const QString tip = frontTooltip(table, {0, 1, 2, 3}, x, y, 3);
    EXPECT_TRUE(tip.contains(QStringLiteral("Pareto front: 4 trials")));
    EXPECT_LT(tip.indexOf(QStringLiteral("s · t3")), tip.indexOf(QStringLiteral("s · t2")));
    EXPECT_FALSE(tip.contains(QStringLiteral("s · t0")));  // beyond the three listed
    EXPECT_TRUE(tip.contains(QStringLiteral("and 1 more")));
    EXPECT_TRUE(frontTooltip(table, {1}, x, y).contains(QStringLiteral("Pareto front: 1 trial<")));
}

} // namespace
} // namespace tendril::app::tradeoff
