#include "batch_insert.hpp"

#include "value_codec.hpp"

namespace tendril::store {

namespace {

std::string insertSql(std::string_view table, int columns, int rows)
{
    std::string row = "(";
    for (int c = 0; c < columns; ++c)
        row += c ? ", ?" : "?";
    row += ")";
    // OR FAIL: a statement that breaks a constraint stops without undoing its earlier rows, so
    // SQLite needs no statement journal for it; the caller rolls back the whole transaction.
    std::string sql = "INSERT OR FAIL INTO " + std::string(table) + " VALUES ";
    for (int r = 0; r < rows; ++r) {
        if (r)
            sql += ", ";
        sql += row;
    }
    return sql;
}

} // namespace

BatchInsert::BatchInsert(sqlite3* db, const std::string& path, std::string_view table, int columns)
    : columns_(columns),
      many_(db, path, insertSql(table, columns, kRowsPerStatement)),
      one_(db, path, insertSql(table, columns, 1))
{
    pending_.reserve(static_cast<std::size_t>(columns) * kRowsPerStatement);
}

void BatchInsert::add(std::initializer_list<Cell> row)
{
    pending_.insert(pending_.end(), row.begin(), row.end());
    if (pending_.size() == static_cast<std::size_t>(columns_) * kRowsPerStatement) {
        for (std::size_t i = 0; i < pending_.size(); ++i)
            bindCell(many_, static_cast<int>(i) + 1, pending_[i]);
        many_.run();
        pending_.clear();
    }
}

void BatchInsert::flush()
{
    for (std::size_t row = 0; row < pending_.size(); row += static_cast<std::size_t>(columns_)) {
        for (int c = 0; c < columns_; ++c)
            bindCell(one_, c + 1, pending_[row + static_cast<std::size_t>(c)]);
        one_.run();
    }
    pending_.clear();
}

void BatchInsert::bindCell(Statement& s, int index, const Cell& c)
{
    switch (c.kind) {
    case Cell::Kind::Null: s.bindNull(index); break;
    case Cell::Kind::Int: s.bindInt(index, c.integer); break;
    case Cell::Kind::Real: s.bindReal(index, c.real); break;
    case Cell::Kind::Text: s.bindText(index, c.text); break;
    }
}

Cell kindCell(const Value& v)
{
    return Cell::of(kindName(v.kind()));
}

Cell valueCell(const Value& v)
{
    switch (v.kind()) {
    case Value::Kind::Null: return Cell::null();
    case Value::Kind::Bool: return Cell::of(std::int64_t{v.asBool() ? 1 : 0});
    case Value::Kind::Int: return Cell::of(v.asInt());
    case Value::Kind::Real: return Cell::of(v.asReal());
    case Value::Kind::String: return Cell::of(std::string_view(v.asString()));
    }
    return Cell::null();
}

} // namespace tendril::store
