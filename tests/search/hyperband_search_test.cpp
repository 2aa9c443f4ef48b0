// Hyperband in bracket mode driven like the runner drives it: rounds of brackets, promotions as
// continuations of the same trial, the non-promoted ended at their rung, the trial budget
// counting configurations, and resuming an interrupted study.
#include "bandit_algorithms.hpp"
#include "hyperband_schedule.hpp"
#include "pruner_simulation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace tendril::search {
namespace {

using testing::Simulation;

// Learning curves that keep their ranking: the configuration's quality plus a decay every
// configuration shares.
double curveLoss(const testing::Params& params, double&, double step)
{
    const double x = testing::numberParam(params, "x");
    return (x - 0.3) * (x - 0.3) + std::exp(-step / 6.0);
}

AlgorithmSetup setupFor(double maxResource, std::int64_t maxTrials, const std::string& config = R"({"eta": 3})",
                        std::uint64_t seed = 11)
{
    AlgorithmSetup setup;
    setup.space.params.push_back(Param::floatRange("x", 0.0, 1.0));
    setup.objective = {"loss", Direction::Minimize};
    setup.name = "hyperband";
    setup.configJson = config;
    setup.budget.maxTrials = maxTrials;
    setup.budget.maxResource = maxResource;
    setup.seed = seed;
    return setup;
}

using StageKey = std::tuple<std::int64_t, std::int64_t, std::int64_t, double>;  // round, bracket, rung, budget

std::map<StageKey, int> stageCounts(const std::vector<TrialRequest>& requests)
{
    std::map<StageKey, int> counts;
    for (const TrialRequest& r : requests)
        ++counts[{*r.iteration, *r.bracket, *r.rung, *r.budget}];
    return counts;
}

TEST(HyperbandSearch, OneRoundOfR27RunsThePapersBrackets)
{
    const AlgorithmSetup setup = setupFor(27, 49);
    auto algorithm = makeHyperband(setup);
    Simulation sim("loss", curveLoss, 4);
    ASSERT_TRUE(sim.run(*algorithm));
    EXPECT_TRUE(algorithm->finished());
    EXPECT_FALSE(algorithm->ask());

    const std::map<StageKey, int> expected = {
        {{0, 3, 0, 1}, 27}, {{0, 3, 1, 3}, 9}, {{0, 3, 2, 9}, 3}, {{0, 3, 3, 27}, 1},
        {{0, 2, 0, 3}, 12}, {{0, 2, 1, 9}, 4}, {{0, 2, 2, 27}, 1},
        {{0, 1, 0, 9}, 6},  {{0, 1, 1, 27}, 2},
        {{0, 0, 0, 27}, 4},
    };
    EXPECT_EQ(stageCounts(sim.requests()), expected);
    EXPECT_EQ(sim.order().size(), 49u);  // 27 + 12 + 6 + 4 configurations

    // Promotions continue the same trial from its own checkpoint with the next stage's budget.
    std::map<std::string, TrialRequest> previous;
    for (const TrialRequest& r : sim.requests()) {
        if (r.continuation) {
            ASSERT_TRUE(previous.count(r.trialId));
            const TrialRequest& before = previous.at(r.trialId);
            EXPECT_EQ(r.restoreFrom, r.trialId);
            EXPECT_EQ(r.startStep, before.budget);
            EXPECT_EQ(*r.rung, *before.rung + 1);
            EXPECT_EQ(*r.budget, *before.budget * 3);
            EXPECT_EQ(r.params, before.params);
            EXPECT_EQ(r.bracket, before.bracket);
        } else {
            EXPECT_TRUE(r.restoreFrom.empty());
            EXPECT_FALSE(r.startStep);
        }
        previous[r.trialId] = r;
    }
    // The configuration that went all the way through bracket 3 has one curve from 1 to 27.
    const TrialRequest& last = *std::find_if(sim.requests().begin(), sim.requests().end(), [](const TrialRequest& r) {
        return r.bracket == 3 && r.rung == 3;
    });
    const Curve* curve = sim.trial(last.trialId).record.curve("loss");
    ASSERT_NE(curve, nullptr);
    ASSERT_EQ(curve->size(), 27u);
    for (std::size_t i = 0; i < curve->size(); ++i)
        EXPECT_EQ(curve->steps[i], static_cast<double>(i + 1));
}

TEST(HyperbandSearch, StagesKeepTheirBestAndEndTheOthersAtTheRung)
{
    auto algorithm = makeHyperband(setupFor(27, 49));
    Simulation sim("loss", curveLoss, 3);
    ASSERT_TRUE(sim.run(*algorithm));

    // 18 + 6 + 2 in bracket 3, 8 + 3 in bracket 2, 4 in bracket 1, none in bracket 0.
    const std::vector<std::string>& stopped = sim.stoppedAtRung();
    EXPECT_EQ(stopped.size(), 41u);
    EXPECT_EQ(std::set<std::string>(stopped.begin(), stopped.end()).size(), stopped.size());
    int complete = 0;
    for (const auto& [id, trial] : sim.trials()) {
        const bool wasStopped = std::count(stopped.begin(), stopped.end(), id) == 1;
        EXPECT_EQ(trial.record.state, wasStopped ? TrialState::Pruned : TrialState::Complete) << id;
        EXPECT_FALSE(trial.stoppedByAlgorithm) << id << " ran beyond its budget";
        if (!wasStopped) {
            ++complete;
            EXPECT_EQ(*trial.record.budget, 27.0) << id << " completed short of the maximum";
        }
    }
    EXPECT_EQ(complete, 8);

    // Every promotion took the best configurations of its stage by their value at the rung.
    std::map<std::pair<std::int64_t, std::int64_t>, std::vector<std::string>> atStage;  // (bracket, rung)
    for (const TrialRequest& r : sim.requests())
        atStage[{*r.bracket, *r.rung}].push_back(r.trialId);
    for (const auto& [key, ids] : atStage) {
        const auto next = atStage.find({key.first, key.second + 1});
        if (next == atStage.end())
            continue;
        const double budget = *std::find_if(sim.requests().begin(), sim.requests().end(), [&](const TrialRequest& r) {
                                   return r.bracket == key.first && r.rung == key.second;
                               })->budget;
        std::vector<std::pair<double, std::string>> byValue;
        for (const std::string& id : ids) {
            const Curve& curve = *sim.trial(id).record.curve("loss");
            const auto at = std::find(curve.steps.begin(), curve.steps.end(), budget);
            ASSERT_NE(at, curve.steps.end());
            byValue.emplace_back(curve.values[static_cast<std::size_t>(at - curve.steps.begin())], id);
        }
        std::sort(byValue.begin(), byValue.end());
        std::set<std::string> best;
        for (std::size_t i = 0; i < next->second.size(); ++i)
            best.insert(byValue[i].second);
        EXPECT_EQ(best, std::set<std::string>(next->second.begin(), next->second.end()))
            << "bracket " << key.first << " rung " << key.second;
        EXPECT_EQ(next->second.size(), ids.size() / 3);
    }
}

TEST(HyperbandSearch, OneWorkerRunsBracketsInOrder)
{
    auto algorithm = makeHyperband(setupFor(27, 49));
    Simulation sim("loss", curveLoss, 1);
    ASSERT_TRUE(sim.run(*algorithm));
    std::int64_t bracket = 3, rung = 0;
    for (const TrialRequest& r : sim.requests()) {
        EXPECT_LE(*r.bracket, bracket);
        if (*r.bracket == bracket) {
            EXPECT_GE(*r.rung, rung);
        }
        bracket = *r.bracket;
        rung = *r.rung;
    }
}

TEST(HyperbandSearch, RoundsRepeatWhileTheTrialBudgetLasts)
{
    auto algorithm = makeHyperband(setupFor(27, 60));
    Simulation sim("loss", curveLoss, 4);
    ASSERT_TRUE(sim.run(*algorithm));
    EXPECT_TRUE(algorithm->finished());
    EXPECT_EQ(sim.order().size(), 60u);
    // The second round's first bracket gets the 11 configurations left: 11 @ 1, 3 @ 3, 1 @ 9.
    std::map<StageKey, int> secondRound;
    for (const auto& [key, count] : stageCounts(sim.requests()))
        if (std::get<0>(key) == 1)
            secondRound[key] = count;
    EXPECT_EQ(secondRound, (std::map<StageKey, int>{{{1, 3, 0, 1}, 11}, {{1, 3, 1, 3}, 3}, {{1, 3, 2, 9}, 1}}));
}

TEST(HyperbandSearch, ReportsTellsFailuresAndOverruns)
{
    // R = 9, η = 3 and 9 trials: bracket 2 alone, 9 @ 1, 3 @ 3, 1 @ 9.
    auto algorithm = makeHyperband(setupFor(9, 9));
    std::vector<TrialRequest> first;
    for (int i = 0; i < 9; ++i) {
        std::optional<TrialRequest> r = algorithm->ask();
        ASSERT_TRUE(r);
        EXPECT_EQ(r->bracket, 2);
        EXPECT_EQ(r->budget, 1.0);
        first.push_back(*r);
    }
    EXPECT_FALSE(algorithm->ask());  // the stage waits for every configuration
    EXPECT_FALSE(algorithm->finished());

    // t0 would be the best but fails; t1 ignores its budget and is paused at step 2 (its value at
    // step 1 counts); t2 completes with NaN.
    EXPECT_EQ(algorithm->report(first[0].trialId, 1, 0.01), Verdict::Continue);
    algorithm->tell(first[0].trialId, TrialState::Failed, std::nullopt);
    EXPECT_EQ(algorithm->report(first[1].trialId, 1, 0.2), Verdict::Continue);
    EXPECT_EQ(algorithm->report(first[1].trialId, 2, 0.0), Verdict::Stop);
    algorithm->tell(first[1].trialId, TrialState::Pruned, std::nullopt);
    algorithm->tell(first[2].trialId, TrialState::Complete, std::nan(""));
    const double values[] = {0.5, 0.3, 0.9, 0.25, 0.7, 0.6};
    for (int i = 3; i < 9; ++i) {
        EXPECT_FALSE(algorithm->ask());
        algorithm->tell(first[static_cast<std::size_t>(i)].trialId, TrialState::Complete, values[i - 3]);
    }
    // The best three with a value: t6 (0.25), t1 (0.2 at step 1), t4 (0.3).
    std::set<std::string> promoted;
    for (int i = 0; i < 3; ++i) {
        std::optional<TrialRequest> r = algorithm->ask();
        ASSERT_TRUE(r);
        EXPECT_TRUE(r->continuation);
        EXPECT_EQ(r->budget, 3.0);
        EXPECT_EQ(r->rung, 1);
        promoted.insert(r->trialId);
    }
    EXPECT_EQ(promoted, (std::set<std::string>{first[1].trialId, first[4].trialId, first[6].trialId}));
    EXPECT_FALSE(algorithm->ask());

    // Ended at the rung: the complete ones that were not promoted (not the failed or pruned one).
    std::vector<std::string> stopped = dynamic_cast<RungStops&>(*algorithm).takeStoppedAtRung();
    std::sort(stopped.begin(), stopped.end());
    EXPECT_EQ(stopped, (std::vector<std::string>{first[2].trialId, first[3].trialId, first[5].trialId,
                                                 first[7].trialId, first[8].trialId}));
    EXPECT_TRUE(dynamic_cast<RungStops&>(*algorithm).takeStoppedAtRung().empty());

    EXPECT_THROW(algorithm->tell("t99", TrialState::Complete, 1.0), std::invalid_argument);
    EXPECT_THROW(algorithm->report("nope", 1, 1.0), std::invalid_argument);
    EXPECT_THROW(algorithm->tell(first[3].trialId, TrialState::Complete, 1.0), std::invalid_argument);
}

TEST(HyperbandSearch, SameSeedSameSearchOtherSeedOtherConfigurations)
{
    const auto run = [](std::uint64_t seed) {
        auto algorithm = makeHyperband(setupFor(27, 49, R"({"eta": 3})", seed));
        Simulation sim("loss", curveLoss, 3);
        EXPECT_TRUE(sim.run(*algorithm));
        return sim.requests();
    };
    const std::vector<TrialRequest> a = run(5), b = run(5), c = run(6);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].trialId, b[i].trialId);
        EXPECT_EQ(a[i].params, b[i].params);
        EXPECT_EQ(a[i].budget, b[i].budget);
    }
    EXPECT_NE(a.front().params, c.front().params);
}

