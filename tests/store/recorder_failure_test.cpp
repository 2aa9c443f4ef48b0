// A recorder refusing what cannot apply: the whole batch is rolled back, the message names the
// study and the trial, and the recorder goes on as if the batch had never been given.
#include "recorder_test_support.hpp"
#include "store_test_support.hpp"

#include "tendril/store/project.hpp"
#include "tendril/store/study_recorder.hpp"

#include <gtest/gtest.h>

using namespace tendril;
using namespace tendril::testing;

namespace {

// A project with study "s" holding one recorded trial "a" (running, with a timed val_loss curve of
// two points and two log lines).
class RecorderFailure : public ::testing::Test {
protected:
    void SetUp() override
    {
        project.addStudies({runnerStudy("s")});
        recorder = std::make_unique<StudyRecorder>(project, "s");
        RecordBatch batch;
        batch.starts = {newTrial("a", 0, {{"lr", Value(0.01)}}, "2026-11-20T10:00:00Z")};
        batch.points = {point("a", "val_loss", 1, 0.9, 1.0), point("a", "val_loss", 2, 0.8, 2.0)};
        batch.logs = {logLine("a", LogStream::Stdout, "a0"), logLine("a", LogStream::Stdout, "a1")};
        recorder->write(batch);
    }

    // Writes a batch that must fail with `message` (after the path) and checks that the file is
    // exactly as before, row for row and as a study.
    void expectRefused(const RecordBatch& batch, const std::string& message)
    {
        const auto counts = rowCounts(path);
        const Study before = project.loadStudy("s");
        EXPECT_EQ(writeError(*recorder, batch), path + ": " + message);
        EXPECT_EQ(rowCounts(path), counts);
        EXPECT_EQ(firstDifference(before, project.loadStudy("s")), "");
    }

    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project project{path, OpenMode::CreateIfMissing};
    std::unique_ptr<StudyRecorder> recorder;
};

} // namespace

TEST_F(RecorderFailure, EveryRecordThatCannotApplyIsRefusedWithStudyAndTrial)
{
    RecordBatch startAgain;
    startAgain.starts = {newTrial("a", 5, {}, "")};
    expectRefused(startAgain, "study \"s\": trial \"a\": already exists; a start that is not a continuation must "
                              "name a new trial");

    RecordBatch startTwice;
    startTwice.starts = {newTrial("b", 1, {}, ""), newTrial("b", 2, {}, "")};
    expectRefused(startTwice, "study \"s\": trial \"b\": already exists; a start that is not a continuation must "
                              "name a new trial");

    RecordBatch continueUnknown;
    continueUnknown.starts = {continuationOf("ghost", 1, 3.0, "")};
    expectRefused(continueUnknown, "study \"s\": trial \"ghost\": no such trial to continue");

    RecordBatch noId;
    noId.starts = {newTrial("", 1, {}, "")};
    expectRefused(noId, "study \"s\": a trial start without a trial id");

    RecordBatch paramTwice;
    paramTwice.starts = {newTrial("c", 1, {{"lr", Value(0.1)}, {"new", Value(1)}, {"lr", Value(0.2)}}, "")};
    expectRefused(paramTwice, "study \"s\": trial \"c\": parameter \"lr\" appears twice");

    RecordBatch pointUnknown;
    pointUnknown.points = {point("a", "val_loss", 3, 0.7), point("ghost", "val_acc", 1, 0.5)};
    expectRefused(pointUnknown, "study \"s\": trial \"ghost\": no such trial for a curve point of \"val_acc\"");

    RecordBatch logUnknown;
    logUnknown.logs = {logLine("ghost", LogStream::Stderr, "x")};
    expectRefused(logUnknown, "study \"s\": trial \"ghost\": no such trial for a log line");

    RecordBatch artifactsUnknown;
    artifactsUnknown.artifacts = {{"ghost", "{}"}};
    expectRefused(artifactsUnknown, "study \"s\": trial \"ghost\": no such trial for an artifacts report");

    RecordBatch endUnknown;
    endUnknown.ends = {endOf("ghost", TrialState::Complete, {}, "")};
    expectRefused(endUnknown, "study \"s\": trial \"ghost\": no such trial to end");

    RecordBatch metricTwice;
    metricTwice.ends = {endOf("a", TrialState::Complete, {{"val_loss", 0.1}, {"val_acc", 0.5}, {"val_loss", 0.2}}, "")};
    expectRefused(metricTwice, "study \"s\": trial \"a\": final metric \"val_loss\" appears twice");
    expectConsistent(path);
}

