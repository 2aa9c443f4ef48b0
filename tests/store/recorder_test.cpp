// Recording a study while it runs: batches of starts, points, log lines, artifacts and ends, read
// back with loadStudy exactly as the model says they should look.
#include "recorder_test_support.hpp"
#include "store_test_support.hpp"

#include "tendril/store/project.hpp"
#include "tendril/store/study_recorder.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace tendril;
using namespace tendril::testing;

namespace {

const double kNaN = std::nan("");

int countCommits(void* counter)
{
    ++*static_cast<int*>(counter);
    return 0;
}

Study withTrials(Study s, std::vector<Trial> trials)
{
    s.trials = std::move(trials);
    return s;
}

} // namespace

TEST(StudyRecorder, BatchesReadBackAsTheStudyTheyDescribe)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project p(path, OpenMode::CreateIfMissing);
    const Trial old = simpleTrial("old", 0, TrialState::Complete, 0.3, "val_loss");
    p.addStudies({withTrials(runnerStudy("s"), {old})});
    StudyRecorder recorder(p, "s");
    EXPECT_EQ(recorder.study(), "s");

    // Batch 1: two trials start and report their first points and lines.
    RecordBatch batch;
    TrialStartRecord startT1 = newTrial("t1", 1, {{"lr", Value(0.01)}, {"layers", Value(3)}, {"seed", Value(7)}},
                                        "2026-11-20T10:00:00Z");
    startT1.trial.iteration = 0;
    startT1.trial.bracket = 1;
    startT1.trial.rung = 0;
    startT1.trial.budget = 1;
    startT1.trial.userAttrsJson = R"({"host": "gpu-1"})";
    // Reports and end fields of a start are not part of it: they arrive as records of their own.
    startT1.trial.state = TrialState::Complete;
    startT1.trial.setMetric("val_loss", 0.1);
    startT1.trial.curveFor("val_loss").append(9, 9);
    startT1.trial.error = "not an error yet";
    startT1.trial.finished = "2026-11-20T11:00:00Z";
    startT1.trial.artifactsJson = R"({"not": "yet"})";
    TrialStartRecord startT2 = newTrial("t2", 2, {{"lr", Value(0.05)}, {"layers", Value(2)}}, "2026-11-20T10:00:01Z");
    startT2.trial.parent = "t1";
    startT2.trial.startStep = 1.0;
    batch.starts = {startT1, startT2};
    batch.points = {point("t1", "val_loss", 1, 0.9, 1.5), point("t1", "val_acc", 1, 0.5),
                    point("t2", "val_loss", 1, kNaN, 2.0)};
    batch.logs = {logLine("t1", LogStream::Stdout, "epoch 1"), logLine("t1", LogStream::Stderr, "warning: slow"),
                  logLine("t2", LogStream::Runner, "launched")};
    recorder.write(batch);

    Trial t1;
    t1.id = "t1";
    t1.number = 1;
    t1.state = TrialState::Running;
    t1.params = {{"lr", Value(0.01)}, {"layers", Value(3)}, {"seed", Value(7)}};
    t1.curveFor("val_loss").append(1, 0.9, 1.5);
    t1.curveFor("val_acc").append(1, 0.5);
    t1.iteration = 0;
    t1.bracket = 1;
    t1.rung = 0;
    t1.budget = 1;
    t1.started = "2026-11-20T10:00:00Z";
    t1.userAttrsJson = R"({"host": "gpu-1"})";
    Trial t2;
    t2.id = "t2";
    t2.number = 2;
    t2.state = TrialState::Running;
    t2.params = {{"lr", Value(0.05)}, {"layers", Value(2)}};
    t2.curveFor("val_loss").append(1, kNaN, 2.0);
    t2.parent = "t1";
    t2.startStep = 1.0;
    t2.started = "2026-11-20T10:00:01Z";
    EXPECT_EQ(firstDifference(withTrials(runnerStudy("s"), {old, t1, t2}), p.loadStudy("s")), "");

    // Batch 2: more points (a time appears on a curve that had none), an artifact, two ends.
    batch.clear();
    EXPECT_TRUE(batch.empty());
    batch.points = {point("t1", "val_loss", 2, 0.5), point("t1", "val_acc", 2, 0.7, 3.0)};
    batch.artifacts = {{"t1", R"({"confusion_matrix": [[1, 0], [0, 1]]})"}};
    batch.ends = {endOf("t2", TrialState::Failed, {{"val_loss", kNaN}}, "2026-11-20T10:05:00Z", "exit code 1: boom"),
                  endOf("t1", TrialState::Pruned, {{"val_loss", 0.5}, {"val_acc", 0.7}}, "2026-11-20T10:06:00Z",
                        "kept only for failed trials")};
    recorder.write(batch);

    t1.curveFor("val_loss").append(2, 0.5);
    t1.curveFor("val_acc").append(2, 0.7, 3.0);
    t1.state = TrialState::Pruned;
    t1.metrics = {{"val_loss", 0.5}, {"val_acc", 0.7}};
    t1.finished = "2026-11-20T10:06:00Z";
    t1.artifactsJson = R"({"confusion_matrix": [[1, 0], [0, 1]]})";
    t2.state = TrialState::Failed;
    t2.metrics = {{"val_loss", kNaN}};
    t2.finished = "2026-11-20T10:05:00Z";
    t2.error = "exit code 1: boom";
    EXPECT_EQ(firstDifference(withTrials(runnerStudy("s"), {old, t1, t2}), p.loadStudy("s")), "");

    // Batch 3: t1 goes on with a larger budget and its curve extends across the continuation; the
    // failed t2 is resumed without new lineage, so it keeps its own.
    batch.clear();
    batch.starts = {continuationOf("t1", 1, 3.0, "2026-11-20T10:10:00Z"), continuationOf("t2", {}, {}, "")};
    batch.points = {point("t1", "val_loss", 3, 0.4, 4.0)};
    batch.logs = {logLine("t1", LogStream::Runner, "resumed from checkpoint")};
    batch.ends = {endOf("t1", TrialState::Complete, {{"val_loss", 0.4}}, "2026-11-20T10:12:00Z", "", R"({"b": 2})")};
    recorder.write(batch);

    t1.curveFor("val_loss").append(3, 0.4, 4.0);
    t1.rung = 1;
    t1.budget = 3.0;
    t1.started = "2026-11-20T10:10:00Z";
    t1.state = TrialState::Complete;
    t1.metrics = {{"val_loss", 0.4}};
    t1.finished = "2026-11-20T10:12:00Z";
    t1.artifactsJson = R"({"b": 2})";
    t2.state = TrialState::Running;
    t2.finished = "";
    t2.error = "";
    const Study expected = withTrials(runnerStudy("s"), {old, t1, t2});
    EXPECT_EQ(firstDifference(expected, p.loadStudy("s")), "");
    EXPECT_EQ(firstDifference(expected, Project(path, OpenMode::ReadOnly).loadStudy("s")), "");

    EXPECT_EQ(trialLog(p, "s", "t1"),
              (std::vector<TrialLogLine>{{LogStream::Stdout, "epoch 1", false},
                                         {LogStream::Stderr, "warning: slow", false},
                                         {LogStream::Runner, "resumed from checkpoint", false}}));
    EXPECT_EQ(trialLog(p, "s", "t2"), (std::vector<TrialLogLine>{{LogStream::Runner, "launched", false}}));
    EXPECT_TRUE(trialLog(p, "s", "old").empty());
    EXPECT_EQ(pointSeqs(path, "t1", "val_loss"), "0,1,2");
    expectConsistent(path);
}

