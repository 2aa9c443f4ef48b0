// Lineage of studies the real runner produced: `tendril-cli run` on the synthetic Hyperband and
// PBT examples (shrunk to a few seconds) into a project in a temporary folder, and the studies of
// the bundled demo project, which the same runner made. The invariants hold for whatever the
// asynchronous runs decided; the demo's known shape is checked exactly.
#include "tendril/core/lineage.hpp"
#include "tendril/io/native_format.hpp"
#include "tendril/store/project.hpp"

#include "process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace tendril;
using namespace tendril::testing;

namespace {

// Runs resources/examples/synthetic/<example>.json, changed by `adjust`, into a fresh project.
Study runExample(const TempDir& dir, const std::string& example, const std::function<void(nlohmann::json&)>& adjust)
{
    const std::string examples = sourceDir() + "/resources/examples/synthetic";
    nlohmann::json config = nlohmann::json::parse(readFile(examples + "/" + example + ".json"));
    config["workdir"] = examples;
    adjust(config);
    const std::string configPath = dir.file(example + ".json");
    writeFile(configPath, config.dump(2));
    const std::string project = dir.file("p.tendril");
    const ProcessResult r = runProcess(binDir() + "/tendril-cli", {"run", "--project", project, "--config", configPath});
    EXPECT_EQ(r.exitCode, 0) << r.err << r.out;
    return Project(project, OpenMode::ReadOnly).loadStudy(config["name"].get<std::string>());
}

// What every lineage must satisfy, whatever the algorithm.
void expectSoundLineage(const Study& study, const Lineage& lineage)
{
    SCOPED_TRACE(study.name);
    EXPECT_TRUE(lineage.problems().empty()) << lineage.problems().front();
    ASSERT_EQ(lineage.size(), study.trials.size());
    std::size_t withParent = 0;
    for (std::size_t i = 0; i < lineage.size(); ++i) {
        const TrialLineage& t = lineage[i];
        const Trial& trial = study.trials[i];
        SCOPED_TRACE(trial.id);
        ASSERT_FALSE(t.history.empty());
        for (std::size_t k = 1; k < t.history.size(); ++k)
            EXPECT_LT(t.history[k - 1].column, t.history[k].column);
        EXPECT_LT(t.history.back().column, lineage.columns().size());

        // No cycles: the chain up ends at the root after `depth` links, without meeting itself.
        const std::vector<std::size_t> up = lineage.ancestors(i);
        EXPECT_EQ(up.size(), t.depth);
        EXPECT_EQ(std::count(up.begin(), up.end(), i), 0);
        EXPECT_EQ(up.empty() ? i : up.back(), t.root);
        for (const std::size_t a : up) {
            const std::vector<std::size_t> below = lineage.descendants(a);
            EXPECT_EQ(std::count(below.begin(), below.end(), i), 1);
        }
        if (!t.parent) {
            EXPECT_TRUE(trial.parent.empty());
            continue;
        }
        ++withParent;
        // The parent exists, is the one named, and was created and started before the child.
        const Trial& parent = study.trials[*t.parent];
        EXPECT_EQ(parent.id, trial.parent);
        EXPECT_LT(parent.number, trial.number);
        const std::optional<double> parentStart = parseIsoTime(parent.started);
        const std::optional<double> childStart = parseIsoTime(trial.started);
        ASSERT_TRUE(parentStart && childStart);
        EXPECT_LE(*parentStart, *childStart);
        const LineageLink* link = lineage.linkTo(i);
        ASSERT_NE(link, nullptr);
        EXPECT_EQ(link->parent, *t.parent);
        EXPECT_LT(link->parentColumn, link->childColumn);
        EXPECT_EQ(link->childColumn, t.history.front().column);
    }
    EXPECT_EQ(lineage.links().size(), withParent);
}

std::set<double> stepsOf(const Curve& curve)
{
    return {curve.steps.begin(), curve.steps.end()};
}

void expectPopulationInvariants(const Study& study, const Lineage& lineage, double interval)
{
    ASSERT_EQ(lineage.scheme(), ExplorationScheme::Population);
    ASSERT_EQ(lineage.perturbationInterval(), interval);
    std::size_t changed = 0;
    for (const LineageLink& link : lineage.links()) {
        const Trial& parent = study.trials[link.parent];
        const Trial& child = study.trials[link.child];
        SCOPED_TRACE(child.id);
        EXPECT_EQ(link.kind, link.changes.empty() ? LinkKind::Continuation : LinkKind::Mutation);
        // The child starts at a step its parent reached (the parent's last report when copied),
        // and reports only after it.
        ASSERT_TRUE(child.startStep);
        ASSERT_TRUE(link.startStep);
        EXPECT_EQ(*link.startStep, *child.startStep);
        const Curve* parentCurve = parent.curve(study.objective.metric);
        ASSERT_NE(parentCurve, nullptr);
        EXPECT_EQ(stepsOf(*parentCurve).count(*child.startStep), 1u);
        EXPECT_GE(*child.startStep, parent.startStep.value_or(0.0));
        if (const Curve* childCurve = child.curve(study.objective.metric)) {
            for (const double s : childCurve->steps)
                EXPECT_GT(s, *child.startStep);
        }
        // The link leaves the parent in the interval it was copied in.
        const auto column = static_cast<std::size_t>(std::max(0.0, std::ceil(*child.startStep / interval - 1e-9) - 1.0));
        EXPECT_LE(link.parentColumn, column);
        // The changes are exactly the values that differ.
        std::size_t differing = 0;
        for (const auto& [name, value] : child.params)
            differing += parent.param(name) == nullptr || *parent.param(name) != value;
        EXPECT_EQ(link.changes.size(), differing);
        changed += !link.changes.empty();
    }
    EXPECT_GT(changed, 0u) << "PBT explores: some children hold other values than their parents";
    // Each evaluation of a member lies within what its curve reached.
    for (std::size_t i = 0; i < lineage.size(); ++i)
        for (const Evaluation& e : lineage[i].history)
            if (std::isfinite(e.step)) {
                EXPECT_GT(e.step, study.trials[i].startStep.value_or(0.0) - 1e-9);
            }
}

void expectBracketInvariants(const Study& study, const Lineage& lineage, std::int64_t eta)
{
    ASSERT_EQ(lineage.scheme(), ExplorationScheme::Brackets);
    EXPECT_TRUE(lineage.links().empty()) << "the runner continues a promoted configuration as the same trial";
    std::map<std::size_t, std::size_t> reached;  // column -> trials evaluated there
    for (std::size_t i = 0; i < lineage.size(); ++i) {
        const Trial& trial = study.trials[i];
        const std::vector<Evaluation>& history = lineage[i].history;
        SCOPED_TRACE(trial.id);
        ASSERT_TRUE(trial.rung);
        ASSERT_EQ(history.size(), static_cast<std::size_t>(*trial.rung + 1));
        for (std::size_t k = 0; k < history.size(); ++k) {
            const IterationColumn& column = lineage.columns()[history[k].column];
            ++reached[history[k].column];
            // Survivors climb the rungs of one bracket run, one column each, with growing budgets.
            EXPECT_EQ(column.rung, static_cast<std::int64_t>(k));
            EXPECT_EQ(column.group, lineage.columns()[history.front().column].group);
            EXPECT_EQ(column.bracket, trial.bracket);
            ASSERT_TRUE(column.step);
            EXPECT_EQ(history[k].step, *column.step);
            if (k > 0) {
                EXPECT_EQ(history[k].column, history[k - 1].column + 1);
                EXPECT_GT(history[k].step, history[k - 1].step);
            }
            if (k + 1 < history.size()) {
                const Curve* curve = trial.curve("val_acc");
                ASSERT_NE(curve, nullptr) << "a promoted trial reported";
                EXPECT_DOUBLE_EQ(history[k].value, curveValueAt(*curve, history[k].step));
            }
        }
        EXPECT_EQ(history.back().step, trial.budget);
        if (*trial.rung > 0) {
            EXPECT_EQ(trial.startStep, history[history.size() - 2].step);
        }
        if (const Curve* curve = trial.curve("val_acc")) {
            for (const double s : curve->steps)
                EXPECT_LE(s, *trial.budget + 1e-9);
        }
    }
    // Successive halving: at most a third of a stage's configurations reach the next one.
    for (std::size_t c = 1; c < lineage.columns().size(); ++c)
        if (lineage.columns()[c].group == lineage.columns()[c - 1].group) {
            EXPECT_LE(reached[c], reached[c - 1] / static_cast<std::size_t>(eta)) << "column " << c;
        }
}

TEST(LineageOfRunnerStudies, HyperbandSurvivorsClimbTheRungsOfTheirBracket)
{
    const TempDir dir;
    const Study study = runExample(dir, "hyperband", [](nlohmann::json& j) {
        j["name"] = "hb";
        j["algorithm"]["config"]["max_resource"] = 9;
        j["budget"] = {{"max_trials", 14}, {"max_resource", 9}, {"resource", "epoch"}};
        j["workers"] = 4;
    });
    ASSERT_EQ(study.trials.size(), 14u);
    const Lineage lineage(study);
    expectSoundLineage(study, lineage);
    expectBracketInvariants(study, lineage, 3);
    const bool promoted = std::any_of(study.trials.begin(), study.trials.end(), [](const Trial& t) { return t.rung > 0; });
    EXPECT_TRUE(promoted);
}

TEST(LineageOfRunnerStudies, PbtChildrenLeaveTheirParentWhereTheyCopiedIt)
{
    const TempDir dir;
    const Study study = runExample(dir, "pbt", [](nlohmann::json& j) {
        j["name"] = "pbt";
        j["algorithm"]["config"] = {{"population_size", 6}, {"perturbation_interval", 2}, {"quantile_fraction", 0.34},
                                    {"seed", 3}};
        j["budget"] = {{"max_trials", 18}, {"max_resource", 12}, {"resource", "epoch"}};
        j["workers"] = 6;
    });
    ASSERT_GT(study.trials.size(), 6u);
    LineageOptions options;
    options.perturbationInterval = 2.0;
    const Lineage lineage(study, options);
    expectSoundLineage(study, lineage);
    expectPopulationInvariants(study, lineage, 2.0);
    EXPECT_EQ(lineage.links().size(), study.trials.size() - 6) << "every trial but the first population has a parent";
    // Without the configuration, the interval read from the trials is a whole number of them.
    const Lineage inferred(study);
    ASSERT_TRUE(inferred.perturbationInterval());
    EXPECT_NEAR(std::fmod(*inferred.perturbationInterval(), 2.0), 0.0, 1e-9);
    // The initial population is sampled together: all in the first column.
    for (std::size_t i = 0; i < lineage.size(); ++i)
        if (!lineage[i].parent && lineage[i].history.front().step >= 2.0) {
            EXPECT_EQ(lineage[i].history.front().column, 0u) << study.trials[i].id;
        }
}

class LineageOfDemoStudies : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        for (Study& s : readNativeFile(sourceDir() + "/resources/demo/demo.json").studies)
            studies_.emplace(s.name, std::move(s));
    }
    static const Study& study(const std::string& name) { return studies_.at(name); }

    static inline std::map<std::string, Study> studies_;
};

