// Opening, creating and refusing project files.
#include "store_test_support.hpp"

#include "tendril/store/project.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace tendril;
using namespace tendril::testing;

namespace {

constexpr OpenMode kAllModes[] = {OpenMode::ReadOnly, OpenMode::ReadWrite, OpenMode::CreateIfMissing};

std::string openError(const std::string& path, OpenMode mode)
{
    try {
        Project p(path, mode);
    } catch (const StoreError& e) {
        return e.what();
    }
    return "(opened without error)";
}

// Refusing a file must leave it byte for byte as it was, and leave no journal files behind.
void expectRefusedUntouched(const std::string& path, const std::string& expectedMessage)
{
    const std::string before = readBytes(path);
    for (OpenMode mode : kAllModes) {
        SCOPED_TRACE(static_cast<int>(mode));
        EXPECT_EQ(openError(path, mode), expectedMessage);
        EXPECT_EQ(readBytes(path), before);
        EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
        EXPECT_FALSE(std::filesystem::exists(path + "-shm"));
        EXPECT_FALSE(std::filesystem::exists(path + "-journal"));
    }
}

} // namespace

TEST(Open, CreatesAMissingProject)
{
    ScratchDir dir;
    const std::string path = dir.file("new.tendril");
    {
        Project p(path, OpenMode::CreateIfMissing);
        EXPECT_EQ(p.path(), path);
        EXPECT_EQ(p.schemaVersion(), Project::kSchemaVersion);
        EXPECT_TRUE(p.studies().empty());
        EXPECT_TRUE(p.studyNames().empty());
    }
    EXPECT_TRUE(std::filesystem::exists(path));
    Project again(path, OpenMode::ReadOnly);
    EXPECT_EQ(again.schemaVersion(), Project::kSchemaVersion);
}

TEST(Open, MissingFileIsRefusedUnlessCreating)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    EXPECT_EQ(openError(path, OpenMode::ReadOnly), path + ": no such project file");
    EXPECT_EQ(openError(path, OpenMode::ReadWrite), path + ": no such project file");
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(Open, MissingFolderIsAClearError)
{
    ScratchDir dir;
    const std::string path = dir.file("no-such-folder/x.tendril");
    const std::string message = openError(path, OpenMode::CreateIfMissing);
    EXPECT_EQ(message.rfind(path + ": cannot create project file", 0), 0u) << message;
}

TEST(Open, EmptyFileIsInitialisedWhenCreating)
{
    ScratchDir dir;
    const std::string path = dir.file("empty.tendril");
    writeBytes(path, "");
    Project p(path, OpenMode::CreateIfMissing);
    EXPECT_EQ(p.schemaVersion(), Project::kSchemaVersion);
    p.addStudies({richStudy("s")});
    EXPECT_EQ(p.studyNames(), std::vector<std::string>{"s"});
}

TEST(Open, EmptyFileIsRefusedWithoutCreating)
{
    ScratchDir dir;
    const std::string path = dir.file("empty.tendril");
    writeBytes(path, "");
    EXPECT_EQ(openError(path, OpenMode::ReadOnly), path + ": not a Tendril project (file is empty)");
    EXPECT_EQ(openError(path, OpenMode::ReadWrite), path + ": not a Tendril project (file is empty)");
    EXPECT_EQ(readBytes(path), "");
}

TEST(Open, TextFileIsRefusedUntouched)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    writeBytes(path, "name,value\nlr,0.1\n");
    expectRefusedUntouched(path, path + ": not a Tendril project (file is not an SQLite database)");
}

TEST(Open, DamagedSqliteHeaderIsRefusedUntouched)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    // SQLite's magic followed by a header no SQLite file has (page size 3).
    std::string bytes("SQLite format 3\0", 16);
    bytes += std::string(4096 - 16, '\x03');
    writeBytes(path, bytes);
    expectRefusedUntouched(path, path + ": not a Tendril project (file is not an SQLite database)");
}

TEST(Open, ForeignSqliteDatabaseIsRefusedUntouched)
{
    ScratchDir dir;
    const std::string path = dir.file("optuna.db");
    {
        RawDb db(path);
        db.exec("CREATE TABLE studies (study_id INTEGER PRIMARY KEY, study_name TEXT);"
                "CREATE TABLE trials (trial_id INTEGER PRIMARY KEY, number INTEGER);"
                "CREATE TABLE alembic_version (version_num TEXT);"
                "INSERT INTO studies VALUES (1, 'optuna-study');");
    }
    expectRefusedUntouched(path, path +
                                     ": not a Tendril project (an SQLite database of another program, with "
                                     "tables alembic_version, studies, trials)");
}

