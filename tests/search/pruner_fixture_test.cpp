// Optuna 3.1's own prune decisions (shared/reference/fixtures/optuna_pruner_decisions.json):
// successive halving (min 1, η 3, with and without bootstrap 2) and Hyperband (1, 27, 3) must be
// reproduced decision for decision, and again after a restore halfway through.
#include "bandit_algorithms.hpp"
#include "hyperband_pruner.hpp"
#include "pruner_simulation.hpp"

#include "process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>

namespace tendril::search {
namespace {

struct Event {
    std::int64_t trial = 0;
    double step = 0.0;
    double value = 0.0;
    bool prune = false;
    std::int64_t bracket = -1;  // Optuna's bracket id (0 prunes earliest)
};

const nlohmann::json& fixture()
{
    static const nlohmann::json data = nlohmann::json::parse(tendril::testing::readFile(
        tendril::testing::sourceDir() + "/../shared/reference/fixtures/optuna_pruner_decisions.json"));
    return data;
}

std::vector<Event> stream(const std::string& name, bool negate = false)
{
    std::vector<Event> events;
    for (const nlohmann::json& e : fixture().at(name)) {
        Event event;
        event.trial = e.at("trial").get<std::int64_t>();
        event.step = e.at("step").get<double>();
        event.value = e.at("value").get<double>() * (negate ? -1.0 : 1.0);
        event.prune = e.at("prune").get<bool>();
        if (e.contains("bracket"))
            event.bracket = e.at("bracket").get<std::int64_t>();
        events.push_back(event);
    }
    return events;
}

AlgorithmSetup ashaSetup(const std::string& config, Direction direction)
{
    AlgorithmSetup setup;
    setup.space.params.push_back(Param::floatRange("x", 0.0, 1.0));
    setup.objective = {"loss", direction};
    setup.name = "asha";
    setup.configJson = config;
    setup.budget.maxTrials = 40;
    setup.budget.maxResource = 27;
    setup.seed = 7;
    return setup;
}

// Feeds the events [from, to) to the algorithm as the runner would: a trial is asked for when it
// first appears, told pruned when stopped, told complete after its last step (27).
struct Replayer {
    SearchAlgorithm& algorithm;
    std::map<std::int64_t, std::string>& ids;
    std::int64_t checked = 0;

