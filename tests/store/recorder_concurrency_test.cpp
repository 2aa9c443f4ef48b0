// The runner records while the app reads: every committed batch is visible to other connections at
// once, and never half of one.
#include "recorder_test_support.hpp"
#include "store_test_support.hpp"

#include "tendril/store/project.hpp"
#include "tendril/store/study_recorder.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

using namespace tendril;
using namespace tendril::testing;

TEST(RecorderConcurrency, AnotherConnectionSeesEachBatchOnceCommitted)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project writer(path, OpenMode::CreateIfMissing);
    writer.addStudies({runnerStudy("s")});
    Project reader(path, OpenMode::ReadOnly);
    StudyRecorder recorder(writer, "s");

    RecordBatch batch;
    batch.starts = {newTrial("a", 0, {{"lr", Value(0.01)}}, "")};
    batch.points = {point("a", "val_loss", 0, 1.0)};
    batch.logs = {logLine("a", LogStream::Runner, "launched")};
    std::int64_t version = reader.dataVersion();
    recorder.write(batch);
    EXPECT_NE(reader.dataVersion(), version);
    EXPECT_EQ(reader.loadStudy("s").trials.at(0).curve("val_loss")->size(), 1u);
    EXPECT_EQ(trialLog(reader, "s", "a").size(), 1u);

    for (int step = 1; step <= 5; ++step) {
        batch.clear();
        batch.points = {point("a", "val_loss", step, 1.0 / (step + 1))};
        version = reader.dataVersion();
        recorder.write(batch);
        EXPECT_NE(reader.dataVersion(), version);
        EXPECT_EQ(reader.loadStudy("s").trials.at(0).curve("val_loss")->size(), static_cast<std::size_t>(step + 1));
    }
    batch.clear();
    batch.ends = {endOf("a", TrialState::Complete, {{"val_loss", 1.0 / 6}}, "2026-11-20T10:00:00Z")};
    recorder.write(batch);
    const StudySummary summary = reader.studies().at(0);
    EXPECT_EQ(summary.states[static_cast<std::size_t>(TrialState::Complete)], 1);
    ASSERT_TRUE(summary.best);
    EXPECT_EQ(summary.best->trial, "a");
}

// Each batch adds one point to every curve of every trial and one log line to every trial, so a
// reader that ever saw part of a batch would find curves of different lengths.
TEST(RecorderConcurrency, ReadersWhileRecordingSeeWholeBatchesOnly)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    { Project(path, OpenMode::CreateIfMissing).addStudies({runnerStudy("s")}); }
    constexpr int kTrials = 8;
    constexpr int kBatches = 150;

    std::atomic<bool> writerDone{false};
    std::atomic<int> reads{0};
    std::string writerError;
    std::thread writerThread([&] {
        try {
            Project writer(path, OpenMode::ReadWrite);
            StudyRecorder recorder(writer, "s");
            RecordBatch batch;
            for (int i = 0; i < kTrials; ++i)
                batch.starts.push_back(newTrial("t" + std::to_string(i), i, {{"layers", Value(i % 8 + 1)}}, ""));
            for (int step = 0; step < kBatches; ++step) {
                for (int i = 0; i < kTrials; ++i) {
                    const std::string id = "t" + std::to_string(i);
                    batch.points.push_back(point(id, "val_loss", step, 1.0 / (step + 1), 0.5 * step));
                    batch.points.push_back(point(id, "val_acc", step, 1.0 - 1.0 / (step + 1)));
                    batch.logs.push_back(logLine(id, LogStream::Stdout, "step " + std::to_string(step)));
                }
                recorder.write(batch);
                batch.clear();
                // Waits for the reader's first read, so that reading and writing interleave
                // however the threads are scheduled.
                while (step == 0 && reads.load() == 0)
                    std::this_thread::yield();
            }
        } catch (const std::exception& e) {
            writerError = e.what();
        }
        writerDone = true;
    });

    Project reader(path, OpenMode::ReadOnly);
    std::size_t lastLength = 0;
    while (true) {
        const bool finalRound = writerDone.load();
        const Study s = reader.loadStudy("s");
        ++reads;
        // Not ASSERT: returning early would leave the writer thread unjoined.
        EXPECT_TRUE(s.trials.empty() || s.trials.size() == static_cast<std::size_t>(kTrials));
        if (s.trials.size() == static_cast<std::size_t>(kTrials)) {
            const Curve* first = s.trials[0].curve("val_loss");
            const std::size_t length = first ? first->size() : 0;
            EXPECT_GE(length, lastLength);
            lastLength = length;
            for (const Trial& t : s.trials)
                for (const char* metric : {"val_loss", "val_acc"}) {
                    const Curve* c = t.curve(metric);
                    EXPECT_EQ(c ? c->size() : 0, length) << t.id << " " << metric;
                }
            // The log is read in its own snapshot, taken after the load: never shorter than the curve.
            EXPECT_GE(trialLog(reader, "s", "t3").size(), length);
        }
        if (finalRound)
            break;
    }
    writerThread.join();
    EXPECT_EQ(writerError, "");
    EXPECT_EQ(lastLength, static_cast<std::size_t>(kBatches));
    EXPECT_GT(reads.load(), 1);
    EXPECT_EQ(trialLog(reader, "s", "t3").size(), static_cast<std::size_t>(kBatches));
    expectConsistent(path);
}