TEST(StudyRecorder, ATrialMayStartReportAndEndInOneBatch)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project p(path, OpenMode::CreateIfMissing);
    p.addStudies({runnerStudy("s")});
    StudyRecorder recorder(p, "s");

    RecordBatch batch;
    batch.starts = {newTrial("quick", 0, {{"lr", Value(0.02)}}, "2026-11-20T10:00:00Z")};
    // A metric the study has never seen, first as a curve, another first as a final value.
    batch.points = {point("quick", "val_loss", 0, 0.8, 0.0), point("quick", "lr_now", 0, 0.02),
                    point("quick", "val_loss", 1, 0.2, 0.5), point("quick", "lr_now", 1, 0.01)};
    batch.logs = {logLine("quick", LogStream::Stdout, "done")};
    batch.artifacts = {{"quick", R"({"a": 1})"}};
    batch.ends = {endOf("quick", TrialState::Complete, {{"val_loss", 0.2}, {"gpu_mem", 1.5}}, "2026-11-20T10:00:02Z")};
    int commits = 0;
    sqlite3_commit_hook(p.handle(), &countCommits, &commits);
    recorder.write(batch);
    sqlite3_commit_hook(p.handle(), nullptr, nullptr);
    EXPECT_EQ(commits, 1);

    Trial quick;
    quick.id = "quick";
    quick.state = TrialState::Complete;
    quick.params = {{"lr", Value(0.02)}};
    quick.curveFor("val_loss").append(0, 0.8, 0.0);
    quick.curveFor("val_loss").append(1, 0.2, 0.5);
    quick.curveFor("lr_now").append(0, 0.02);
    quick.curveFor("lr_now").append(1, 0.01);
    quick.metrics = {{"val_loss", 0.2}, {"gpu_mem", 1.5}};
    quick.started = "2026-11-20T10:00:00Z";
    quick.finished = "2026-11-20T10:00:02Z";
    quick.artifactsJson = R"({"a": 1})";  // the end brought none, so the report's stays
    // Undeclared metrics get name rows, not declarations: the study's metrics are as they were.
    EXPECT_EQ(firstDifference(withTrials(runnerStudy("s"), {quick}), p.loadStudy("s")), "");
    EXPECT_EQ(trialLog(p, "s", "quick"), (std::vector<TrialLogLine>{{LogStream::Stdout, "done", false}}));
    RawDb db(path, SQLITE_OPEN_READONLY);
    EXPECT_EQ(db.column("SELECT name || ':' || ifnull(declared_position, '-') FROM study_metrics ORDER BY id"),
              (std::vector<std::string>{"val_acc:0", "val_loss:-", "lr_now:-", "gpu_mem:-"}));
    expectConsistent(path);
}