TEST_F(LineageOfDemoStudies, EveryStudyHasASoundLineageInTheSchemeOfItsAlgorithm)
{
    const std::map<std::string, ExplorationScheme> expected = {
        {"digits-random", ExplorationScheme::Sequential},  {"digits-grid", ExplorationScheme::Sequential},
        {"digits-tpe", ExplorationScheme::Sequential},     {"digits-tpe-refined", ExplorationScheme::Sequential},
        {"digits-asha", ExplorationScheme::Asynchronous},  {"digits-hyperband", ExplorationScheme::Brackets},
        {"digits-bohb", ExplorationScheme::Brackets},      {"digits-pbt", ExplorationScheme::Population}};
    ASSERT_EQ(studies_.size(), expected.size());
    for (const auto& [name, scheme] : expected) {
        const Lineage lineage(study(name));
        EXPECT_EQ(lineage.scheme(), scheme) << name;
        expectSoundLineage(study(name), lineage);
    }
    expectBracketInvariants(study("digits-hyperband"), Lineage(study("digits-hyperband")), 3);
    expectBracketInvariants(study("digits-bohb"), Lineage(study("digits-bohb")), 3);
    expectPopulationInvariants(study("digits-pbt"), Lineage(study("digits-pbt")), 3.0);
}

TEST_F(LineageOfDemoStudies, HyperbandHasOneColumnPerStageOfItsFourBrackets)
{
    const Study& s = study("digits-hyperband");
    const Lineage lineage(s);
    // R = 27, eta = 3: brackets 3, 2, 1, 0 with 4, 3, 2 and 1 stages.
    ASSERT_EQ(lineage.columns().size(), 10u);
    const std::vector<double> budgets = {1, 3, 9, 27, 3, 9, 27, 9, 27, 27};
    const std::vector<std::int64_t> brackets = {3, 3, 3, 3, 2, 2, 2, 1, 1, 0};
    for (std::size_t c = 0; c < 10; ++c) {
        EXPECT_EQ(lineage.columns()[c].step, budgets[c]) << c;
        EXPECT_EQ(lineage.columns()[c].bracket, brackets[c]) << c;
    }
    // t11 went through every stage of bracket 3 to the full budget.
    const auto t11 = static_cast<std::size_t>(std::find_if(s.trials.begin(), s.trials.end(),
                                                           [](const Trial& t) { return t.id == "t11"; }) - s.trials.begin());
    ASSERT_EQ(lineage[t11].history.size(), 4u);
    EXPECT_EQ(lineage[t11].history[3].column, 3u);
    EXPECT_DOUBLE_EQ(lineage[t11].history[3].value, *s.trials[t11].metric("val_acc"));
    // The best-so-far curve never gets worse and ends at the study's best.
    const std::vector<double> best = lineage.bestSoFar();
    for (std::size_t c = 1; c < best.size(); ++c)
        EXPECT_GE(best[c], best[c - 1]);
    EXPECT_DOUBLE_EQ(best.back(), *s.bestTrial()->metric("val_acc"));
}

TEST_F(LineageOfDemoStudies, PbtLineageReadsTheIntervalFromTheTrials)
{
    const Study& s = study("digits-pbt");
    const Lineage lineage(s);
    EXPECT_EQ(lineage.perturbationInterval(), 3.0);  // the configuration's perturbation_interval
    // One link per exploit: every trial with a parent, and no other.
    const auto children = std::count_if(s.trials.begin(), s.trials.end(), [](const Trial& t) { return !t.parent.empty(); });
    EXPECT_EQ(lineage.links().size(), static_cast<std::size_t>(children));
    EXPECT_GT(children, 0);
    // All 12 initial members (population_size) are first evaluated together, at the end of generation 1.
    std::size_t roots = 0;
    for (std::size_t i = 0; i < lineage.size(); ++i) {
        if (lineage[i].parent)
            continue;
        ++roots;
        EXPECT_EQ(lineage[i].history.front().column, 0u);
    }
    EXPECT_EQ(roots, 12u);
    EXPECT_EQ(lineage.columns().size(), 10u) << "the first evaluation and 9 generations of 3 epochs";
}

} // namespace
