#include "views/space/axis_order.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tendril::app::space {

void AxisOrder::reset(std::vector<std::size_t> columns)
{
    space_ = columns;
    columns_ = std::move(columns);
    hidden_.clear();
    mode_ = Mode::Space;
}

void AxisOrder::carryOver(const std::vector<std::size_t>& columns, const std::vector<std::string>& oldNames,
                          const std::vector<std::string>& newNames)
{
    const auto columnNamed = [&](std::size_t oldColumn) -> std::ptrdiff_t {
        if (oldColumn >= oldNames.size())
            return -1;
        for (const std::size_t c : columns)
            if (c < newNames.size() && newNames[c] == oldNames[oldColumn])
                return static_cast<std::ptrdiff_t>(c);
        return -1;
    };
    std::vector<std::size_t> order, hidden;
    for (const std::size_t old : columns_)
        if (const auto c = columnNamed(old); c >= 0)
            order.push_back(static_cast<std::size_t>(c));
    for (const std::size_t old : hidden_)
        if (const auto c = columnNamed(old); c >= 0)
            hidden.push_back(static_cast<std::size_t>(c));
    for (const std::size_t c : columns)
        if (std::find(order.begin(), order.end(), c) == order.end())
            order.push_back(c);
    const Mode mode = mode_;
    space_ = columns;
    columns_ = std::move(order);
    hidden_ = std::move(hidden);
    mode_ = mode;
}

bool AxisOrder::hidden(std::size_t column) const
{
    return std::find(hidden_.begin(), hidden_.end(), column) != hidden_.end();
}

void AxisOrder::setHidden(std::size_t column, bool hide)
{
    const auto it = std::find(hidden_.begin(), hidden_.end(), column);
    if (hide && it == hidden_.end() && std::find(columns_.begin(), columns_.end(), column) != columns_.end())
        hidden_.push_back(column);
    else if (!hide && it != hidden_.end())
        hidden_.erase(it);
}

std::vector<std::size_t> AxisOrder::shown() const
{
    std::vector<std::size_t> out;
    for (const std::size_t c : columns_)
        if (!hidden(c))
            out.push_back(c);
    return out;
}

void AxisOrder::move(std::size_t from, std::size_t to)
{
    const std::vector<std::size_t> visible = shown();
    if (from >= visible.size() || to >= visible.size() || from == to)
        return;
    const std::size_t moving = visible[from];
    const std::size_t anchor = visible[to];
    columns_.erase(std::find(columns_.begin(), columns_.end(), moving));
    auto at = std::find(columns_.begin(), columns_.end(), anchor);
    // Moving right lands after the axis it is dropped on, moving left before it.
    if (to > from)
        ++at;
    columns_.insert(at, moving);
    mode_ = Mode::Manual;
}

void AxisOrder::sortByImportance(const std::map<std::size_t, double>& importance)
{
    const auto weight = [&](std::size_t column) {
        const auto it = importance.find(column);
        return it == importance.end() ? -std::numeric_limits<double>::infinity() : it->second;
    };
    std::stable_sort(columns_.begin(), columns_.end(),
                     [&](std::size_t a, std::size_t b) { return weight(a) < weight(b); });
    mode_ = Mode::Importance;
}

void AxisOrder::sortAsSpace()
{
    std::vector<std::size_t> order = space_;
    for (const std::size_t c : columns_)
        if (std::find(order.begin(), order.end(), c) == order.end())
            order.push_back(c);
    columns_ = std::move(order);
    mode_ = Mode::Space;
}

std::size_t nearestAxis(const std::vector<double>& xs, double x)
{
    std::size_t best = 0;
    for (std::size_t i = 1; i < xs.size(); ++i)
        if (std::fabs(xs[i] - x) < std::fabs(xs[best] - x))
            best = i;
    return best;
}

} // namespace tendril::app::space
