// Inserting many small rows into one table, several rows per statement execution.
#pragma once

#include "sqlite_util.hpp"

#include "tendril/core/value.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tendril::store {

// One value to insert. Text is not copied: it must stay alive until the batch is flushed, which
// holds for text owned by the studies being written and for string literals.
struct Cell {
    enum class Kind { Null, Int, Real, Text } kind = Kind::Null;
    std::int64_t integer = 0;
    double real = 0.0;
    std::string_view text;

    static Cell null() { return {}; }
    static Cell of(std::int64_t v) { return {Kind::Int, v, 0.0, {}}; }
    static Cell of(double v) { return {Kind::Real, 0, v, {}}; }
    static Cell of(std::string_view v) { return {Kind::Text, 0, 0.0, v}; }
};

// Buffers rows and inserts them with a multi-row INSERT of kRowsPerStatement rows at a time.
// Running one statement per row spends most of its time opening and closing cursors; for the two
// million curve points of a large import, batching nearly halves the time of addStudies.
// Parent rows must be inserted before the children that refer to them. A constraint violation
// leaves the rows before it in place: use it only inside a transaction that is rolled back on
// any error.
class BatchInsert {
public:
    static constexpr int kRowsPerStatement = 64;

    // table: "curve_points (curve_id, seq, step, value, seconds)"; columns: how many are named.
    BatchInsert(sqlite3* db, const std::string& path, std::string_view table, int columns);

    // Queues one row of exactly `columns` cells; inserts a full batch when one is ready.
    void add(std::initializer_list<Cell> row);
    // Inserts every queued row.
    void flush();
    // Drops the queued rows unwritten: after a failure, so that an object kept for the next
    // transaction does not carry rows of the one that was rolled back into it.
    void discard() { pending_.clear(); }

private:
    static void bindCell(Statement& s, int index, const Cell& c);

    int columns_;
    Statement many_;
    Statement one_;
    std::vector<Cell> pending_;
};

// A Value as the two cells (kind, value) of the schema's typed-value columns; see value_codec.hpp.
Cell kindCell(const Value& v);
Cell valueCell(const Value& v);

} // namespace tendril::store
