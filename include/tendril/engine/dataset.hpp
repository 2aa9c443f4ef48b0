// The design matrix a forest is fitted on: one row per trial, one column per parameter (in the
// scale the analysis integrates on), and the response to explain.
#pragma once

#include "tendril/engine/tree.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace tendril::engine {

// Immutable once built, so a forest and the analyses reading it can trust the validation done at
// construction. Values are column-major (x[col * rows + row]) because the forest scans columns.
class Dataset {
public:
    Dataset() = default;  // no rows, no columns

    // Throws std::invalid_argument naming the first bad column or row when: x does not hold
    // y.size() * columns.size() values; a column declares negative categories or (numeric) bounds
    // that are not finite with low <= high; a value or response is NaN or infinite; a categorical
    // value is not an integer in 0..k-1. Numeric values outside [low, high] are accepted: the
    // bounds describe the measure the analysis integrates over, not the rows the forest learns from.
    Dataset(std::vector<ColumnDomain> columns, std::vector<double> x, std::vector<double> y);

    std::size_t rows() const { return y_.size(); }
    std::size_t cols() const { return domains_.size(); }

    const std::vector<ColumnDomain>& domains() const { return domains_; }
    const ColumnDomain& domain(std::size_t col) const { return domains_.at(col); }

    const std::vector<double>& x() const { return x_; }
    const std::vector<double>& y() const { return y_; }
    std::span<const double> column(std::size_t col) const;
    double value(std::size_t row, std::size_t col) const { return x_[col * rows() + row]; }
    // The values of one row in column order, as Tree::predict and predict(Forest, row) take them.
    std::vector<double> row(std::size_t row) const;

private:
    std::vector<ColumnDomain> domains_;
    std::vector<double> x_;
    std::vector<double> y_;
};

} // namespace tendril::engine
