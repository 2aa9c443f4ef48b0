// What the importance pipeline promises besides the numbers: determinism, invariances, direction-
// aware cutoffs, and a defined answer for every degenerate study.
#include "importance_study.hpp"

#include "tendril/engine/importance.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <limits>

using namespace tendril;
using namespace tendril::engine;
using namespace tendril::testing;

namespace {

const auto kLinear = [](const std::vector<double>& x) { return x[0] + 2 * x[1] + 0.5 * x[0] * x[2]; };

void expectNoNaN(const ImportanceReport& r)
{
    for (const ParamImportance& p : r.params) {
        EXPECT_TRUE(std::isfinite(p.importance)) << p.name;
        EXPECT_TRUE(std::isfinite(p.std)) << p.name;
    }
    for (const PairImportance& p : r.pairs)
        EXPECT_TRUE(std::isfinite(p.importance));
}

} // namespace

TEST(ImportanceOptions, DeterministicForASeedWhateverTheThreads)
{
    const Study study = sampleStudy(unitCube(3), 400, 1, kLinear);
    ImportanceOptions a;
    a.pairs = true;
    a.forest.seed = 42;
    a.forest.threads = 1;
    ImportanceOptions b = a;
    b.forest.threads = 2;
    const ImportanceReport ra = analyzeImportance(study, a), rb = analyzeImportance(study, b);
    ASSERT_EQ(ra.params.size(), rb.params.size());
    for (std::size_t i = 0; i < ra.params.size(); ++i) {
        EXPECT_EQ(ra.params[i].name, rb.params[i].name);
        EXPECT_EQ(ra.params[i].importance, rb.params[i].importance);
        EXPECT_EQ(ra.params[i].std, rb.params[i].std);
    }
    for (std::size_t i = 0; i < ra.pairs.size(); ++i)
        EXPECT_EQ(ra.pairs[i].importance, rb.pairs[i].importance);

    ImportanceOptions other = a;
    other.forest.seed = 43;
    EXPECT_NE(analyzeImportance(study, other).params[0].importance, ra.params[0].importance);
}

TEST(ImportanceOptions, InvariantToRelabellingParametersAndShiftingTheMetric)
{
    const Study study = sampleStudy(unitCube(3), 400, 2, kLinear);
    const ImportanceReport base = analyzeImportance(study, {});

    Study permuted = study;
    std::reverse(permuted.space.params.begin(), permuted.space.params.end());
    for (Trial& t : permuted.trials)
        std::reverse(t.params.begin(), t.params.end());
    const ImportanceReport p = analyzeImportance(permuted, {});

    Study shifted = study;
    for (Trial& t : shifted.trials)
        t.metrics[0].second += 1000.0;
    const ImportanceReport s = analyzeImportance(shifted, {});

    // Columns are analysed in a canonical order (by name), so the declaration order cannot matter.
    for (const char* name : {"x1", "x2", "x3"})
        EXPECT_EQ(importanceOf(p, name), importanceOf(base, name)) << name;
    // A shifted metric is the same function, but y + 1000 is rounded differently, which can flip
    // exact ties between equally good splits at the deepest nodes: equal up to that noise, far
    // below the spread over trees.
    for (const char* name : {"x1", "x2", "x3"}) {
        EXPECT_NEAR(importanceOf(s, name), importanceOf(base, name), 2e-3) << name;
        const auto it = std::find_if(base.params.begin(), base.params.end(), [&](const auto& q) { return q.name == name; });
        EXPECT_LT(std::fabs(importanceOf(s, name) - importanceOf(base, name)), 0.1 * it->std + 1e-12) << name;
    }
}

