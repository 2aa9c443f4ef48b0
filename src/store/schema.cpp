#include "schema.hpp"

#include "sqlite_util.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

namespace tendril::store {

namespace {

// Version 1. docs/schema.md explains every table and column; keep the two in step.
// CHECK constraints spell out "a = x OR a = y" instead of "a IN (x, y)": SQLite builds a temporary
// index for an IN list on every insert, which made inserting a row about three times slower.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE studies (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE,
    objective_metric    TEXT NOT NULL,
    objective_direction TEXT NOT NULL
                        CHECK (objective_direction = 'minimize' OR objective_direction = 'maximize'),
    algorithm           TEXT,
    algorithm_config    TEXT,
    budget_max_trials   INTEGER,
    budget_max_resource REAL,
    budget_resource     TEXT,
    budget_max_seconds  REAL,
    parent              TEXT,
    command             TEXT,
    created             TEXT,
    space_inferred      INTEGER NOT NULL DEFAULT 0 CHECK (space_inferred = 0 OR space_inferred = 1),
    user_attrs          TEXT
);

CREATE TABLE study_params (
    id             INTEGER PRIMARY KEY,
    study_id       INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    space_position INTEGER,
    type           TEXT CHECK (type = 'float' OR type = 'int' OR type = 'categorical'),
    low            REAL,
    high           REAL,
    log            INTEGER CHECK (log = 0 OR log = 1),
    step           REAL,
    UNIQUE (study_id, name),
    UNIQUE (study_id, space_position),
    CHECK ((space_position IS NULL) = (type IS NULL))
);

CREATE TABLE study_param_choices (
    param_id INTEGER NOT NULL REFERENCES study_params (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind     TEXT NOT NULL
             CHECK (kind = 'null' OR kind = 'bool' OR kind = 'int' OR kind = 'real' OR kind = 'string'),
    value,
    PRIMARY KEY (param_id, position)
) WITHOUT ROWID;

CREATE TABLE study_metrics (
    id                INTEGER PRIMARY KEY,
    study_id          INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    declared_position INTEGER,
    direction         TEXT CHECK (direction = 'minimize' OR direction = 'maximize'),
    UNIQUE (study_id, name),
    UNIQUE (study_id, declared_position),
    CHECK ((declared_position IS NULL) = (direction IS NULL))
);

CREATE TABLE trials (
    id         INTEGER PRIMARY KEY,
    study_id   INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    number     INTEGER NOT NULL,
    state      TEXT NOT NULL
               CHECK (state = 'complete' OR state = 'pruned' OR state = 'failed' OR
                      state = 'running' OR state = 'queued' OR state = 'skipped'),
    iteration  INTEGER,
    parent     TEXT,
    start_step REAL,
    bracket    INTEGER,
    rung       INTEGER,
    budget     REAL,
    started    TEXT,
    finished   TEXT,
    error      TEXT,
    artifacts  TEXT,
    user_attrs TEXT,
    UNIQUE (study_id, key)
);
CREATE INDEX trials_by_number ON trials (study_id, number);
CREATE INDEX trials_by_state ON trials (study_id, state);

CREATE TABLE trial_params (
    trial_id INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    param_id INTEGER NOT NULL REFERENCES study_params (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL
             CHECK (kind = 'null' OR kind = 'bool' OR kind = 'int' OR kind = 'real' OR kind = 'string'),
    value,
    PRIMARY KEY (trial_id, position)
) WITHOUT ROWID;
CREATE INDEX trial_params_by_param ON trial_params (param_id);

CREATE TABLE trial_metrics (
    trial_id  INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    metric_id INTEGER NOT NULL REFERENCES study_metrics (id) ON DELETE CASCADE,
    value     REAL,
    PRIMARY KEY (trial_id, position)
) WITHOUT ROWID;
CREATE INDEX trial_metrics_by_metric ON trial_metrics (metric_id, value);

CREATE TABLE curves (
    id          INTEGER PRIMARY KEY,
    trial_id    INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    metric_id   INTEGER NOT NULL REFERENCES study_metrics (id) ON DELETE CASCADE,
    has_seconds INTEGER NOT NULL CHECK (has_seconds = 0 OR has_seconds = 1),
    UNIQUE (trial_id, position)
);
CREATE INDEX curves_by_metric ON curves (metric_id);

CREATE TABLE curve_points (
    curve_id INTEGER NOT NULL REFERENCES curves (id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    step     REAL,
    value    REAL,
    seconds  REAL,
    PRIMARY KEY (curve_id, seq)
) WITHOUT ROWID;

CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    study_id   INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
    trial_key  TEXT,
    text       TEXT NOT NULL,
    created    TEXT,
    view_state TEXT
);
CREATE INDEX notes_by_study ON notes (study_id);
)sql";

// Version 2: the log of each trial (its output lines that are not reports, and what the runner
// says about it), kept apart from the trial row because it can grow to many megabytes that loading
// a study never reads. Keyed by (trial, seq) so that appending a line appends to the B-tree and
// deleting a trial's lines, by the cascade, is one range of it.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE trial_logs (
    trial_id  INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    stream    TEXT NOT NULL CHECK (stream = 'stdout' OR stream = 'stderr' OR stream = 'runner'),
    malformed INTEGER NOT NULL DEFAULT 0 CHECK (malformed = 0 OR malformed = 1),
    text      TEXT NOT NULL,
    PRIMARY KEY (trial_id, seq)
) WITHOUT ROWID;
)sql";