// The failing batch first changes everything the recorder keeps in memory: a new trial, new names,
// a new curve on an existing trial, points and lines that advance sequences. After the rollback the
// next batches must see the file as it is, or they would skip sequence numbers, refer to name rows
// that no longer exist, or refuse the trial that was never written.
TEST_F(RecorderFailure, ARolledBackBatchLeavesTheRecorderAsTheFile)
{
    RecordBatch failing;
    failing.starts = {newTrial("b", 1, {{"lr", Value(0.02)}, {"momentum", Value(0.9)}}, "2026-11-20T10:01:00Z"),
                      continuationOf("a", 2, 9.0, "")};
    failing.points = {point("a", "val_loss", 3, 0.7, 3.0), point("a", "val_acc", 3, 0.4),
                      point("b", "brand_new", 1, 0.5, 1.0)};
    failing.logs = {logLine("a", LogStream::Stdout, "lost"), logLine("b", LogStream::Stdout, "lost too")};
    failing.artifacts = {{"a", R"({"lost": true})"}};
    failing.ends = {endOf("b", TrialState::Complete, {{"new_final", 1.0}}, ""),
                    endOf("ghost", TrialState::Complete, {}, "")};
    expectRefused(failing, "study \"s\": trial \"ghost\": no such trial to end");

    RecordBatch again = failing;
    again.ends.pop_back();
    recorder->write(again);

    Trial a;
    a.id = "a";
    a.state = TrialState::Running;
    a.params = {{"lr", Value(0.01)}};
    a.curveFor("val_loss").append(1, 0.9, 1.0);
    a.curveFor("val_loss").append(2, 0.8, 2.0);
    a.curveFor("val_loss").append(3, 0.7, 3.0);
    a.curveFor("val_acc").append(3, 0.4);
    a.rung = 2;
    a.budget = 9.0;
    a.started = "2026-11-20T10:00:00Z";
    a.artifactsJson = R"({"lost": true})";
    Trial b;
    b.id = "b";
    b.number = 1;
    b.state = TrialState::Complete;
    b.params = {{"lr", Value(0.02)}, {"momentum", Value(0.9)}};
    b.curveFor("brand_new").append(1, 0.5, 1.0);
    b.metrics = {{"new_final", 1.0}};
    b.started = "2026-11-20T10:01:00Z";
    Study expected = runnerStudy("s");
    expected.trials = {a, b};
    EXPECT_EQ(firstDifference(expected, project.loadStudy("s")), "");
    EXPECT_EQ(pointSeqs(path, "a", "val_loss"), "0,1,2");
    EXPECT_EQ(pointSeqs(path, "a", "val_acc"), "0");
    EXPECT_EQ(trialLog(project, "s", "a"),
              (std::vector<TrialLogLine>{{LogStream::Stdout, "a0", false},
                                         {LogStream::Stdout, "a1", false},
                                         {LogStream::Stdout, "lost", false}}));
    RawDb db(path, SQLITE_OPEN_READONLY);
    EXPECT_EQ(db.integer("SELECT count(*) FROM study_metrics WHERE name = 'brand_new'"), 1);
    EXPECT_EQ(db.integer("SELECT count(*) FROM study_params WHERE name = 'momentum'"), 1);
    expectConsistent(path);

    // A failure inside SQLite rolls back the same way, also when it comes while the queued points
    // and lines are flushed at the end of the batch, after some of them are in. A trigger of this
    // connection refuses one log line.
    char* message = nullptr;
    ASSERT_EQ(sqlite3_exec(project.handle(),
                           "CREATE TEMP TRIGGER refuse_line BEFORE INSERT ON trial_logs WHEN NEW.text = 'refused' "
                           "BEGIN SELECT RAISE(ABORT, 'line refused'); END",
                           nullptr, nullptr, &message),
              SQLITE_OK)
        << message;
    RecordBatch late;
    late.starts = {newTrial("c", 2, {}, "")};
    for (int step = 4; step < 204; ++step)
        late.points.push_back(point("a", "val_loss", step, 1.0 / step));
    late.logs = {logLine("c", LogStream::Stdout, "kept"), logLine("a", LogStream::Stdout, "refused")};
    late.ends = {endOf("c", TrialState::Pruned, {}, "")};
    expectRefused(late, "line refused");
    ASSERT_EQ(sqlite3_exec(project.handle(), "DROP TRIGGER temp.refuse_line", nullptr, nullptr, nullptr), SQLITE_OK);
    late.logs.back().line.text = "accepted";
    recorder->write(late);
    std::string seqs = "0,1,2";
    for (int seq = 3; seq < 203; ++seq)
        seqs += "," + std::to_string(seq);
    EXPECT_EQ(pointSeqs(path, "a", "val_loss"), seqs);
    EXPECT_EQ(trialLog(project, "s", "c"), (std::vector<TrialLogLine>{{LogStream::Stdout, "kept", false}}));
    EXPECT_EQ(trialLog(project, "s", "a").back(), (TrialLogLine{LogStream::Stdout, "accepted", false}));
    EXPECT_EQ(trialLog(project, "s", "a").size(), 4u);
    expectConsistent(path);
}