    void feed(const std::vector<Event>& events, std::size_t from, std::size_t to)
    {
        for (std::size_t i = from; i < to; ++i) {
            const Event& e = events[i];
            if (!ids.count(e.trial)) {
                const std::optional<TrialRequest> request = algorithm.ask();
                ASSERT_TRUE(request) << "no trial to run for fixture trial " << e.trial;
                ids[e.trial] = request->trialId;
            }
            const Verdict verdict = algorithm.report(ids[e.trial], e.step, e.value);
            EXPECT_EQ(verdict == Verdict::Stop, e.prune)
                << "event " << i << ": trial " << e.trial << " step " << e.step << " value " << e.value;
            ++checked;
            if (verdict == Verdict::Stop)
                algorithm.tell(ids[e.trial], TrialState::Pruned, std::nullopt);
            else if (e.step == 27)
                algorithm.tell(ids[e.trial], TrialState::Complete, e.value);
        }
    }
};

void expectSuccessiveHalvingDecisions(const std::string& name, const std::string& config, bool negate)
{
    const std::vector<Event> events = stream(name, negate);
    ASSERT_FALSE(events.empty());
    auto algorithm = makeSuccessiveHalving(ashaSetup(config, negate ? Direction::Maximize : Direction::Minimize), true);
    std::map<std::int64_t, std::string> ids;
    Replayer replayer{*algorithm, ids};
    replayer.feed(events, 0, events.size());
    EXPECT_EQ(replayer.checked, static_cast<std::int64_t>(events.size()));
}

TEST(PrunerFixture, SuccessiveHalvingReproducesOptuna)
{
    expectSuccessiveHalvingDecisions("sha_min1_eta3", R"({"min_resource": 1, "reduction_factor": 3})", false);
}

TEST(PrunerFixture, SuccessiveHalvingWithBootstrapReproducesOptuna)
{
    expectSuccessiveHalvingDecisions("sha_min1_eta3_bootstrap2",
                                     R"({"min_resource": 1, "reduction_factor": 3, "bootstrap_count": 2})", false);
}

TEST(PrunerFixture, MaximizingTheNegatedValuesMakesTheSameDecisions)
{
    expectSuccessiveHalvingDecisions("sha_min1_eta3", R"({"min_resource": 1, "eta": 3})", true);
    expectSuccessiveHalvingDecisions("sha_min1_eta3_bootstrap2",
                                     R"({"min_resource": 1, "eta": 3, "bootstrap_count": 2})", true);
}

// The study a runner would have recorded after the first `count` events.
Study studyAfter(const std::vector<Event>& events, std::size_t count, const std::map<std::int64_t, std::string>& ids)
{
    Study study;
    study.objective = {"loss", Direction::Minimize};
    std::map<std::int64_t, Trial> trials;
    for (std::size_t i = 0; i < count; ++i) {
        const Event& e = events[i];
        Trial& t = trials[e.trial];
        t.id = ids.at(e.trial);
        t.number = e.trial;
        t.state = e.prune ? TrialState::Pruned : (e.step == 27 ? TrialState::Complete : TrialState::Running);
        t.curveFor("loss").append(e.step, e.value);
    }
    for (auto& [number, trial] : trials) {
        if (trial.state == TrialState::Running) {
            trial.state = TrialState::Failed;
            trial.error = "interrupted";
        }
        study.trials.push_back(trial);
    }
    return study;
}

TEST(PrunerFixture, RestoredHalfwaySuccessiveHalvingMakesTheRemainingDecisions)
{
    const std::vector<Event> events = stream("sha_min1_eta3");
    const std::string config = R"({"min_resource": 1, "reduction_factor": 3})";
    auto first = makeSuccessiveHalving(ashaSetup(config, Direction::Minimize), true);
    std::map<std::int64_t, std::string> ids;
    Replayer before{*first, ids};
    const std::size_t half = events.size() / 2;
    before.feed(events, 0, half);

    auto resumed = makeSuccessiveHalving(ashaSetup(config, Direction::Minimize), true);
    resumed->restore(studyAfter(events, half, ids));
    // The interrupted trials come back first, as continuations of themselves, in trial order.
    std::set<std::string> interrupted;
    for (const Trial& t : studyAfter(events, half, ids).trials)
        if (t.state == TrialState::Failed)
            interrupted.insert(t.id);
    for (std::size_t k = 0; k < interrupted.size(); ++k) {
        const std::optional<TrialRequest> request = resumed->ask();
        ASSERT_TRUE(request);
        EXPECT_TRUE(request->continuation);
        EXPECT_TRUE(interrupted.count(request->trialId)) << request->trialId;
        EXPECT_EQ(request->restoreFrom, request->trialId);
    }
    Replayer after{*resumed, ids};
    after.feed(events, half, events.size());
    EXPECT_EQ(before.checked + after.checked, static_cast<std::int64_t>(events.size()));
}

TEST(PrunerFixture, HyperbandReproducesOptuna)
{
    const std::vector<Event> events = stream("hyperband_1_27_3");
    ASSERT_FALSE(events.empty());
    HyperbandPruner pruner(1.0, 27.0, 3, 0, Direction::Minimize);
    ASSERT_EQ(pruner.bracketCount(), 4);
    std::set<std::int64_t> ended;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& e = events[i];
        ASSERT_GE(e.bracket, 0);
        EXPECT_FALSE(ended.count(e.trial)) << "fixture reports after a prune";
        const std::int64_t s = pruner.bracketCount() - 1 - e.bracket;  // Optuna's id → the paper's s
        const Verdict verdict = pruner.report("t" + std::to_string(e.trial), s, e.step, e.value);
        EXPECT_EQ(verdict == Verdict::Stop, e.prune)
            << "event " << i << ": trial " << e.trial << " (bracket " << e.bracket << ") step " << e.step;
        if (verdict == Verdict::Stop)
            ended.insert(e.trial);
    }
}

TEST(PrunerFixture, HyperbandReplayThenLiveReproducesOptuna)
{
    // Half the stream replayed (as a restore does), the other half judged live.
    const std::vector<Event> events = stream("hyperband_1_27_3");
    HyperbandPruner pruner(1.0, 27.0, 3, 0, Direction::Minimize);
    const std::size_t half = events.size() / 2;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& e = events[i];
        const std::int64_t s = pruner.bracketCount() - 1 - e.bracket;
        const std::string id = "t" + std::to_string(e.trial);
        if (i < half) {
            pruner.replay(id, s, e.step, e.value);
            continue;
        }
        EXPECT_EQ(pruner.report(id, s, e.step, e.value) == Verdict::Stop, e.prune) << "event " << i;
    }
}