TEST(ImportanceOptions, DirectionDoesNotChangeTheDecompositionButDoesChangeTheCutoff)
{
    // The best values for maximisation come from x1 > 0.8, the best for minimisation from x2 < 0.2.
    const auto f = [](const std::vector<double>& x) {
        return 10 * std::max(0.0, x[0] - 0.8) - 10 * std::max(0.0, 0.2 - x[1]) + 0.01 * x[2];
    };
    Study study = sampleStudy(unitCube(3), 1500, 3, f);
    ImportanceOptions max;
    max.direction = Direction::Maximize;
    ImportanceOptions min = max;
    min.direction = Direction::Minimize;
    const ImportanceReport rmax = analyzeImportance(study, max), rmin = analyzeImportance(study, min);
    EXPECT_EQ(importanceOf(rmax, "x1"), importanceOf(rmin, "x1"));

    max.quantile = 0.1;
    min.quantile = 0.1;
    const ImportanceReport qmax = analyzeImportance(study, max), qmin = analyzeImportance(study, min);
    ASSERT_TRUE(qmax.cutoff && qmin.cutoff);
    EXPECT_LT(*qmin.cutoff, *qmax.cutoff);
    EXPECT_EQ(qmax.params.front().name, "x1");
    EXPECT_GT(importanceOf(qmax, "x1"), 0.8);
    EXPECT_EQ(qmin.params.front().name, "x2");
    EXPECT_GT(importanceOf(qmin, "x2"), 0.8);

    // The study's own declaration gives the direction when the options do not.
    study.objective.direction = Direction::Minimize;
    ImportanceOptions declared;
    declared.quantile = 0.1;
    EXPECT_EQ(analyzeImportance(study, declared).params.front().name, "x2");
}

TEST(ImportanceOptions, DegenerateStudiesGiveZerosAndAReason)
{
    const Study empty = sampleStudy(unitCube(2), 0, 1, kLinear);
    ImportanceReport r = analyzeImportance(empty, {});
    EXPECT_EQ(r.trialsUsed, 0u);
    EXPECT_FALSE(r.note.empty());
    EXPECT_EQ(r.model, nullptr);
    expectNoNaN(r);

    r = analyzeImportance(sampleStudy(unitCube(2), 1, 1, kLinear), {});
    EXPECT_EQ(r.trialsUsed, 1u);
    EXPECT_NE(r.note.find("one usable trial"), std::string::npos) << r.note;
    expectNoNaN(r);

    ImportanceOptions withPairs;
    withPairs.pairs = true;
    r = analyzeImportance(sampleStudy(unitCube(3), 50, 1, [](const std::vector<double>&) { return 0.5; }), withPairs);
    EXPECT_NE(r.note.find("same value"), std::string::npos) << r.note;
    ASSERT_EQ(r.params.size(), 3u);
    EXPECT_EQ(r.pairs.size(), 3u);
    for (const ParamImportance& p : r.params)
        EXPECT_EQ(p.importance, 0.0);
    expectNoNaN(r);
}

TEST(ImportanceOptions, NonFiniteAndUnwantedTrialsAreExcludedAndCounted)
{
    Study study = sampleStudy(unitCube(2), 200, 4, kLinear);
    study.trials[0].metrics[0].second = std::numeric_limits<double>::quiet_NaN();
    study.trials[1].metrics[0].second = std::numeric_limits<double>::infinity();
    study.trials[2].metrics.clear();
    study.trials[3].state = TrialState::Failed;
    study.trials[4].state = TrialState::Pruned;
    ImportanceReport r = analyzeImportance(study, {});
    EXPECT_EQ(r.trialsUsed, 195u);
    EXPECT_EQ(r.trialsNotFinite, 2u);
    EXPECT_EQ(r.trialsMissingMetric, 1u);
    expectNoNaN(r);

    ImportanceOptions alsoPruned;
    alsoPruned.states = {TrialState::Complete, TrialState::Pruned};
    EXPECT_EQ(analyzeImportance(study, alsoPruned).trialsUsed, 196u);

    ImportanceOptions subset;
    subset.trials = std::vector<std::size_t>{0, 5, 6, 7, 8, 9};
    EXPECT_EQ(analyzeImportance(study, subset).trialsUsed, 5u);
}

