// A project written by a Tendril of schema version 1 (before trial logs) is upgraded in place the
// first time it is opened read-write, and keeps everything it held.
#include "recorder_test_support.hpp"
#include "store_test_support.hpp"

#include "schema.hpp"

#include "tendril/store/project.hpp"
#include "tendril/store/study_recorder.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace tendril;
using namespace tendril::testing;

namespace {

// A file exactly as version 1 created it: its identity, its tables, its version number.
void createVersion1File(const std::string& path)
{
    RawDb db(path);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("BEGIN");
    db.exec("PRAGMA application_id = 1416520818");
    db.exec(std::string(store::migrationSql(0)));
    db.exec("PRAGMA user_version = 1");
    db.exec("COMMIT");
}

// A study with trials as a version-1 Tendril held it, written with plain SQL.
Study writeVersion1Study(const std::string& path)
{
    Study s;
    s.name = "old";
    s.objective = {"val_loss", Direction::Minimize};
    Trial t0 = simpleTrial("t0", 0, TrialState::Complete, 0.25, "val_loss");
    t0.curveFor("val_loss").append(1, 0.5, 10.0);
    t0.curveFor("val_loss").append(2, 0.25, 20.0);
    Trial t1 = simpleTrial("t1", 1, TrialState::Running, 0.75, "val_loss");
    t1.curveFor("val_loss").append(1, 0.75);
    t1.started = "2026-01-01T00:00:00Z";
    s.trials = {t0, t1};

    RawDb db(path);
    db.exec("INSERT INTO studies (name, objective_metric, objective_direction) VALUES ('old', 'val_loss', 'minimize')");
    for (const Trial& t : s.trials)
        appendTrialRows(db, "old", t);
    return s;
}

std::vector<std::string> schemaOf(const std::string& path)
{
    return RawDb(path, SQLITE_OPEN_READONLY)
        .column("SELECT type || ' ' || name || ': ' || ifnull(sql, '') FROM sqlite_schema ORDER BY name");
}

} // namespace

TEST(Migration, AVersion1FileIsUpgradedInPlaceAndKeepsItsData)
{
    ScratchDir dir;
    const std::string path = dir.file("v1.tendril");
    createVersion1File(path);
    const Study old = writeVersion1Study(path);
    const std::vector<std::string> v1Schema = schemaOf(path);
    ASSERT_EQ(RawDb(path, SQLITE_OPEN_READONLY).integer("PRAGMA user_version"), 1);

    try {
        Project ro(path, OpenMode::ReadOnly);
        ADD_FAILURE() << "opened a version 1 file read-only";
    } catch (const StoreError& e) {
        EXPECT_EQ(std::string(e.what()), path + ": project schema version 1 is older than this Tendril uses (2); "
                                                "open it read-write once to upgrade it");
    }

    {
        Project p(path, OpenMode::ReadWrite);
        EXPECT_EQ(p.schemaVersion(), 2);
        EXPECT_EQ(firstDifference(old, p.loadStudy("old")), "");

        // The upgraded file records like a new one, into trials an older Tendril wrote.
        StudyRecorder recorder(p, "old");
        RecordBatch batch;
        batch.points = {point("t1", "val_loss", 2, 0.5)};
        batch.logs = {logLine("t1", LogStream::Runner, "resumed after the upgrade")};
        recorder.write(batch);
    }

    // Migrations only add: every table and index of version 1 is there unchanged, and what is new
    // is the log table.
    const std::vector<std::string> v2Schema = schemaOf(path);
    for (const std::string& entry : v1Schema)
        EXPECT_NE(std::find(v2Schema.begin(), v2Schema.end(), entry), v2Schema.end()) << entry;
    std::vector<std::string> added;
    for (const std::string& entry : v2Schema)
        if (std::find(v1Schema.begin(), v1Schema.end(), entry) == v1Schema.end())
            added.push_back(entry.substr(0, entry.find(':')));
    EXPECT_EQ(added, std::vector<std::string>{"table trial_logs"});

    Project ro(path, OpenMode::ReadOnly);
    EXPECT_EQ(ro.schemaVersion(), 2);
    Study expected = old;
    expected.trials[1].curveFor("val_loss").append(2, 0.5);
    EXPECT_EQ(firstDifference(expected, ro.loadStudy("old")), "");
    EXPECT_EQ(trialLog(ro, "old", "t1"),
              (std::vector<TrialLogLine>{{LogStream::Runner, "resumed after the upgrade", false}}));
    expectConsistent(path);
}

TEST(Migration, AnUpgradedFileHasTheSchemaOfANewOne)
{
    ScratchDir dir;
    const std::string upgraded = dir.file("v1.tendril");
    createVersion1File(upgraded);
    { Project p(upgraded, OpenMode::ReadWrite); }
    const std::string fresh = dir.file("new.tendril");
    { Project p(fresh, OpenMode::CreateIfMissing); }
    EXPECT_EQ(schemaOf(upgraded), schemaOf(fresh));
    RawDb db(upgraded, SQLITE_OPEN_READONLY);
    EXPECT_EQ(db.integer("PRAGMA user_version"), Project::kSchemaVersion);
    EXPECT_EQ(db.integer("PRAGMA application_id"), 0x546E6472);
}

// The log table's constraints, which the recorder relies on and other writers must respect.
TEST(Migration, TrialLogsRefuseUnknownStreamsOrphansAndRepeatedSeqs)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project p(path, OpenMode::CreateIfMissing);
    Study s = runnerStudy("s");
    s.trials = {simpleTrial("a", 0, TrialState::Running, 0.5, "val_loss")};
    p.addStudies({s});
    // Through the project's own connection, which enforces foreign keys as every store write does.
    const auto insert = [&](const std::string& values) {
        const std::string sql = "INSERT INTO trial_logs (trial_id, seq, stream, malformed, text) VALUES " + values;
        char* message = nullptr;
        const int rc = sqlite3_exec(p.handle(), sql.c_str(), nullptr, nullptr, &message);
        std::string text = rc == SQLITE_OK ? "(accepted)" : (message ? message : "?");
        sqlite3_free(message);
        return text;
    };
    const std::string trial = "(SELECT id FROM trials WHERE key = 'a')";
    EXPECT_EQ(insert("(" + trial + ", 0, 'stdout', 0, 'ok')"), "(accepted)");
    EXPECT_EQ(insert("(" + trial + ", 0, 'stderr', 0, 'same seq')"),
              "UNIQUE constraint failed: trial_logs.trial_id, trial_logs.seq");
    EXPECT_NE(insert("(" + trial + ", 1, 'console', 0, 'x')").find("CHECK constraint failed"), std::string::npos);
    EXPECT_NE(insert("(" + trial + ", 1, 'stdout', 2, 'x')").find("CHECK constraint failed"), std::string::npos);
    EXPECT_EQ(insert("(" + trial + ", 1, 'stdout', 0, NULL)"), "NOT NULL constraint failed: trial_logs.text");
    EXPECT_EQ(insert("(999, 0, 'stdout', 0, 'orphan')"), "FOREIGN KEY constraint failed");
    EXPECT_EQ(trialLog(p, "s", "a"), (std::vector<TrialLogLine>{{LogStream::Stdout, "ok", false}}));
}
