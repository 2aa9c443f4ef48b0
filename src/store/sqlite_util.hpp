// Thin RAII wrappers over the sqlite3 C API, shared by the store's source files.
//
// Every failure becomes a StoreError whose text starts with the project file's path, so callers
// never see a bare SQLite message without knowing which file it was about.
#pragma once

#include "tendril/store/project.hpp"

#include <sqlite3.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tendril::store {

// "<path>: <what>"
[[noreturn]] void fail(const std::string& path, const std::string& what);
// "<path>: <doing>: <sqlite's message>"
[[noreturn]] void failSqlite(sqlite3* db, const std::string& path, const std::string& doing);

// Runs SQL without results (pragmas, DDL, transaction control).
void exec(sqlite3* db, const std::string& path, const char* sql);
// Runs a query that yields one integer (PRAGMA user_version and the like).
std::int64_t queryInt(sqlite3* db, const std::string& path, const char* sql);

// A prepared statement. Columns and parameters are 0- and 1-based as in SQLite.
class Statement {
public:
    Statement(sqlite3* db, const std::string& path, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Makes the statement ready to run again. Bindings stay as they were (clearing them costs time
    // in bulk inserts), so every use must bind every parameter.
    void reset();

    void bindInt(int index, std::int64_t v);
    void bindReal(int index, double v);  // NaN is stored as NULL (SQLite does this itself)
    void bindText(int index, std::string_view v);
    void bindNull(int index);
    // "" and nullopt mean "absent" and are stored as NULL.
    void bindTextOrNull(int index, std::string_view v);
    void bindOptionalInt(int index, const std::optional<std::int64_t>& v);
    void bindOptionalReal(int index, const std::optional<double>& v);

    // True when a row is ready, false when done; throws on error.
    bool step();
    // Steps a statement that returns no rows, then resets it for the next use.
    void run();

    bool isNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
    std::int64_t intAt(int col) const { return sqlite3_column_int64(stmt_, col); }
    // NULL reads as NaN: that is how the schema stores NaN (see docs/schema.md).
    double realOrNaN(int col) const
    {
        return isNull(col) ? std::nan("") : sqlite3_column_double(stmt_, col);
    }
    std::string textAt(int col) const;  // NULL reads as ""
    std::string_view textView(int col) const;  // valid until the next step or reset
    std::optional<std::int64_t> optionalInt(int col) const;
    std::optional<double> optionalReal(int col) const;

private:
    sqlite3* db_;
    const std::string& path_;
    sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE … COMMIT. Taking the write lock up front means a writer never fails half-way
// with SQLITE_BUSY on lock upgrade; busy_timeout makes it wait for another writer instead.
// Destroyed without commit() — an exception on the way — it rolls everything back.
class WriteTransaction {
public:
    WriteTransaction(sqlite3* db, const std::string& path);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;
    void commit();

private:
    sqlite3* db_;
    const std::string& path_;
    bool open_ = true;
};

// Switches foreign-key enforcement off for the lifetime of the object, for a bulk write whose
// code inserts every parent row before its children. Checking each of two million curve points
// against its curve cost a fifth of a large import; the tests run PRAGMA foreign_key_check after
// every kind of write instead. Must be created outside a transaction (SQLite ignores the pragma
// inside one, which then simply keeps the checks on).
class ForeignKeysSuspended {
public:
    ForeignKeysSuspended(sqlite3* db, const std::string& path);
    ~ForeignKeysSuspended();
    ForeignKeysSuspended(const ForeignKeysSuspended&) = delete;
    ForeignKeysSuspended& operator=(const ForeignKeysSuspended&) = delete;

private:
    sqlite3* db_;
};

// Caps the connection's page cache at maxKiB for the lifetime of the object, then gives it back its
// size. A read that passes over each page once gains nothing from a large cache, while every page
// the cache newly holds is fresh memory the system must fault in.
class PageCacheLimit {
public:
    PageCacheLimit(sqlite3* db, const std::string& path, std::int64_t maxKiB);
    ~PageCacheLimit();
    PageCacheLimit(const PageCacheLimit&) = delete;
    PageCacheLimit& operator=(const PageCacheLimit&) = delete;

private:
    sqlite3* db_;
    std::int64_t previous_ = 0;  // as PRAGMA cache_size gave it: pages, or KiB when negative
    bool lowered_ = false;
};

// A read transaction, so that the several queries of one operation see one snapshot even while
// another connection commits between them.
class ReadTransaction {
public:
    ReadTransaction(sqlite3* db, const std::string& path);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

private:
    sqlite3* db_;
    bool owned_ = false;
};

} // namespace tendril::store
