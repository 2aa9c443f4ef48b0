// The log of each trial: kept in order with its streams and flags, read back alone, never loaded
// with the study, removed with the study.
#include "recorder_test_support.hpp"
#include "store_test_support.hpp"

#include "tendril/store/project.hpp"
#include "tendril/store/study_recorder.hpp"

#include <gtest/gtest.h>

using namespace tendril;
using namespace tendril::testing;

namespace {

std::string logError(const Project& p, const std::string& study, const std::string& trial)
{
    try {
        trialLog(p, study, trial);
    } catch (const StoreError& e) {
        return e.what();
    }
    return "(read without error)";
}

} // namespace

TEST(TrialLog, LinesComeBackInOrderWithTheirStreamsFlagsAndText)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project p(path, OpenMode::CreateIfMissing);
    p.addStudies({runnerStudy("s")});
    StudyRecorder recorder(p, "s");

    const std::vector<std::string> texts = {
        "plain ascii",
        "",  // an empty line is a line
        "ünïcödé ✓ — 日本語 — 🚀 emoji beyond the basic plane",
        "\ttabs\tand  spaces  ",
        R"({"step": 1, "val_loss": 0.5)",  // cut short: looked like a report
        "back\\slash and \"quotes\" and 'single' and ; DROP TABLE trials; --",
        std::string(100'000, 'x') + "end",
    };
    std::vector<TrialLogLine> a;
    std::vector<TrialLogLine> b;
    RecordBatch batch;
    batch.starts = {newTrial("a", 0, {}, ""), newTrial("b", 1, {}, "")};
    recorder.write(batch);
    // Lines of two trials interleaved over several batches: each trial's come back in its own order.
    for (std::size_t round = 0; round < 3; ++round) {
        batch.clear();
        for (std::size_t i = 0; i < texts.size(); ++i) {
            const auto stream = static_cast<LogStream>((i + round) % 3);
            const bool malformed = !texts[i].empty() && texts[i].front() == '{';
            const TrialLogLine line{stream, texts[i] + " #" + std::to_string(round), malformed};
            batch.logs.push_back({(i % 2) ? "a" : "b", line});
            ((i % 2) ? a : b).push_back(line);
        }
        recorder.write(batch);
    }
    EXPECT_EQ(trialLog(p, "s", "a"), a);
    EXPECT_EQ(trialLog(p, "s", "b"), b);
    EXPECT_EQ(trialLog(Project(path, OpenMode::ReadOnly), "s", "b"), b);

    RawDb db(path, SQLITE_OPEN_READONLY);
    EXPECT_EQ(db.integer("SELECT count(*) FROM trial_logs WHERE malformed = 1"), 3);
    EXPECT_EQ(db.column("SELECT DISTINCT stream FROM trial_logs ORDER BY stream"),
              (std::vector<std::string>{"runner", "stderr", "stdout"}));
    // The text is stored as the UTF-8 it was given, not re-encoded.
    EXPECT_EQ(db.text("SELECT hex(text) FROM trial_logs WHERE text LIKE '%emoji%' LIMIT 1").substr(0, 8), "C3BC6EC3");
}

TEST(TrialLog, MissingStudyOrTrialIsNamed)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project p(path, OpenMode::CreateIfMissing);
    p.addStudies({runnerStudy("s")});
    EXPECT_EQ(logError(p, "nope", "a"), path + ": no study named \"nope\"");
    EXPECT_EQ(logError(p, "s", "a"), path + ": study \"s\": no trial \"a\"");
}

TEST(TrialLog, LoadingAStudyDoesNotReadItsLogs)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project p(path, OpenMode::CreateIfMissing);
    p.addStudies({runnerStudy("s")});
    {
        StudyRecorder recorder(p, "s");
        RecordBatch batch;
        batch.starts = {newTrial("a", 0, {}, "")};
        for (int i = 0; i < 100; ++i)
            batch.logs.push_back(logLine("a", LogStream::Stdout, "line " + std::to_string(i)));
        recorder.write(batch);
    }
    // The log table is not on any load path: with it out of reach, studies still load.
    RawDb(path).exec("ALTER TABLE trial_logs RENAME TO trial_logs_away");
    Project reader(path, OpenMode::ReadOnly);
    EXPECT_EQ(reader.loadStudy("s").trials.size(), 1u);
    std::size_t pages = 0;
    reader.forEachTrialPage("s", {}, 1, [&](const Study&, std::vector<Trial>&) { ++pages; });
    EXPECT_EQ(pages, 1u);
    EXPECT_EQ(reader.studies().at(0).trials, 1);
}

TEST(TrialLog, RemovingAStudyRemovesItsLogsAndNoOtherStudys)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project p(path, OpenMode::CreateIfMissing);
    p.addStudies({runnerStudy("gone"), runnerStudy("kept")});
    for (const char* study : {"gone", "kept"}) {
        StudyRecorder recorder(p, study);
        RecordBatch batch;
        batch.starts = {newTrial("a", 0, {}, ""), newTrial("b", 1, {}, "")};
        batch.points = {point("a", "val_loss", 1, 0.5)};
        for (int i = 0; i < 500; ++i)
            batch.logs.push_back(logLine(i % 2 ? "a" : "b", LogStream::Stderr, std::string(study) + " line"));
        recorder.write(batch);
    }
    RawDb db(path, SQLITE_OPEN_READONLY);
    ASSERT_EQ(db.integer("SELECT count(*) FROM trial_logs"), 1000);
    p.removeStudy("gone");
    EXPECT_EQ(db.integer("SELECT count(*) FROM trial_logs"), 500);
    EXPECT_EQ(db.integer("SELECT count(*) FROM trial_logs WHERE text <> 'kept line'"), 0);
    EXPECT_EQ(trialLog(p, "kept", "b").size(), 250u);
    EXPECT_EQ(logError(p, "gone", "a"), path + ": no study named \"gone\"");
    expectConsistent(path);
}