TEST_F(RecorderFailure, MarkUnfinishedFailsRunningAndQueuedTrialsOnly)
{
    // Another study's running trial is not this recorder's business.
    Study other = runnerStudy("other");
    other.trials = {simpleTrial("o", 0, TrialState::Running, 0.5, "val_loss")};
    project.addStudies({other});

    RecordBatch batch;
    batch.starts = {newTrial("b", 2, {}, ""), newTrial("c", 1, {}, ""), newTrial("d", 3, {}, "")};
    batch.ends = {endOf("b", TrialState::Complete, {{"val_loss", 0.1}}, "2026-11-20T10:30:00Z")};
    recorder->write(batch);
    // A queued trial, as a scheduler that had planned it before the crash would leave it.
    RawDb(path).exec("UPDATE trials SET state = 'queued' WHERE key = 'd'");

    int commits = 0;
    sqlite3_commit_hook(project.handle(),
                        [](void* counter) {
                            ++*static_cast<int*>(counter);
                            return 0;
                        },
                        &commits);
    EXPECT_EQ(recorder->markUnfinished("interrupted", "2026-11-20T11:00:00Z"),
              (std::vector<std::string>{"a", "c", "d"}));
    EXPECT_EQ(commits, 1);
    sqlite3_commit_hook(project.handle(), nullptr, nullptr);

    const Study s = project.loadStudy("s");
    for (const char* id : {"a", "c", "d"}) {
        const Trial* t = s.findTrial(id);
        ASSERT_NE(t, nullptr);
        EXPECT_EQ(t->state, TrialState::Failed) << id;
        EXPECT_EQ(t->error, "interrupted") << id;
        EXPECT_EQ(t->finished, "2026-11-20T11:00:00Z") << id;
    }
    EXPECT_EQ(s.findTrial("a")->curve("val_loss")->size(), 2u);  // what it reported stays
    EXPECT_EQ(s.findTrial("b")->state, TrialState::Complete);
    EXPECT_EQ(s.findTrial("b")->error, "");
    EXPECT_EQ(project.loadStudy("other").trials.at(0).state, TrialState::Running);
    EXPECT_TRUE(recorder->markUnfinished("interrupted", "2026-11-20T11:00:01Z").empty());

    // The study is resumed: an interrupted trial continues and its curve goes on.
    RecordBatch resume;
    resume.starts = {continuationOf("a", {}, {}, "2026-11-20T12:00:00Z")};
    resume.points = {point("a", "val_loss", 3, 0.7, 3.0)};
    recorder->write(resume);
    const Trial a = *project.loadStudy("s").findTrial("a");
    EXPECT_EQ(a.state, TrialState::Running);
    EXPECT_EQ(a.error, "");
    EXPECT_EQ(a.finished, "");
    EXPECT_EQ(a.started, "2026-11-20T12:00:00Z");
    EXPECT_EQ(pointSeqs(path, "a", "val_loss"), "0,1,2");
    expectConsistent(path);
}

TEST_F(RecorderFailure, AStudyRemovedByAnotherConnectionIsNotWrittenTo)
{
    Project(path, OpenMode::ReadWrite).removeStudy("s");
    RecordBatch batch;
    batch.points = {point("a", "val_loss", 3, 0.7)};
    EXPECT_EQ(writeError(*recorder, batch), path + ": study \"s\": it was removed while it was being recorded");
    try {
        recorder->markUnfinished("interrupted", "");
        ADD_FAILURE() << "marked the trials of a removed study";
    } catch (const StoreError& e) {
        EXPECT_EQ(std::string(e.what()), path + ": study \"s\": it was removed while it was being recorded");
    }
    EXPECT_EQ(rowCounts(path), std::vector<std::int64_t>(11, 0));
}

TEST(RecorderOpen, AnUnknownStudyOrAReadOnlyProjectIsRefused)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project(path, OpenMode::CreateIfMissing).addStudies({runnerStudy("s")});
    Project rw(path, OpenMode::ReadWrite);
    try {
        StudyRecorder recorder(rw, "nope");
        ADD_FAILURE() << "recorder opened on a study that does not exist";
    } catch (const StoreError& e) {
        EXPECT_EQ(std::string(e.what()), path + ": no study named \"nope\"");
    }
    Project ro(path, OpenMode::ReadOnly);
    try {
        StudyRecorder recorder(ro, "s");
        ADD_FAILURE() << "recorder opened on a read-only project";
    } catch (const StoreError& e) {
        EXPECT_EQ(std::string(e.what()), path + ": cannot record study \"s\": the project is open read-only");
    }
}
