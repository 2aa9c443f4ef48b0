// The search-space overview's brushes as data: which trials they keep, the "top k %" range on the
// objective, and the brushes as numbers a user can read and type. Widget-free: tested directly.
//
// A brush is the hub's Brush: ranges on table columns, several ranges on one column being
// alternatives (a trial passes when one of them holds it) and ranges on different columns all
// having to hold.
#pragma once

#include "session/selection_hub.hpp"
#include "session/trial_table.hpp"

#include <QString>

#include <optional>
#include <vector>

namespace tendril::app::space {

// One flag per table row: passes every column the brush names (an empty brush keeps every row).
std::vector<char> rowsPassing(const TrialTable& table, const Brush& brush);

// The positions in brush of the ranges on column, in brush order.
std::vector<std::size_t> rangesOn(const Brush& brush, std::size_t column);
// brush without the ranges on column.
Brush withoutColumn(const Brush& brush, std::size_t column);

// The range of the objective column that keeps the best fraction (0, 1] of the rows flagged in
// among that report a value: [cutoff, highest] when maximising, [lowest, cutoff] when minimising,
// where cutoff is the value of the last trial kept (ties at the cutoff are kept too). At least
// one trial is kept. nullopt when no flagged row has a value.
std::optional<ColumnRange> bestFractionRange(const TableColumn& objective, std::size_t column, Direction direction,
                                             const std::vector<char>& among, double fraction);

// A range as the brush list shows it: "0.001 – 0.02" for numbers, "relu, tanh" for categories.
QString rangeLowText(const TableColumn& column, const ColumnRange& range);
QString rangeHighText(const TableColumn& column, const ColumnRange& range);
QString rangeText(const TableColumn& column, const ColumnRange& range);

// A numeric end typed by the user, or the reason it is not one ("expected a number, got 'abc'").
struct ParsedNumber {
    std::optional<double> value;
    QString error;
};
ParsedNumber parseNumber(const QString& text);

// Categories typed by the user as their labels separated by commas ("relu, tanh"): their indexes
// in the column, or the reason they cannot be read ("'elu' is not a category of activation;
// expected one of relu, tanh, logistic").
struct ParsedCategories {
    std::vector<int> indexes;
    QString error;
};
ParsedCategories parseCategories(const TableColumn& column, const QString& text);

} // namespace tendril::app::space