TEST(StudyRecorder, AReopenedRecorderContinuesEveryCurveAndLog)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    // An imported trial with curves: the recorder must continue sequences it did not write.
    Trial imported = simpleTrial("imp", 0, TrialState::Running, 0.5, "val_loss");
    imported.curveFor("val_loss").append(1, 0.9, 1.0);
    imported.curveFor("val_loss").append(2, 0.8, 2.0);
    imported.curveFor("val_loss").append(3, 0.7, 3.0);
    imported.curveFor("val_acc").append(1, 0.4);
    imported.curveFor("val_acc").append(2, 0.5);
    Project(path, OpenMode::CreateIfMissing).addStudies({withTrials(runnerStudy("s"), {imported})});

    Trial t1;
    t1.id = "t1";
    t1.number = 1;
    t1.state = TrialState::Running;
    t1.params = {{"lr", Value(0.001)}};
    {
        Project p(path, OpenMode::ReadWrite);
        StudyRecorder first(p, "s");
        RecordBatch batch;
        batch.starts = {newTrial("t1", 1, {{"lr", Value(0.001)}}, "")};
        batch.points = {point("t1", "val_loss", 1, 0.6), point("t1", "val_acc", 1, 0.3, 5.0),
                        point("t1", "val_loss", 2, 0.55)};
        batch.logs = {logLine("t1", LogStream::Stdout, "one"), logLine("t1", LogStream::Stdout, "two")};
        first.write(batch);
        t1.curveFor("val_loss").append(1, 0.6);
        t1.curveFor("val_acc").append(1, 0.3, 5.0);
        t1.curveFor("val_loss").append(2, 0.55);
    }

    Project p(path, OpenMode::ReadWrite);
    StudyRecorder second(p, "s");
    RecordBatch batch;
    batch.points = {point("imp", "val_loss", 4, 0.6, 4.0), point("imp", "val_acc", 3, 0.6, 3.5),
                    point("imp", "extra", 1, 1.0), point("t1", "val_loss", 3, 0.5), point("t1", "extra", 1, 2.0)};
    batch.logs = {logLine("t1", LogStream::Stderr, "three"), logLine("imp", LogStream::Runner, "first line")};
    second.write(batch);
    imported.curveFor("val_loss").append(4, 0.6, 4.0);
    imported.curveFor("val_acc").append(3, 0.6, 3.5);  // the curve gains times: NaN before
    imported.curveFor("extra").append(1, 1.0);
    t1.curveFor("val_loss").append(3, 0.5);
    t1.curveFor("extra").append(1, 2.0);

    EXPECT_EQ(firstDifference(withTrials(runnerStudy("s"), {imported, t1}), p.loadStudy("s")), "");
    EXPECT_EQ(pointSeqs(path, "imp", "val_loss"), "0,1,2,3");
    EXPECT_EQ(pointSeqs(path, "imp", "val_acc"), "0,1,2");
    EXPECT_EQ(pointSeqs(path, "t1", "val_loss"), "0,1,2");
    RawDb db(path, SQLITE_OPEN_READONLY);
    EXPECT_EQ(db.text("SELECT group_concat(c.position, ',') FROM (SELECT c.position FROM curves c "
                      "JOIN trials t ON t.id = c.trial_id WHERE t.key = 't1' ORDER BY c.position) c"),
              "0,1,2");
    EXPECT_EQ(db.text("SELECT group_concat(l.seq || l.text, ',') FROM (SELECT l.seq, l.text FROM trial_logs l "
                      "JOIN trials t ON t.id = l.trial_id WHERE t.key = 't1' ORDER BY l.seq) l"),
              "0one,1two,2three");
    EXPECT_EQ(trialLog(p, "s", "imp"), (std::vector<TrialLogLine>{{LogStream::Runner, "first line", false}}));
    expectConsistent(path);
}