TEST(ImportanceOptions, ConstantAndConditionalParameters)
{
    SearchSpace space = unitCube(2);
    space.params.push_back(Param::categorical("fixed", {"adam"}));
    space.params.push_back(Param::floatRange("rare", 0.0, 1.0));
    space.params.push_back(Param::floatRange("often", 0.0, 1.0));
    Study study = sampleStudy(space, 300, 5, kLinear);
    for (std::size_t i = 0; i < study.trials.size(); ++i) {
        auto& params = study.trials[i].params;
        if (i % 10 != 0)  // "rare" used by 10 % of the trials
            params.erase(params.begin() + 3);
        if (i % 4 == 0) {  // "often" missing in a quarter: those trials are left out
            auto it = std::find_if(params.begin(), params.end(), [](const auto& p) { return p.first == "often"; });
            params.erase(it);
        }
    }
    const ImportanceReport r = analyzeImportance(study, {});
    EXPECT_EQ(r.droppedParams, std::vector<std::string>{"rare"});
    EXPECT_EQ(r.trialsMissingParams, 75u);
    EXPECT_EQ(r.trialsUsed, 225u);
    const auto fixed = std::find_if(r.params.begin(), r.params.end(), [](const auto& p) { return p.name == "fixed"; });
    ASSERT_NE(fixed, r.params.end());
    EXPECT_TRUE(fixed->constant);
    EXPECT_EQ(fixed->importance, 0.0);
    EXPECT_GT(importanceOf(r, "x2"), 0.5);
    expectNoNaN(r);
}

TEST(ImportanceOptions, BadOptionsNameTheProblem)
{
    const Study study = sampleStudy(unitCube(2), 20, 6, kLinear);
    ImportanceOptions metric;
    metric.metric = "accuracy";
    try {
        analyzeImportance(study, metric);
        FAIL();
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("\"accuracy\""), std::string::npos);
    }
    ImportanceOptions quantile;
    quantile.quantile = 1.5;
    EXPECT_THROW(analyzeImportance(study, quantile), std::invalid_argument);
    ImportanceOptions trees;
    trees.forest.trees = 0;
    EXPECT_THROW(analyzeImportance(study, trees), std::invalid_argument);
    ImportanceOptions index;
    index.trials = std::vector<std::size_t>{99};
    EXPECT_THROW(analyzeImportance(study, index), std::invalid_argument);
}

TEST(ImportanceOptions, CancelledBeforeItStarts)
{
    const Study study = sampleStudy(unitCube(3), 300, 7, kLinear);
    std::atomic<bool> stop{true};
    Control control;
    control.cancel = &stop;
    EXPECT_THROW(analyzeImportance(study, {}, control), Cancelled);
}

TEST(ImportanceOptions, ProgressReachesTheEndAndCurvesUseParameterValues)
{
    SearchSpace space;
    space.params = {Param::floatRange("lr", 1e-5, 1e-1, true), Param::categorical("opt", {"sgd", "adam"})};
    const Study study = sampleStudy(space, 400, 8, [](const std::vector<double>& x) {
        return (x[0] < 1e-3 ? 1.0 : 0.0) + 0.5 * x[1];
    });
    std::vector<double> seen;
    Control control;
    control.progress = [&](double f) { seen.push_back(f); };
    const ImportanceReport r = analyzeImportance(study, {}, control);
    ASSERT_FALSE(seen.empty());
    EXPECT_DOUBLE_EQ(seen.back(), 1.0);
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    ASSERT_NE(r.model, nullptr);

    const MarginalCurve lr = r.model->curve("lr");
    EXPECT_NEAR(lr.edges.front(), 1e-5, 1e-15);
    EXPECT_NEAR(lr.edges.back(), 1e-1, 1e-12);
    // Good runs below 1e-3: the marginal is higher there.
    EXPECT_GT(lr.meanAt(-4.0) + 0.0, 0.0);  // cellAt works in the integration scale (log10)
    const MarginalCurve opt = r.model->curve("opt");
    EXPECT_TRUE(opt.categorical);
    ASSERT_EQ(opt.cells(), 2u);
    EXPECT_GT(opt.mean[1], opt.mean[0]);
    const PairMarginalTable table = r.model->pairTable("lr", "opt", 16);
    EXPECT_EQ(table.rows, 16u);
    EXPECT_EQ(table.cols, 2u);
    EXPECT_NEAR(table.rowEdges.front(), 1e-5, 1e-15);
    EXPECT_THROW(r.model->curve("momentum"), std::invalid_argument);
}
