// The trials of the studies shown in the views, as columns of numbers: what every view draws from
// and what the selection hub evaluates brushes on.
//
// One row per trial of every shown study, in study order then trial order. A column is a
// hyperparameter or a metric across all those studies; studies with different spaces share a
// column by name, and a trial without the value holds NaN. Categorical values are stored as the
// index of their category, so every brush is a range test on doubles. A table is immutable once
// built; a data change builds a new one, and views keep rows by TrialKey across rebuilds.
#pragma once

#include "tendril/core/study.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tendril::app {

// A trial's identity across reloads: the study's row id in the project and the trial's number.
using TrialKey = std::uint64_t;
inline TrialKey makeTrialKey(std::int64_t studyId, std::int64_t trialNumber)
{
    return (static_cast<std::uint64_t>(studyId) << 32) | (static_cast<std::uint64_t>(trialNumber) & 0xffffffffu);
}

struct TableColumn {
    enum class Kind { Param, Metric };
    Kind kind = Kind::Param;
    std::string name;
    bool categorical = false;
    std::vector<Value> categories;           // categorical: the value of each index
    bool log = false;                        // a log-scaled parameter of the space
    std::optional<Direction> direction;      // a metric's preferred direction, when known
    double low = 0.0, high = 0.0;            // declared range of a parameter, else observed (finite) range
    std::vector<double> values;              // one per row; NaN when absent or not a number

    // The text of a stored value: the category for categorical columns, the number otherwise.
    std::string label(double v) const;
};

// A shown study with its store id (from StudySummary).
struct ShownStudy {
    std::int64_t id = 0;
    std::shared_ptr<const Study> study;
};

class TrialTable {
public:
    TrialTable() = default;
    explicit TrialTable(std::vector<ShownStudy> studies);

    std::size_t rows() const { return keys_.size(); }
    std::size_t studyCount() const { return studies_.size(); }
    const Study& study(std::size_t studyIndex) const { return *studies_[studyIndex].study; }
    std::int64_t studyId(std::size_t studyIndex) const { return studies_[studyIndex].id; }

    TrialKey key(std::size_t row) const { return keys_[row]; }
    std::size_t studyOf(std::size_t row) const { return studyOfRow_[row]; }
    const Trial& trial(std::size_t row) const;
    std::optional<std::size_t> rowOf(TrialKey key) const;

    const std::vector<TableColumn>& columns() const { return columns_; }
    // Index of the parameter or metric column of this name; nullopt when absent.
    std::optional<std::size_t> column(TableColumn::Kind kind, const std::string& name) const;
    std::optional<std::size_t> paramColumn(const std::string& name) const { return column(TableColumn::Kind::Param, name); }
    std::optional<std::size_t> metricColumn(const std::string& name) const { return column(TableColumn::Kind::Metric, name); }

    // The first shown study's objective: what "better" means in the views.
    const Objective* objective() const;
    // The objective column, when the objective metric was reported by any trial.
    std::optional<std::size_t> objectiveColumn() const;

private:
    void addParamColumns();
    void addMetricColumns();
    TableColumn& columnFor(TableColumn::Kind kind, const std::string& name);
    void finishRanges();

    std::vector<ShownStudy> studies_;
    std::vector<TrialKey> keys_;
    std::vector<std::size_t> studyOfRow_;
    std::vector<std::size_t> trialOfRow_;
    std::vector<TableColumn> columns_;
    std::unordered_map<std::string, std::size_t> columnIndex_;  // "p:" or "m:" + name
    std::unordered_map<TrialKey, std::size_t> rowIndex_;
};

} // namespace tendril::app