TEST(PrunerFixture, HyperbandPrunerModeGivesBracketsInProportionToTheirBudgets)
{
    AlgorithmSetup setup = ashaSetup(R"({"mode": "pruner", "min_resource": 1, "max_resource": 27, "eta": 3})",
                                     Direction::Minimize);
    setup.budget.maxTrials = 98;
    auto algorithm = makeHyperband(setup);
    std::map<std::int64_t, int> perBracket;
    std::vector<std::int64_t> firstRound;
    while (std::optional<TrialRequest> request = algorithm->ask()) {
        ASSERT_TRUE(request->bracket);
        EXPECT_EQ(request->budget, 27.0);
        EXPECT_FALSE(request->continuation);
        ++perBracket[*request->bracket];
        if (firstRound.size() < 6)
            firstRound.push_back(*request->bracket);
    }
    EXPECT_TRUE(algorithm->finished());
    // 27 : 12 : 6 : 4 of every 49 trials, as Optuna's trial allocation budgets.
    EXPECT_EQ(perBracket, (std::map<std::int64_t, int>{{3, 54}, {2, 24}, {1, 12}, {0, 8}}));
    EXPECT_EQ(firstRound.front(), 3);
}

TEST(PrunerFixture, HyperbandPrunerModeJudgesEachTrialWithinItsBracket)
{
    // A bracket-0 trial is never stopped before max_resource; a bracket-3 trial that is worse
    // than an earlier one of its bracket is stopped at its first rung (step 1).
    AlgorithmSetup setup = ashaSetup(R"({"mode": "pruner", "min_resource": 1, "eta": 3})", Direction::Minimize);
    setup.budget.maxTrials = 49;
    auto algorithm = makeHyperband(setup);
    std::map<std::int64_t, std::vector<std::string>> byBracket;
    for (int i = 0; i < 49; ++i) {
        const std::optional<TrialRequest> request = algorithm->ask();
        ASSERT_TRUE(request);
        byBracket[*request->bracket].push_back(request->trialId);
    }
    const std::string& aggressiveFirst = byBracket[3][0];
    const std::string& aggressiveSecond = byBracket[3][1];
    EXPECT_EQ(algorithm->report(aggressiveFirst, 1, 0.5), Verdict::Continue);
    EXPECT_EQ(algorithm->report(aggressiveSecond, 1, 0.9), Verdict::Stop);
    const std::string& patientFirst = byBracket[0][0];
    const std::string& patientSecond = byBracket[0][1];
    for (int step = 1; step < 27; ++step) {
        EXPECT_EQ(algorithm->report(patientFirst, step, 0.1), Verdict::Continue);
        EXPECT_EQ(algorithm->report(patientSecond, step, 5.0), Verdict::Continue) << step;
    }
    EXPECT_EQ(algorithm->report(patientFirst, 27, 0.1), Verdict::Continue);
    EXPECT_EQ(algorithm->report(patientSecond, 27, 5.0), Verdict::Stop);
}

} // namespace
} // namespace tendril::search
