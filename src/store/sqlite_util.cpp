#include "sqlite_util.hpp"

namespace tendril::store {

void fail(const std::string& path, const std::string& what)
{
    throw StoreError(path + ": " + what);
}

void failSqlite(sqlite3* db, const std::string& path, const std::string& doing)
{
    fail(path, doing + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

void exec(sqlite3* db, const std::string& path, const char* sql)
{
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string text = message ? message : sqlite3_errmsg(db);
        sqlite3_free(message);
        fail(path, text);
    }
}

std::int64_t queryInt(sqlite3* db, const std::string& path, const char* sql)
{
    Statement s(db, path, sql);
    if (!s.step())
        fail(path, std::string("no result from ") + sql);
    return s.intAt(0);
}

Statement::Statement(sqlite3* db, const std::string& path, std::string_view sql) : db_(db), path_(path)
{
    // Statements are kept for a whole operation and run thousands of times; PERSISTENT tells
    // SQLite not to take their memory from its small lookaside pool.
    if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                           nullptr) != SQLITE_OK)
        failSqlite(db, path, "cannot prepare query");
}

Statement::~Statement()
{
    sqlite3_finalize(stmt_);
}

void Statement::reset()
{
    sqlite3_reset(stmt_);
}

void Statement::bindInt(int index, std::int64_t v)
{
    sqlite3_bind_int64(stmt_, index, v);
}

void Statement::bindReal(int index, double v)
{
    sqlite3_bind_double(stmt_, index, v);
}

void Statement::bindText(int index, std::string_view v)
{
    sqlite3_bind_text64(stmt_, index, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void Statement::bindNull(int index)
{
    sqlite3_bind_null(stmt_, index);
}

void Statement::bindTextOrNull(int index, std::string_view v)
{
    if (v.empty())
        bindNull(index);
    else
        bindText(index, v);
}

void Statement::bindOptionalInt(int index, const std::optional<std::int64_t>& v)
{
    if (v)
        bindInt(index, *v);
    else
        bindNull(index);
}

void Statement::bindOptionalReal(int index, const std::optional<double>& v)
{
    if (v)
        bindReal(index, *v);
    else
        bindNull(index);
}

bool Statement::step()
{
    switch (sqlite3_step(stmt_)) {
    case SQLITE_ROW: return true;
    case SQLITE_DONE: return false;
    default: {
        // The statement's error text is only reliable before reset; copy it first.
        const std::string message = sqlite3_errmsg(db_);
        sqlite3_reset(stmt_);
        fail(path_, message);
    }
    }
}

void Statement::run()
{
    while (step()) {
    }
    reset();
}

std::string Statement::textAt(int col) const
{
    return std::string(textView(col));
}

std::string_view Statement::textView(int col) const
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (!text)
        return {};
    return {text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))};
}

std::optional<std::int64_t> Statement::optionalInt(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return intAt(col);
}

std::optional<double> Statement::optionalReal(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return sqlite3_column_double(stmt_, col);
}

WriteTransaction::WriteTransaction(sqlite3* db, const std::string& path) : db_(db), path_(path)
{
    if (sqlite3_db_readonly(db, "main") == 1)
        fail(path, "cannot write: the project is open read-only");
    exec(db, path, "BEGIN IMMEDIATE");
}

WriteTransaction::~WriteTransaction()
{
    // A failed statement may already have ended the transaction; ROLLBACK would then only fail.
    if (open_ && !sqlite3_get_autocommit(db_))
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void WriteTransaction::commit()
{
    exec(db_, path_, "COMMIT");
    open_ = false;
}

ForeignKeysSuspended::ForeignKeysSuspended(sqlite3* db, const std::string& path) : db_(db)
{
    exec(db, path, "PRAGMA foreign_keys = OFF");
}

ForeignKeysSuspended::~ForeignKeysSuspended()
{
    sqlite3_exec(db_, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
}

PageCacheLimit::PageCacheLimit(sqlite3* db, const std::string& path, std::int64_t maxKiB) : db_(db)
{
    previous_ = queryInt(db, path, "PRAGMA cache_size");
    const std::int64_t previousKiB =
        previous_ < 0 ? -previous_ : previous_ * queryInt(db, path, "PRAGMA page_size") / 1024;
    if (previousKiB <= maxKiB)
        return;
    exec(db, path, ("PRAGMA cache_size = -" + std::to_string(maxKiB)).c_str());
    lowered_ = true;
}

PageCacheLimit::~PageCacheLimit()
{
    if (lowered_)
        sqlite3_exec(db_, ("PRAGMA cache_size = " + std::to_string(previous_)).c_str(), nullptr, nullptr, nullptr);
}

ReadTransaction::ReadTransaction(sqlite3* db, const std::string& path) : db_(db)
{
    // Inside a transaction the caller opened through handle(), its snapshot already holds.
    if (sqlite3_get_autocommit(db)) {
        exec(db, path, "BEGIN");
        owned_ = true;
    }
}

ReadTransaction::~ReadTransaction()
{
    // Ending a transaction that only read cannot lose anything; ROLLBACK releases the snapshot.
    if (owned_ && !sqlite3_get_autocommit(db_))
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

} // namespace tendril::store