// Migration i takes a file from user_version i to i + 1; all pending ones run in one transaction.
// To change the schema, append a migration here and raise Project::kSchemaVersion.
constexpr std::array kMigrations = {kSchemaV1, kSchemaV2};
static_assert(kMigrations.size() == Project::kSchemaVersion,
              "Project::kSchemaVersion must equal the number of migrations");

using Connection = std::unique_ptr<sqlite3, decltype(&sqlite3_close_v2)>;

enum class FileKind { Missing, Directory, Other, Empty, NotSqlite, Sqlite };

FileKind probeFile(const std::string& path)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found)
        return FileKind::Missing;
    if (ec)
        fail(path, "cannot read project file: " + ec.message());
    if (fs::is_directory(status))
        return FileKind::Directory;
    if (!fs::is_regular_file(status))
        return FileKind::Other;
    if (fs::file_size(path, ec) == 0 && !ec)
        return FileKind::Empty;
    // Checked before SQLite sees the file: SQLite would report "file is not a database" only at
    // the first query, and its wording names no file.
    static constexpr char kMagic[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f',
                                        'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(path, "cannot read project file");
    char header[sizeof kMagic] = {};
    in.read(header, sizeof header);
    if (in.gcount() != sizeof header || !std::equal(header, header + sizeof header, kMagic))
        return FileKind::NotSqlite;
    return FileKind::Sqlite;
}

// Opens `target` (a path, or a URI with SQLITE_OPEN_URI); errors name `path`.
Connection openConnection(const std::string& target, int flags, const std::string& path)
{
    sqlite3* raw = nullptr;
    // NOMUTEX: a Project is used by one thread at a time, and the serialized mode would lock a
    // mutex on every call into SQLite, millions of times in a large import.
    const int rc = sqlite3_open_v2(target.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    Connection db(raw, &sqlite3_close_v2);
    if (rc != SQLITE_OK)
        failSqlite(raw, path, (flags & SQLITE_OPEN_CREATE) ? "cannot create project file" : "cannot open project file");
    sqlite3_extended_result_codes(raw, 1);
    // Readers and the writer wait for each other's locks instead of failing at once.
    sqlite3_busy_timeout(raw, 10'000);
    return db;
}

Connection openConnection(const std::string& path, int flags)
{
    return openConnection(path, flags, path);
}

struct FileFacts {
    std::int64_t applicationId = 0;
    std::int64_t userVersion = 0;
    std::vector<std::string> tables;
};

FileFacts readFacts(sqlite3* db, const std::string& path)
{
    FileFacts facts;
    try {
        facts.applicationId = queryInt(db, path, "PRAGMA application_id");
        facts.userVersion = queryInt(db, path, "PRAGMA user_version");
        Statement tables(db, path,
                         "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                         "ORDER BY name");
        while (tables.step())
            facts.tables.push_back(tables.textAt(0));
    } catch (const StoreError&) {
        const int code = sqlite3_errcode(db) & 0xff;
        if (code == SQLITE_NOTADB)
            fail(path, "not a Tendril project (file is not an SQLite database)");
        if (code == SQLITE_CORRUPT)
            fail(path, "the project file is damaged (" + std::string(sqlite3_errmsg(db)) + ")");
        throw;
    }
    return facts;
}

// "file:" URI of a path, for opening with URI parameters.
std::string fileUri(const std::string& path)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string uri = "file:";
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
            uri += c;
        } else {
            uri += '%';
            uri += kHex[u >> 4];
            uri += kHex[u & 15];
        }
    }
    return uri;
}

// Reads what identifies the file without changing anything on disk. A plain read-only connection
// would do, except that on a WAL-mode file it creates the -wal and -shm files and, being unable
// to remove them, leaves them behind next to a file that is then refused. So when no -wal file
// exists, the main file holds the whole database and is read as immutable: no locks, no WAL, no
// new files. When a -wal file exists, another connection is using the database (or crashed
// while it did); the newest header may be in the WAL, and the side files exist already.
FileFacts inspect(const std::string& path)
{
    std::error_code ec;
    if (std::filesystem::exists(path + "-wal", ec)) {
        Connection db = openConnection(path, SQLITE_OPEN_READONLY);
        return readFacts(db.get(), path);
    }
    Connection db = openConnection(fileUri(path) + "?immutable=1", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, path);
    return readFacts(db.get(), path);
}

bool isBlank(const FileFacts& facts)
{
    return facts.applicationId == 0 && facts.userVersion == 0 && facts.tables.empty();
}

