// The importance bars over the axes (HyperTendril Fig. 5a-b) as data: one bar per analysed
// hyperparameter with its fANOVA importance and spread over the trees, most important first, and,
// for the parameter the user activated, its interaction partners with the pair importance.
// Numbers are the engine's (ImportanceService's report), never rescaled. Widget-free.
#pragma once

#include "session/trial_table.hpp"
#include "tendril/engine/importance.hpp"

#include <QString>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tendril::app::space {

struct ImportanceBar {
    std::string param;
    std::optional<std::size_t> column;  // the table's parameter column, when it has one
    double importance = 0.0;            // fraction of the variance (engine: mean over trees)
    double std = 0.0;                   // spread over the trees
    bool constant = false;              // one value in the analysed trials
};

class ImportanceBars {
public:
    // Bars from a finished analysis of the table's trials, in the report's order (most important
    // first). An active parameter the report still analyses stays active.
    void setReport(const engine::ImportanceReport& report, const TrialTable& table);
    void clear();

    bool empty() const { return bars_.empty(); }
    const std::vector<ImportanceBar>& bars() const { return bars_; }
    const ImportanceBar* bar(const std::string& param) const;
    std::size_t trialsUsed() const { return trialsUsed_; }
    // The engine's reason the numbers are all zero ("" when they are not).
    const std::string& note() const { return note_; }
    const std::string& metric() const { return metric_; }
    Direction direction() const { return direction_; }
    // The model the curves and pair tables come from; null when nothing could be fitted.
    const std::shared_ptr<const engine::ImportanceModel>& model() const { return model_; }

    // The largest importance plus its spread, over the bars and every pair: the length a full bar
    // stands for, so singles and pairs are drawn on one scale.
    double scale() const { return scale_; }
    // Importance keyed by table column, for ordering the axes.
    std::map<std::size_t, double> importanceByColumn() const;

    // The parameter whose partners and expected performance are shown; nullopt for none. A
    // parameter without a bar cannot be active.
    void setActive(std::optional<std::string> param);
    const std::optional<std::string>& active() const { return active_; }
    // The pairs with the active parameter, most important first; each bar names the partner.
    // Partners the model did not analyse (a constant parameter) are left out.
    std::vector<ImportanceBar> partners() const;

private:
    std::vector<ImportanceBar> bars_;
    std::vector<engine::PairImportance> pairs_;
    std::shared_ptr<const engine::ImportanceModel> model_;
    std::size_t trialsUsed_ = 0;
    std::string note_;
    std::string metric_;
    Direction direction_ = Direction::Maximize;
    double scale_ = 0.0;
    std::optional<std::string> active_;
    std::map<std::string, std::optional<std::size_t>> columnOf_;
};

// "38 %" (or "0.4 %" below one percent): an importance as the bars label it.
QString importancePercent(double fraction);

} // namespace tendril::app::space