// What each configuration ended as: its last rung and state.
std::map<std::string, std::pair<std::int64_t, TrialState>> outcome(const Simulation& sim)
{
    std::map<std::string, std::pair<std::int64_t, TrialState>> result;
    for (const auto& [id, trial] : sim.trials())
        result[id] = {trial.record.rung.value_or(-1), trial.record.state};
    return result;
}

TEST(HyperbandSearch, ResumedStudyEndsAsAnUninterruptedOne)
{
    const AlgorithmSetup setup = setupFor(27, 60);
    auto whole = makeHyperband(setup);
    Simulation uninterrupted("loss", curveLoss, 3);
    ASSERT_TRUE(uninterrupted.run(*whole));

    // Interrupted at several points: while creating, while promoting, in the second round.
    const std::size_t length = uninterrupted.activePerTick().size();
    for (std::size_t ticks : {std::size_t{1}, length / 8, length / 4, length / 2, 2 * length / 3, length - 2}) {
        auto first = makeHyperband(setup);
        Simulation sim("loss", curveLoss, 3);
        ASSERT_FALSE(sim.run(*first, ticks)) << ticks;
        sim.interrupt();
        std::map<std::string, std::int64_t> runsBefore;
        std::set<std::string> resumable;  // interrupted after reporting something
        for (const auto& [id, trial] : sim.trials()) {
            runsBefore[id] = trial.runs;
            if (trial.record.state == TrialState::Failed && trial.record.curve("loss"))
                resumable.insert(id);
        }
        const std::size_t requestsBefore = sim.requests().size();

        auto resumed = makeHyperband(setup);
        resumed->restore(sim.study(setup.space, setup.objective));
        ASSERT_TRUE(sim.run(*resumed)) << ticks;
        EXPECT_TRUE(resumed->finished());
        EXPECT_EQ(outcome(sim), outcome(uninterrupted)) << "interrupted after " << ticks << " ticks";
        // Finished work is not repeated: after the restore, known trials only come back as
        // continuations, each interrupted one from its own checkpoint.
        for (std::size_t i = requestsBefore; i < sim.requests().size(); ++i) {
            const TrialRequest& r = sim.requests()[i];
            if (!runsBefore.count(r.trialId))
                continue;
            EXPECT_TRUE(r.continuation) << r.trialId << " started over";
            if (resumable.count(r.trialId)) {
                EXPECT_EQ(r.restoreFrom, r.trialId);
            }
        }
    }
}

