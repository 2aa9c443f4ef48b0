// Aligned plain-text tables for the human-readable output of tendril-cli.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace tendril::cli {

class TextTable {
public:
    explicit TextTable(std::vector<std::string> header, std::vector<bool> rightAligned = {});
    void addRow(std::vector<std::string> cells);
    void print(std::ostream& out) const;

private:
    std::vector<std::string> header_;
    std::vector<bool> right_;
    std::vector<std::vector<std::string>> rows_;
};

// Compact display of a metric value: 6 significant digits, NaN/Infinity spelled out.
std::string displayNumber(double v);

} // namespace tendril::cli
