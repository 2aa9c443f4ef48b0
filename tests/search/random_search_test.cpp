// Random search: uniform in the sampling scale, reproducible per seed, bounded by the budget,
// resumable without repeating the draws of the trials it already ran.
#include "sampling_test_helpers.hpp"

#include "tendril/search/algorithm.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace tendril::search {
namespace {

using testing::setupFor;

SearchSpace mixedSpace()
{
    return SearchSpace{{Param::floatRange("lr", 1e-5, 1e-1, true), Param::intRange("layers", 2, 12),
                        Param::intRange("width", 16, 128, false, 16), Param::floatRange("dropout", 0.0, 0.6),
                        Param::floatRange("momentum", 0.5, 0.9, false, 0.05),
                        Param::intRange("units", 8, 1024, true),
                        Param::categorical("optimizer", {"sgd", "adam", "rmsprop"})}};
}

TEST(RandomSearch, StopsAtTheTrialBudget)
{
    auto random = makeAlgorithm(setupFor("random", mixedSpace(), 25, 3));
    std::set<std::string> ids;
    for (std::int64_t i = 0; i < 25; ++i) {
        EXPECT_FALSE(random->finished());
        const std::optional<TrialRequest> request = random->ask();
        ASSERT_TRUE(request);
        EXPECT_EQ(request->iteration, i);
        EXPECT_EQ(request->trialId, "t" + std::to_string(i));
        ids.insert(request->trialId);
    }
    EXPECT_EQ(ids.size(), 25u);
    EXPECT_TRUE(random->finished());
    EXPECT_FALSE(random->ask());
}

TEST(RandomSearch, EveryTrialGetsTheWholeResource)
{
    AlgorithmSetup setup = setupFor("random", mixedSpace(), 3, 3);
    EXPECT_FALSE(makeAlgorithm(setup)->ask()->budget);
    setup.budget.maxResource = 27;
    for (const char* name : {"random", "tpe", "grid"}) {
        setup.name = name;
        if (setup.name == "grid")
            setup.space = SearchSpace{{Param::intRange("layers", 2, 12)}};
        EXPECT_EQ(makeAlgorithm(setup)->ask()->budget, 27.0) << name;
    }
}

TEST(RandomSearch, WithoutABudgetItNeverFinishes)
{
    auto random = makeAlgorithm(setupFor("random", mixedSpace(), std::nullopt, 3));
    for (int i = 0; i < 300; ++i)
        ASSERT_TRUE(random->ask());
    EXPECT_FALSE(random->finished());
    auto none = makeAlgorithm(setupFor("random", mixedSpace(), 0, 3));
    EXPECT_TRUE(none->finished());
    EXPECT_FALSE(none->ask());
}

TEST(RandomSearch, EverySampleLiesInTheSpaceOnItsGrid)
{
    const SearchSpace space = mixedSpace();
    auto random = makeAlgorithm(setupFor("random", space, 2000, 42));
    int lowLr = 0;
    while (std::optional<TrialRequest> request = random->ask()) {
        ASSERT_EQ(request->params.size(), space.size());
        for (std::size_t i = 0; i < space.size(); ++i) {
            const Param& param = space.params[i];
            const Value& v = request->params[i].second;
            ASSERT_EQ(request->params[i].first, param.name);
            ASSERT_TRUE(param.contains(v)) << param.name << " = " << v.toString();
            if (param.type == ParamType::Int) {
                ASSERT_TRUE(v.isInt()) << param.name;
            }
            if (param.step) {
                const double k = (v.toDouble() - param.low) / *param.step;
                ASSERT_NEAR(k, std::round(k), 1e-9) << param.name << " = " << v.toString();
            }
        }
        lowLr += request->params[0].second.toDouble() < 1e-3;
    }
    // Log-uniform over four decades: half of the draws lie below 1e-3.
    EXPECT_NEAR(lowLr, 1000, 100);
}

TEST(RandomSearch, IsReproduciblePerSeed)
{
    auto a = makeAlgorithm(setupFor("random", mixedSpace(), 50, 1234));
    auto b = makeAlgorithm(setupFor("random", mixedSpace(), 50, 1234));
    auto c = makeAlgorithm(setupFor("random", mixedSpace(), 50, 1235));
    int differing = 0;
    for (int i = 0; i < 50; ++i) {
        const TrialRequest ra = *a->ask(), rb = *b->ask(), rc = *c->ask();
        EXPECT_EQ(ra.params, rb.params);
        differing += ra.params != rc.params;
    }
    EXPECT_EQ(differing, 50);
}

TEST(RandomSearch, ResumingContinuesTheSequenceOfAnUninterruptedRun)
{
    const SearchSpace space = mixedSpace();
    auto uninterrupted = makeAlgorithm(setupFor("random", space, 20, 77));
    std::vector<TrialRequest> all;
    while (std::optional<TrialRequest> r = uninterrupted->ask())
        all.push_back(*r);

    Study study;
    study.space = space;
    for (int i = 0; i < 8; ++i) {
        Trial t;
        t.id = all[static_cast<std::size_t>(i)].trialId;
        t.number = i;
        t.iteration = all[static_cast<std::size_t>(i)].iteration;
        t.params = all[static_cast<std::size_t>(i)].params;
        t.state = i == 5 ? TrialState::Failed : TrialState::Complete;
        study.trials.push_back(t);
    }
    auto resumed = makeAlgorithm(setupFor("random", space, 20, 77));
    resumed->restore(study);
    for (std::size_t i = 8; i < 20; ++i) {
        const std::optional<TrialRequest> r = resumed->ask();
        ASSERT_TRUE(r) << i;
        EXPECT_EQ(r->params, all[i].params) << i;
        EXPECT_EQ(r->trialId, all[i].trialId);
        EXPECT_EQ(r->iteration, all[i].iteration);
    }
    EXPECT_FALSE(resumed->ask());
}

TEST(RandomSearch, ReportsContinueAndUnknownTrialsAreRefused)
{
    auto random = makeAlgorithm(setupFor("random", mixedSpace(), 5, 1));
    const TrialRequest r = *random->ask();
    EXPECT_EQ(random->report(r.trialId, 1, 0.3), Verdict::Continue);
    EXPECT_THROW(random->report("t99", 1, 0.3), std::invalid_argument);
    EXPECT_THROW(random->tell(r.trialId, TrialState::Running, std::nullopt), std::invalid_argument);
    random->tell(r.trialId, TrialState::Failed, std::nullopt);
    EXPECT_THROW(random->report(r.trialId, 2, 0.3), std::invalid_argument);
}

} // namespace
} // namespace tendril::search
