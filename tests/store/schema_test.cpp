// What the file looks like to any SQLite client: version, identity, pragmas, and how values are
// stored. docs/schema.md promises these; other tools may rely on them.
#include "store_test_support.hpp"

#include "tendril/store/project.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace tendril;
using namespace tendril::testing;

namespace {

std::int64_t pragmaOf(const Project& p, const std::string& pragma)
{
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(p.handle(), ("PRAGMA " + pragma).c_str(), -1, &stmt, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    const std::int64_t v = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return v;
}

} // namespace

TEST(Schema, VersionIdentityAndJournalModeAreInTheFile)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    { Project p(path, OpenMode::CreateIfMissing); }
    RawDb db(path, SQLITE_OPEN_READONLY);
    EXPECT_EQ(db.integer("PRAGMA user_version"), 2);
    EXPECT_EQ(db.integer("PRAGMA application_id"), 0x546E6472);  // "Tndr"
    EXPECT_EQ(db.text("PRAGMA journal_mode"), "wal");
    EXPECT_EQ(db.column("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"),
              (std::vector<std::string>{"curve_points", "curves", "notes", "studies", "study_metrics",
                                        "study_param_choices", "study_params", "trial_logs", "trial_metrics",
                                        "trial_params", "trials"}));
}

TEST(Schema, ConnectionPragmas)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project rw(path, OpenMode::CreateIfMissing);
    EXPECT_EQ(pragmaOf(rw, "foreign_keys"), 1);
    EXPECT_EQ(pragmaOf(rw, "busy_timeout"), 10000);
    EXPECT_EQ(pragmaOf(rw, "synchronous"), 1);  // NORMAL
    Project ro(path, OpenMode::ReadOnly);
    EXPECT_EQ(pragmaOf(ro, "foreign_keys"), 1);
    EXPECT_EQ(pragmaOf(ro, "busy_timeout"), 10000);
    EXPECT_EQ(sqlite3_db_readonly(ro.handle(), "main"), 1);
    EXPECT_EQ(sqlite3_db_readonly(rw.handle(), "main"), 0);
}

TEST(Schema, ReopeningACurrentProjectDoesNotMigrateAgain)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    { Project p(path, OpenMode::CreateIfMissing); }
    const auto schemaBefore = RawDb(path, SQLITE_OPEN_READONLY).column("SELECT sql FROM sqlite_schema ORDER BY name");
    for (int i = 0; i < 3; ++i) {
        Project p(path, OpenMode::ReadWrite);
        EXPECT_EQ(p.schemaVersion(), Project::kSchemaVersion);
    }
    EXPECT_EQ(RawDb(path, SQLITE_OPEN_READONLY).column("SELECT sql FROM sqlite_schema ORDER BY name"), schemaBefore);
}

TEST(Schema, NaNIsNullAndAnUnreportedMetricHasNoRow)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Study s;
    s.name = "s";
    s.objective = {"acc", Direction::Maximize};
    Trial a = simpleTrial("a", 0, TrialState::Complete, std::nan(""), "acc");
    Trial b = simpleTrial("b", 1, TrialState::Complete, 0.5, "loss");  // never reports acc
    s.trials = {a, b};
    Project(path, OpenMode::CreateIfMissing).addStudies({s});

    RawDb db(path, SQLITE_OPEN_READONLY);
    const std::string byTrialAndMetric = "SELECT count(*) FROM trial_metrics m JOIN trials t ON t.id = m.trial_id "
                                         "JOIN study_metrics sm ON sm.id = m.metric_id ";
    EXPECT_EQ(db.integer(byTrialAndMetric + "WHERE t.key = 'a' AND sm.name = 'acc' AND m.value IS NULL"), 1);
    EXPECT_EQ(db.integer(byTrialAndMetric + "WHERE t.key = 'b' AND sm.name = 'acc'"), 0);
    EXPECT_EQ(db.text("SELECT typeof(m.value) FROM trial_metrics m JOIN trials t ON t.id = m.trial_id "
                      "WHERE t.key = 'b'"),
              "real");
}