TEST(Open, ForeignApplicationIdIsRefusedUntouched)
{
    ScratchDir dir;
    const std::string path = dir.file("other.db");
    {
        RawDb db(path);
        db.exec("PRAGMA application_id = 252006673");  // 0x0F055111
        db.exec("CREATE TABLE t (x)");
    }
    expectRefusedUntouched(path, path +
                                     ": not a Tendril project (an SQLite database with application id "
                                     "0x0F055111, which belongs to another program)");
}

TEST(Open, EmptySqliteDatabaseIsInitialisedOnlyWhenCreating)
{
    ScratchDir dir;
    const std::string path = dir.file("blank.db");
    {
        RawDb db(path);
        db.exec("PRAGMA user_version = 0");
        db.exec("VACUUM");  // writes the header: a valid SQLite file with no tables
    }
    ASSERT_GT(std::filesystem::file_size(path), 0u);
    EXPECT_EQ(openError(path, OpenMode::ReadWrite), path + ": not a Tendril project (an empty SQLite database)");
    Project p(path, OpenMode::CreateIfMissing);
    EXPECT_EQ(p.schemaVersion(), Project::kSchemaVersion);
}

TEST(Open, NewerSchemaIsRefusedUntouched)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    {
        Project p(path, OpenMode::CreateIfMissing);
        p.addStudies({richStudy("s")});
    }
    {
        RawDb db(path);
        db.exec("PRAGMA user_version = 7");
    }
    // The last connection folded the WAL back into the file, so only the file itself remains.
    ASSERT_FALSE(std::filesystem::exists(path + "-wal"));
    expectRefusedUntouched(path, path + ": project schema version 7 is newer than this Tendril supports (" +
                                     std::to_string(Project::kSchemaVersion) + "); update Tendril");
}

TEST(Open, DirectoryIsRefused)
{
    ScratchDir dir;
    const std::string path = dir.file("folder.tendril");
    std::filesystem::create_directory(path);
    for (OpenMode mode : kAllModes)
        EXPECT_EQ(openError(path, mode), path + ": is a directory, not a project file");
    EXPECT_TRUE(std::filesystem::is_empty(path));
}

TEST(Open, ReopensWhatWasWritten)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    {
        Project p(path, OpenMode::CreateIfMissing);
        p.addStudies({richStudy("a"), richStudy("b")});
    }
    Project rw(path, OpenMode::ReadWrite);
    EXPECT_EQ(rw.studyNames(), (std::vector<std::string>{"a", "b"}));
    Project ro(path, OpenMode::ReadOnly);
    EXPECT_EQ(ro.studyNames(), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(ro.hasStudy("a"));
    EXPECT_FALSE(ro.hasStudy("c"));
}

TEST(Open, ReadOnlyProjectRefusesWritesAndLeavesTheFileAlone)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    {
        Project p(path, OpenMode::CreateIfMissing);
        p.addStudies({richStudy("a")});
    }
    const std::string before = readBytes(path);
    {
        Project ro(path, OpenMode::ReadOnly);
        const std::string refusal = path + ": cannot write: the project is open read-only";
        try {
            ro.addStudies({richStudy("b")});
            ADD_FAILURE() << "a read-only project added a study";
        } catch (const StoreError& e) {
            EXPECT_EQ(e.what(), refusal);
        }
        try {
            ro.removeStudy("a");
            ADD_FAILURE() << "a read-only project removed a study";
        } catch (const StoreError& e) {
            EXPECT_EQ(e.what(), refusal);
        }
        EXPECT_EQ(ro.studyNames(), std::vector<std::string>{"a"});
    }
    EXPECT_EQ(readBytes(path), before);
}

TEST(Open, MovedFromProjectReportsThatItIsClosed)
{
    ScratchDir dir;
    Project a(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    Project b(std::move(a));
    EXPECT_TRUE(b.studies().empty());
    EXPECT_THROW(a.studies(), StoreError);  // NOLINT(bugprone-use-after-move): that is the point
    Project c(dir.file("y.tendril"), OpenMode::CreateIfMissing);
    c = std::move(b);
    EXPECT_EQ(c.path(), dir.file("x.tendril"));
    EXPECT_TRUE(c.studyNames().empty());
}
