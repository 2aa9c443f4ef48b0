#include "tendril/engine/dataset.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string>

namespace tendril::engine {
namespace {

// Shortest text that reads back as the same double, so messages show the offending value exactly.
std::string number(double v)
{
    if (std::isnan(v))
        return "NaN";
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    return std::string(buffer, result.ptr);
}

void validateDomain(const ColumnDomain& d, std::size_t col)
{
    if (d.categories < 0)
        throw std::invalid_argument("dataset column " + std::to_string(col) +
                                    ": categories must be 0 (numeric) or positive, got " +
                                    std::to_string(d.categories));
    if (!d.isCategorical() && !(std::isfinite(d.low) && std::isfinite(d.high) && d.low <= d.high))
        throw std::invalid_argument("dataset column " + std::to_string(col) +
                                    ": numeric bounds must be finite with low <= high, got [" +
                                    number(d.low) + ", " + number(d.high) + "]");
}

void validateColumn(std::span<const double> values, const ColumnDomain& d, std::size_t col)
{
    for (std::size_t row = 0; row < values.size(); ++row) {
        const double v = values[row];
        if (!std::isfinite(v))
            throw std::invalid_argument("dataset column " + std::to_string(col) + ", row " +
                                        std::to_string(row) + ": value is " + number(v) +
                                        ", expected a finite number");
        if (d.isCategorical() && !(v >= 0.0 && v < d.categories && v == std::floor(v)))
            throw std::invalid_argument("dataset column " + std::to_string(col) + ", row " +
                                        std::to_string(row) + ": categorical value " + number(v) +
                                        " is not an integer in 0.." +
                                        std::to_string(d.categories - 1));
    }
}

} // namespace

Dataset::Dataset(std::vector<ColumnDomain> columns, std::vector<double> x, std::vector<double> y)
    : domains_(std::move(columns)), x_(std::move(x)), y_(std::move(y))
{
    const std::size_t n = y_.size();
    const std::size_t d = domains_.size();
    if (x_.size() != n * d)
        throw std::invalid_argument("dataset: x has " + std::to_string(x_.size()) +
                                    " values, expected rows * columns = " + std::to_string(n) +
                                    " * " + std::to_string(d) + " = " + std::to_string(n * d));
    for (std::size_t col = 0; col < d; ++col) {
        validateDomain(domains_[col], col);
        validateColumn(column(col), domains_[col], col);
    }
    for (std::size_t row = 0; row < n; ++row)
        if (!std::isfinite(y_[row]))
            throw std::invalid_argument("dataset row " + std::to_string(row) + ": response is " +
                                        number(y_[row]) + ", expected a finite number");
}

std::span<const double> Dataset::column(std::size_t col) const
{
    if (col >= cols())
        throw std::out_of_range("dataset column " + std::to_string(col) + " out of range (" +
                                std::to_string(cols()) + " columns)");
    return {x_.data() + col * rows(), rows()};
}

std::vector<double> Dataset::row(std::size_t row) const
{
    if (row >= rows())
        throw std::out_of_range("dataset row " + std::to_string(row) + " out of range (" +
                                std::to_string(rows()) + " rows)");
    std::vector<double> values(cols());
    for (std::size_t col = 0; col < cols(); ++col)
        values[col] = value(row, col);
    return values;
}

} // namespace tendril::engine