// Refuses a database that is not a usable Tendril project. A blank database (no application id,
// no tables) is acceptable only when the caller is about to initialise it.
void checkFacts(const FileFacts& facts, const std::string& path, bool mayInitialise)
{
    if (facts.applicationId == kApplicationId) {
        if (facts.userVersion > Project::kSchemaVersion)
            fail(path, "project schema version " + std::to_string(facts.userVersion) +
                           " is newer than this Tendril supports (" + std::to_string(Project::kSchemaVersion) +
                           "); update Tendril");
        return;
    }
    if (isBlank(facts)) {
        if (mayInitialise)
            return;
        fail(path, "not a Tendril project (an empty SQLite database)");
    }
    if (facts.applicationId != 0) {
        char id[16];
        std::snprintf(id, sizeof id, "0x%08llX",
                      static_cast<unsigned long long>(static_cast<std::uint32_t>(facts.applicationId)));
        fail(path, std::string("not a Tendril project (an SQLite database with application id ") + id +
                       ", which belongs to another program)");
    }
    std::string list;
    const std::size_t shown = std::min<std::size_t>(facts.tables.size(), 5);
    for (std::size_t i = 0; i < shown; ++i)
        list += (i ? ", " : "") + facts.tables[i];
    if (facts.tables.size() > shown)
        list += ", ...";
    fail(path, "not a Tendril project (an SQLite database of another program, with tables " + list + ")");
}

// Brings a writable connection to the current schema. Runs inside BEGIN IMMEDIATE and looks at the
// file again there, because another process may have initialised or upgraded it since it was
// inspected.
void migrate(sqlite3* db, const std::string& path)
{
    WriteTransaction tx(db, path);
    const FileFacts facts = readFacts(db, path);
    checkFacts(facts, path, /*mayInitialise=*/true);
    if (facts.applicationId != kApplicationId)
        exec(db, path, ("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
    for (auto v = static_cast<std::size_t>(facts.userVersion); v < kMigrations.size(); ++v) {
        if (sqlite3_exec(db, kMigrations[v], nullptr, nullptr, nullptr) != SQLITE_OK)
            failSqlite(db, path, "cannot upgrade the project schema to version " + std::to_string(v + 1));
    }
    exec(db, path, ("PRAGMA user_version = " + std::to_string(Project::kSchemaVersion)).c_str());
    tx.commit();
}

void setConnectionPragmas(sqlite3* db, const std::string& path, bool writable)
{
    exec(db, path, "PRAGMA foreign_keys = ON");
    // 16 MiB instead of SQLite's 2 MB: large imports insert into indexes at random places, and with
    // the small cache each such page is spilled to the WAL and read back many times (importing
    // 100,000 trials took a quarter longer). It is allocated only as pages are used.
    exec(db, path, "PRAGMA cache_size = -16384");
    if (!writable)
        return;
    // WAL lets the app read while the runner writes; NORMAL is durable across application crashes
    // in WAL mode and only a power loss can cost the last transactions.
    {
        Statement mode(db, path, "PRAGMA journal_mode = WAL");
        if (!mode.step() || mode.textView(0) != "wal")
            fail(path, "cannot switch the project file to WAL journal mode (is it on a network file system?)");
    }
    exec(db, path, "PRAGMA synchronous = NORMAL");
    // A multi-row INSERT inside a transaction keeps a statement journal, so that a failing
    // statement can be undone alone. Debian's SQLite keeps temporary files on disk, and importing
    // two million curve points then cost 400,000 extra write calls and a third of the time.
    exec(db, path, "PRAGMA temp_store = MEMORY");
}

} // namespace

std::string_view migrationSql(std::size_t index)
{
    return kMigrations.at(index);
}

sqlite3* openProject(const std::string& path, OpenMode mode)
{
    const bool create = mode == OpenMode::CreateIfMissing;
    switch (probeFile(path)) {
    case FileKind::Directory: fail(path, "is a directory, not a project file");
    case FileKind::Other: fail(path, "is not a regular file, so not a project file");
    case FileKind::NotSqlite: fail(path, "not a Tendril project (file is not an SQLite database)");
    case FileKind::Missing:
        if (!create)
            fail(path, "no such project file");
        break;
    case FileKind::Empty:
        if (!create)
            fail(path, "not a Tendril project (file is empty)");
        break;
    case FileKind::Sqlite: {
        const FileFacts facts = inspect(path);
        checkFacts(facts, path, create);
        if (mode == OpenMode::ReadOnly) {
            if (facts.userVersion < Project::kSchemaVersion)
                fail(path, "project schema version " + std::to_string(facts.userVersion) +
                               " is older than this Tendril uses (" + std::to_string(Project::kSchemaVersion) +
                               "); open it read-write once to upgrade it");
            Connection db = openConnection(path, SQLITE_OPEN_READONLY);
            setConnectionPragmas(db.get(), path, /*writable=*/false);
            return db.release();
        }
        break;
    }
    }

    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    Connection db = openConnection(path, flags);
    setConnectionPragmas(db.get(), path, /*writable=*/true);
    if (queryInt(db.get(), path, "PRAGMA user_version") != Project::kSchemaVersion ||
        queryInt(db.get(), path, "PRAGMA application_id") != kApplicationId)
        migrate(db.get(), path);
    return db.release();
}

} // namespace tendril::store
