// Which hyperparameter axes the search-space overview shows, and in which order. The objective is
// always the last axis and is not part of this list. Widget-free: tested directly.
//
// The order starts as the search space's (the table's parameter columns), turns to importance
// order when the first importance result arrives (most important next to the objective, as the
// paper's bars read from right to left), and becomes the user's own once they drag an axis. Hidden
// axes keep their place in the order, so showing one again puts it back where it was.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace tendril::app::space {

class AxisOrder {
public:
    enum class Mode { Space, Importance, Manual };

    // The parameter columns in the space's order; forgets hiding and manual moves.
    void reset(std::vector<std::size_t> columns);
    // Keeps the order and hiding of columns still present (by the name each had), appends new
    // ones in the given order: a reload of the same studies keeps the user's arrangement.
    void carryOver(const std::vector<std::size_t>& columns, const std::vector<std::string>& oldNames,
                   const std::vector<std::string>& newNames);

    const std::vector<std::size_t>& columns() const { return columns_; }
    Mode mode() const { return mode_; }

    bool hidden(std::size_t column) const;
    void setHidden(std::size_t column, bool hidden);
    void showAll() { hidden_.clear(); }
    // The shown columns, left to right.
    std::vector<std::size_t> shown() const;

    // The shown axis at position from moves to position to (both among the shown axes); hidden
    // ones keep their place relative to their neighbours. The order becomes the user's.
    void move(std::size_t from, std::size_t to);
    // Least important on the left, most important last (next to the objective); columns without
    // an importance keep the space's relative order, left of the others. Ties keep the current
    // order. importance is keyed by column.
    void sortByImportance(const std::map<std::size_t, double>& importance);
    // Back to the space's order.
    void sortAsSpace();

private:
    std::vector<std::size_t> space_;    // the space's order
    std::vector<std::size_t> columns_;  // the current order
    std::vector<std::size_t> hidden_;
    Mode mode_ = Mode::Space;
};

// Where a title dragged to x lands among axes at xs (left to right): the index of the nearest.
std::size_t nearestAxis(const std::vector<double>& xs, double x);

} // namespace tendril::app::space
