// TPE as an ask/tell state machine: start-up phase, model phase, budget, determinism, direction,
// pruned trials and resuming.
#include "sampling_test_helpers.hpp"
#include "tpe.hpp"

#include "tendril/search/algorithm.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace tendril::search {
namespace {

using testing::Params;
using testing::setupFor;
using testing::valueOf;

SearchSpace mixedSpace()
{
    return SearchSpace{{Param::floatRange("lr", 1e-5, 1e-1, true), Param::intRange("layers", 2, 12),
                        Param::intRange("width", 16, 128, false, 16), Param::floatRange("dropout", 0.0, 0.6),
                        Param::floatRange("momentum", 0.5, 0.9, false, 0.05), Param::intRange("units", 8, 1024, true),
                        Param::categorical("optimizer", {"sgd", "adam", "rmsprop"}), Param::floatRange("fixed", 3, 3)}};
}

// A smooth objective over the mixed space with its optimum inside the domain.
double mixedObjective(const Params& p)
{
    const double optimizer = p[6].second == Value("adam") ? 0.0 : 1.0;
    return std::pow(std::log10(valueOf(p, "lr")) + 3, 2) + std::pow(valueOf(p, "layers") - 6, 2) / 10 +
           std::pow(valueOf(p, "width") - 64, 2) / 1000 + std::pow(valueOf(p, "dropout") - 0.2, 2) +
           std::pow(valueOf(p, "momentum") - 0.8, 2) + std::pow(std::log2(valueOf(p, "units")) - 6, 2) / 10 +
           optimizer;
}

TEST(TpeSearch, StartUpTrialsAreTheRandomSearchOfTheSameSeed)
{
    auto tpe = makeAlgorithm(setupFor("tpe", mixedSpace(), 40, 5));
    auto random = makeAlgorithm(setupFor("random", mixedSpace(), 40, 5));
    for (int i = 0; i < 10; ++i) {
        const TrialRequest t = *tpe->ask(), r = *random->ask();
        EXPECT_EQ(t.params, r.params) << i;
        EXPECT_EQ(t.iteration, i);
        tpe->tell(t.trialId, TrialState::Complete, mixedObjective(t.params));
    }
    // The eleventh proposal comes from the model.
    EXPECT_NE(tpe->ask()->params, random->ask()->params);
}

TEST(TpeSearch, TheStartUpPhaseCountsFinishedTrialsNotProposals)
{
    auto tpe = makeAlgorithm(setupFor("tpe", mixedSpace(), 40, 8));
    auto random = makeAlgorithm(setupFor("random", mixedSpace(), 40, 8));
    // Fourteen proposals handed to workers before any result: all from the start-up phase.
    for (int i = 0; i < 14; ++i)
        EXPECT_EQ(tpe->ask()->params, random->ask()->params) << i;
}

TEST(TpeSearch, ConfiguredStartUpLength)
{
    auto tpe = makeAlgorithm(setupFor("tpe", mixedSpace(), 40, 5, R"({"n_startup_trials": 3})"));
    auto random = makeAlgorithm(setupFor("random", mixedSpace(), 40, 5));
    for (int i = 0; i < 3; ++i) {
        const TrialRequest t = *tpe->ask();
        EXPECT_EQ(t.params, random->ask()->params);
        tpe->tell(t.trialId, TrialState::Complete, mixedObjective(t.params));
    }
    EXPECT_NE(tpe->ask()->params, random->ask()->params);
}

TEST(TpeSearch, ModelPhaseSamplesStayInsideTheSpace)
{
    const SearchSpace space = mixedSpace();
    for (const char* config : {"", R"({"multivariate": true})"}) {
        auto tpe = makeAlgorithm(setupFor("tpe", space, 80, 21, config));
        while (std::optional<TrialRequest> r = tpe->ask()) {
            ASSERT_EQ(r->params.size(), space.size());
            for (std::size_t i = 0; i < space.size(); ++i) {
                const Param& param = space.params[i];
                const Value& v = r->params[i].second;
                ASSERT_EQ(r->params[i].first, param.name);
                ASSERT_TRUE(param.contains(v)) << config << " " << param.name << " = " << v.toString();
                if (param.type == ParamType::Int) {
                    ASSERT_TRUE(v.isInt());
                }
                if (param.step) {
                    const double k = (v.toDouble() - param.low) / *param.step;
                    ASSERT_NEAR(k, std::round(k), 1e-9) << param.name << " = " << v.toString();
                }
            }
            tpe->tell(r->trialId, TrialState::Complete, mixedObjective(r->params));
        }
        EXPECT_TRUE(tpe->finished());
    }
}

TEST(TpeSearch, ConcentratesOnTheGoodRegionAndTheGoodChoice)
{
    const SearchSpace space{{Param::floatRange("x", -5, 10), Param::categorical("c", {"a", "b", "c", "d"})}};
    auto objective = [](const Params& p) {
        return std::pow(valueOf(p, "x") - 1.5, 2) + (p[1].second == Value("c") ? 0.0 : 4.0);
    };
    auto tpe = makeAlgorithm(setupFor("tpe", space, 80, 3));
    int goodChoice = 0, nearOptimum = 0;
    for (int i = 0; i < 80; ++i) {
        const TrialRequest r = *tpe->ask();
        if (i >= 50) {
            goodChoice += r.params[1].second == Value("c");
            nearOptimum += std::fabs(valueOf(r.params, "x") - 1.5) < 1.5;  // a fifth of the range
        }
        tpe->tell(r.trialId, TrialState::Complete, objective(r.params));
    }
    // Uniform sampling would give about 7.5 and 6 of 30.
    EXPECT_GE(goodChoice, 20);
    EXPECT_GE(nearOptimum, 18);
}

TEST(TpeSearch, IsReproduciblePerSeedAndDirectionAware)
{
    auto run = [](std::uint64_t seed, Direction direction, const std::string& config) {
        auto tpe = makeAlgorithm(setupFor("tpe", mixedSpace(), 30, seed, config, direction));
        std::vector<Params> proposals;
        while (std::optional<TrialRequest> r = tpe->ask()) {
            const double loss = mixedObjective(r->params);
            tpe->tell(r->trialId, TrialState::Complete, direction == Direction::Minimize ? loss : -loss);
            proposals.push_back(r->params);
        }
        return proposals;
    };
    for (const char* config : {"", R"({"multivariate": true})"}) {
        const std::vector<Params> a = run(9, Direction::Minimize, config);
        EXPECT_EQ(a, run(9, Direction::Minimize, config));
        // Maximising the negated objective is the same search.
        EXPECT_EQ(a, run(9, Direction::Maximize, config));
        const std::vector<Params> other = run(10, Direction::Minimize, config);
        int differing = 0;
        for (std::size_t i = 0; i < a.size(); ++i)
            differing += a[i] != other[i];
        EXPECT_EQ(differing, 30);
    }
}

TEST(TpeSearch, PrunedTrialsAreObservedByTheirDeepestReportAndNanOrFailedOnesAreNot)
{
    TpeSearch tpe(mixedSpace(), Objective{"loss", Direction::Minimize}, Budget{}, 1, TpeOptions{});
    const TrialRequest a = *tpe.ask(), b = *tpe.ask(), c = *tpe.ask(), d = *tpe.ask();
    EXPECT_EQ(tpe.report(a.trialId, 1, 0.9), Verdict::Continue);
    tpe.report(a.trialId, 3, 0.4);
    tpe.report(a.trialId, 2, 0.1);  // reported late: the deepest step still wins
    tpe.tell(a.trialId, TrialState::Pruned, std::nullopt);
    tpe.tell(b.trialId, TrialState::Complete, std::nan(""));
    tpe.tell(c.trialId, TrialState::Failed, std::nullopt);
    tpe.tell(d.trialId, TrialState::Complete, 0.7);
    ASSERT_EQ(tpe.observations().size(), 2u);
    EXPECT_EQ(tpe.observations()[0].depth, -3.0);
    EXPECT_EQ(tpe.observations()[0].loss, 0.4);
    EXPECT_EQ(tpe.observations()[1].loss, 0.7);
    EXPECT_EQ(tpe.observations()[1].order, 3);
    ASSERT_TRUE(tpe.observations()[1].coordinates[0]);
    EXPECT_NEAR(*tpe.observations()[1].coordinates[0], std::log(valueOf(d.params, "lr")), 1e-12);
}

Study studyOf(const std::vector<TrialRequest>& requests, const std::vector<double>& values, std::size_t count,
              std::size_t prunedIndex)
{
    Study study;
    study.objective = Objective{"loss", Direction::Minimize};
    study.space = mixedSpace();
    for (std::size_t i = 0; i < count; ++i) {
        Trial t;
        t.id = requests[i].trialId;
        t.number = static_cast<std::int64_t>(i);
        t.iteration = requests[i].iteration;
        t.params = requests[i].params;
        if (i == prunedIndex) {
            t.state = TrialState::Pruned;
            t.curveFor("loss").append(1, values[i] + 1);
            t.curveFor("loss").append(2, values[i]);
        } else {
            t.state = TrialState::Complete;
            t.setMetric("loss", values[i]);
        }
        study.trials.push_back(t);
    }
    return study;
}

TEST(TpeSearch, ResumingRebuildsTheObservationsAndContinuesLikeAnUninterruptedRun)
{
    for (const char* config : {"", R"({"multivariate": true})"}) {
        const std::size_t pruned = 7;
        auto uninterrupted = makeAlgorithm(setupFor("tpe", mixedSpace(), 30, 4, config));
        std::vector<TrialRequest> requests;
        std::vector<double> values;
        while (std::optional<TrialRequest> r = uninterrupted->ask()) {
            const double loss = mixedObjective(r->params);
            if (requests.size() == pruned) {
                uninterrupted->report(r->trialId, 1, loss + 1);
                uninterrupted->report(r->trialId, 2, loss);
                uninterrupted->tell(r->trialId, TrialState::Pruned, std::nullopt);
            } else {
                uninterrupted->tell(r->trialId, TrialState::Complete, loss);
            }
            requests.push_back(*r);
            values.push_back(loss);
        }

        auto resumed = makeAlgorithm(setupFor("tpe", mixedSpace(), 30, 4, config));
        resumed->restore(studyOf(requests, values, 18, pruned));
        for (std::size_t i = 18; i < 30; ++i) {
            const std::optional<TrialRequest> r = resumed->ask();
            ASSERT_TRUE(r) << i;
            EXPECT_EQ(r->params, requests[i].params) << config << " " << i;
            EXPECT_EQ(r->trialId, requests[i].trialId);
            resumed->tell(r->trialId, TrialState::Complete, values[i]);
        }
        EXPECT_TRUE(resumed->finished());
    }
}

TEST(TpeSearch, RestoredRunningTrialsCanStillBeToldAbout)
{
    auto first = makeAlgorithm(setupFor("tpe", mixedSpace(), 10, 2));
    const TrialRequest r = *first->ask();
    Study study;
    study.objective = Objective{"loss", Direction::Minimize};
    Trial running;
    running.id = r.trialId;
    running.state = TrialState::Running;
    running.params = r.params;
    study.trials.push_back(running);
    auto resumed = makeAlgorithm(setupFor("tpe", mixedSpace(), 10, 2));
    resumed->restore(study);
    EXPECT_EQ(resumed->report(r.trialId, 1, 0.5), Verdict::Continue);
    EXPECT_NO_THROW(resumed->tell(r.trialId, TrialState::Pruned, std::nullopt));
    EXPECT_EQ(resumed->ask()->trialId, "t1");
}

} // namespace
} // namespace tendril::search
