#include "text_table.hpp"

#include "tendril/core/value.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tendril::cli {

namespace {
// Display width in code points, so that names with non-ASCII letters still line up.
std::size_t displayWidth(const std::string& s)
{
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}
} // namespace

TextTable::TextTable(std::vector<std::string> header, std::vector<bool> rightAligned)
    : header_(std::move(header)), right_(std::move(rightAligned))
{
    right_.resize(header_.size(), false);
}

void TextTable::addRow(std::vector<std::string> cells)
{
    cells.resize(header_.size());
    rows_.push_back(std::move(cells));
}

void TextTable::print(std::ostream& out) const
{
    std::vector<std::size_t> width(header_.size());
    for (std::size_t c = 0; c < header_.size(); ++c) {
        width[c] = displayWidth(header_[c]);
        for (const auto& row : rows_)
            width[c] = std::max(width[c], displayWidth(row[c]));
    }
    auto emit = [&](const std::vector<std::string>& cells) {
        std::string line;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::size_t pad = width[c] - displayWidth(cells[c]);
            const bool last = c + 1 == cells.size();
            if (right_[c])
                line.append(pad, ' ').append(cells[c]);
            else
                line.append(cells[c]).append(last ? 0 : pad, ' ');
            if (!last)
                line += "  ";
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out << line << '\n';
    };
    emit(header_);
    for (const auto& row : rows_)
        emit(row);
}

std::string displayNumber(double v)
{
    if (!std::isfinite(v))
        return formatDouble(v);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

} // namespace tendril::cli