TEST(StudyRecorder, EachBatchIsOneTransactionAndAnEmptyOneIsNone)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project p(path, OpenMode::CreateIfMissing);
    p.addStudies({runnerStudy("s")});
    StudyRecorder recorder(p, "s");
    int commits = 0;
    sqlite3_commit_hook(p.handle(), &countCommits, &commits);
    recorder.write(RecordBatch{});
    EXPECT_EQ(commits, 0);

    RecordBatch batch;
    for (int i = 0; i < 50; ++i)
        batch.starts.push_back(newTrial("t" + std::to_string(i), i, {{"lr", Value(0.001 * (i + 1))}}, ""));
    for (int step = 0; step < 40; ++step)
        for (int i = 0; i < 50; ++i)
            batch.points.push_back(point("t" + std::to_string(i), "val_loss", step, 1.0 / (step + i + 1)));
    recorder.write(batch);
    EXPECT_EQ(commits, 1);
    sqlite3_commit_hook(p.handle(), nullptr, nullptr);

    const Study loaded = p.loadStudy("s");
    ASSERT_EQ(loaded.trials.size(), 50u);
    for (int i = 0; i < 50; ++i) {
        const Curve* c = loaded.trials[static_cast<std::size_t>(i)].curve("val_loss");
        ASSERT_NE(c, nullptr);
        ASSERT_EQ(c->size(), 40u);
        EXPECT_EQ(c->values[7], 1.0 / (7 + i + 1));
        EXPECT_FALSE(c->hasSeconds());
    }
    expectConsistent(path);
}

TEST(StudyRecorder, LogStreamsHaveTheirStoredNames)
{
    EXPECT_EQ(toString(LogStream::Stdout), "stdout");
    EXPECT_EQ(toString(LogStream::Stderr), "stderr");
    EXPECT_EQ(toString(LogStream::Runner), "runner");
}
