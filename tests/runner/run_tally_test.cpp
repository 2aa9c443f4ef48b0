// The counts and best trial the progress shows, kept incrementally, against Study::bestTrial.
#include "run_tally.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace tendril::testing {
namespace {

using runner::RunTally;

TEST(RunTally, CountsFollowEveryStateChange)
{
    RunTally tally({"acc", Direction::Maximize}, 10);
    tally.add("t0");
    tally.add("t1");
    EXPECT_EQ(tally.count(TrialState::Running), 2);
    tally.ended("t0", TrialState::Complete, {{"acc", 0.5}}, "2024-01-01T00:00:00Z");
    tally.ended("t1", TrialState::Failed, {}, "2024-01-01T00:00:01Z");
    runner::RunProgress p = tally.progress();
    EXPECT_EQ(p.trials, 2);
    EXPECT_EQ(p.complete, 1);
    EXPECT_EQ(p.failed, 1);
    EXPECT_EQ(p.done(), 2);
    EXPECT_EQ(p.maxTrials, 10);
    EXPECT_EQ(p.bestTrial, "t0");
    EXPECT_EQ(tally.trial("t1").number, 1);
}

TEST(RunTally, BestLeavesWhenItsTrialRunsAgainOrIsStoppedAtItsRung)
{
    RunTally tally({"loss", Direction::Minimize}, std::nullopt);
    for (const char* id : {"t0", "t1", "t2"})
        tally.add(id);
    tally.ended("t0", TrialState::Complete, {{"loss", 0.3}}, "");
    tally.ended("t1", TrialState::Complete, {{"loss", 0.1}}, "");
    tally.ended("t2", TrialState::Complete, {{"loss", std::nan("")}}, "");
    EXPECT_EQ(tally.progress().bestTrial, "t1");
    EXPECT_DOUBLE_EQ(tally.progress().bestValue, 0.1);

    tally.started("t1");  // promoted: it runs again
    EXPECT_EQ(tally.progress().bestTrial, "t0");
    tally.ended("t1", TrialState::Complete, {{"loss", 0.05}}, "");
    EXPECT_EQ(tally.progress().bestTrial, "t1");
    tally.stoppedAtRung("t1");
    EXPECT_EQ(tally.progress().bestTrial, "t0");
    EXPECT_EQ(tally.progress().pruned, 1);
}

TEST(RunTally, RestoresFromAStudyAndAgreesWithStudyBestTrial)
{
    Study study;
    study.objective = {"acc", Direction::Maximize};
    for (int i = 0; i < 6; ++i) {
        Trial t;
        t.id = "t" + std::to_string(i);
        t.number = i * 2;
        t.state = i == 2 ? TrialState::Failed : TrialState::Complete;
        t.setMetric("acc", i == 4 ? 0.9 : 0.1 * i);
        t.curveFor("acc").append(1, 0.05 * i);
        study.trials.push_back(t);
    }
    // A tie with the best: the earlier trial stays best, as Study::bestTrial has it.
    study.trials[5].setMetric("acc", 0.9);
    RunTally tally(study.objective, 20);
    tally.restore(study);
    EXPECT_EQ(tally.progress().bestTrial, study.bestTrial()->id);
    EXPECT_EQ(tally.progress().bestTrial, "t4");
    EXPECT_EQ(tally.add("t9").number, 11);
    const runner::MetricValues& last = tally.trial("t3").lastValues;
    ASSERT_EQ(last.size(), 1u);
    EXPECT_DOUBLE_EQ(last[0].second, 0.05 * 3);
}

TEST(RunTally, ArtifactsRoundTripAsText)
{
    const runner::ArtifactMembers members = runner::parseArtifacts(
        R"({"confusion_matrix": {"labels": ["a", "b"], "matrix": [[1, 2], [3, 4]]}, "note": "x"})");
    ASSERT_EQ(members.size(), 2u);
    EXPECT_EQ(members[0].first, "confusion_matrix");
    EXPECT_EQ(members[1].second, "\"x\"");
    EXPECT_EQ(runner::parseArtifacts(runner::artifactsJson(members)), members);
    EXPECT_TRUE(runner::parseArtifacts("").empty());
}

} // namespace
} // namespace tendril::testing