TEST(Schema, ParamValuesKeepTheirStorageClassAndKind)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Study s;
    s.name = "s";
    s.objective = {"acc", Direction::Maximize};
    Trial t;
    t.id = "t";
    t.params = {{"i", Value(3)}, {"r", Value(3.0)}, {"b", Value(true)}, {"s", Value("3")}, {"n", Value()},
                {"nan", Value(std::nan(""))}};
    s.trials = {t};
    Project(path, OpenMode::CreateIfMissing).addStudies({s});

    RawDb db(path, SQLITE_OPEN_READONLY);
    EXPECT_EQ(db.column("SELECT sp.name || ':' || p.kind || ':' || typeof(p.value) FROM trial_params p "
                        "JOIN study_params sp ON sp.id = p.param_id ORDER BY p.position"),
              (std::vector<std::string>{"i:int:integer", "r:real:real", "b:bool:integer", "s:string:text",
                                        "n:null:null", "nan:real:null"}));
}

TEST(Schema, StateAndDirectionAreStoredAsWords)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project(path, OpenMode::CreateIfMissing).addStudies({richStudy("s")});
    RawDb db(path, SQLITE_OPEN_READONLY);
    EXPECT_EQ(db.column("SELECT state FROM trials ORDER BY number"),
              (std::vector<std::string>{"complete", "pruned", "failed", "running", "queued", "skipped"}));
    EXPECT_EQ(db.text("SELECT objective_direction FROM studies"), "minimize");
    EXPECT_EQ(db.text("SELECT command FROM studies").substr(0, 22), R"(["python3","train.py",)");
    EXPECT_EQ(db.integer("SELECT json_valid(command) FROM studies"), 1);
}

// addStudies writes with the checks suspended; they must be back on afterwards, also after a
// failed call, for everything else that writes through the connection.
TEST(Schema, ForeignKeysAreEnforcedAfterAddingStudies)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project p(path, OpenMode::CreateIfMissing);
    p.addStudies({richStudy("s")});
    EXPECT_EQ(pragmaOf(p, "foreign_keys"), 1);
    EXPECT_THROW(p.addStudies({richStudy("s")}, NameConflict::Fail), StoreError);
    EXPECT_EQ(pragmaOf(p, "foreign_keys"), 1);
    expectConsistent(path);
    char* message = nullptr;
    const char* orphan = "INSERT INTO trials (study_id, key, number, state) VALUES (999, 'x', 0, 'complete')";
    EXPECT_NE(sqlite3_exec(p.handle(), orphan, nullptr, nullptr, &message), SQLITE_OK);
    EXPECT_STREQ(message, "FOREIGN KEY constraint failed");
    sqlite3_free(message);
    EXPECT_NE(sqlite3_exec(p.handle(), "UPDATE trials SET state = 'done'", nullptr, nullptr, nullptr), SQLITE_OK);
}

// A Tendril file at an older version (here 0: identified, no tables yet) is upgraded by the
// migrations when opened read-write, and refused read-only, which cannot upgrade it.
TEST(Schema, OlderSchemaIsMigratedReadWriteAndRefusedReadOnly)
{
    ScratchDir dir;
    const std::string path = dir.file("old.tendril");
    {
        RawDb db(path);
        db.exec("PRAGMA application_id = 1416520818");
        db.exec("PRAGMA user_version = 0");
    }
    const std::string before = readBytes(path);
    try {
        Project p(path, OpenMode::ReadOnly);
        ADD_FAILURE() << "opened an old schema read-only";
    } catch (const StoreError& e) {
        EXPECT_EQ(std::string(e.what()), path + ": project schema version 0 is older than this Tendril uses (" +
                                             std::to_string(Project::kSchemaVersion) +
                                             "); open it read-write once to upgrade it");
    }
    EXPECT_EQ(readBytes(path), before);

    {
        Project p(path, OpenMode::ReadWrite);
        EXPECT_EQ(p.schemaVersion(), Project::kSchemaVersion);
        p.addStudies({richStudy("s")});
    }
    Project ro(path, OpenMode::ReadOnly);
    EXPECT_EQ(firstDifference(richStudy("s"), ro.loadStudy("s")), "");
}