TEST(HyperbandSearch, RestoreLaunchesPromotionsDecidedButNotStarted)
{
    // R = 9, η = 3, 9 trials: the first stage ended (values 0.1 .. 0.9), the best configuration
    // was promoted and started (rung 1) when Tendril stopped; the next two never started.
    const AlgorithmSetup setup = setupFor(9, 9);
    Study study;
    study.space = setup.space;
    study.objective = setup.objective;
    for (int i = 0; i < 9; ++i) {
        Trial t;
        t.id = "t" + std::to_string(i);
        t.number = i;
        t.params = {{"x", Value(0.1 * i)}};
        t.iteration = 0;
        t.bracket = 2;
        t.rung = 0;
        t.budget = 1;
        const double value = 0.1 * (i + 1);
        t.curveFor("loss").append(1, value);
        t.setMetric("loss", value);
        t.state = TrialState::Complete;
        study.trials.push_back(t);
    }
    study.trials[0].rung = 1;
    study.trials[0].budget = 3;
    study.trials[0].curveFor("loss").append(2, 0.05);
    study.trials[0].state = TrialState::Failed;
    study.trials[0].error = "interrupted";

    auto algorithm = makeHyperband(setup);
    algorithm->restore(study);
    std::vector<TrialRequest> requests;
    while (std::optional<TrialRequest> r = algorithm->ask())
        requests.push_back(*r);
    ASSERT_EQ(requests.size(), 3u);
    EXPECT_EQ(requests[0].trialId, "t0");
    EXPECT_EQ(requests[0].startStep, 2.0);  // resumes from its own last report
    EXPECT_EQ(requests[1].trialId, "t1");
    EXPECT_EQ(requests[2].trialId, "t2");
    for (const TrialRequest& r : requests) {
        EXPECT_TRUE(r.continuation);
        EXPECT_EQ(r.restoreFrom, r.trialId);
        EXPECT_EQ(r.rung, 1);
        EXPECT_EQ(r.budget, 3.0);
    }
    EXPECT_EQ(requests[1].startStep, 1.0);
    std::vector<std::string> stopped = dynamic_cast<RungStops&>(*algorithm).takeStoppedAtRung();
    EXPECT_EQ(stopped, (std::vector<std::string>{"t3", "t4", "t5", "t6", "t7", "t8"}));
    EXPECT_FALSE(algorithm->finished());
    for (const TrialRequest& r : requests)
        algorithm->tell(r.trialId, TrialState::Complete, r.trialId == "t2" ? 0.01 : 0.5);
    const std::optional<TrialRequest> last = algorithm->ask();
    ASSERT_TRUE(last);
    EXPECT_EQ(last->trialId, "t2");
    EXPECT_EQ(last->budget, 9.0);
    algorithm->tell("t2", TrialState::Complete, 0.01);
    EXPECT_TRUE(algorithm->finished());
}

} // namespace
} // namespace tendril::search
