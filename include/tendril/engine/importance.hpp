// Hyperparameter importance of a study: which hyperparameters explain a metric, alone and in pairs,
// and over which ranges the forest expects good runs. Builds the design matrix from the study,
// fits the forest and decomposes it with fANOVA (docs/importance.md).
#pragma once

#include "tendril/core/study.hpp"
#include "tendril/engine/control.hpp"
#include "tendril/engine/fanova.hpp"
#include "tendril/engine/forest.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tendril::engine {

// Which axis a parameter is integrated on.
enum class ImportanceScale {
    Sampling,  // the scale it is sampled on: log10 for log parameters (Tendril's default)
    Raw        // the raw value, as Optuna and automl/fanova do (for comparison)
};

struct ImportanceOptions {
    std::string metric;  // "" = the study's objective
    // The metric's preferred direction; when absent, the study's declaration (objective or metrics
    // list), else maximize. Only the quantile cutoff depends on it: the variance decomposition is
    // the same for y and -y.
    std::optional<Direction> direction;
    ImportanceScale scale = ImportanceScale::Sampling;
    // When set (0 < q < 1): predictions worse than the best q of the observed values are clamped
    // to that value, so importances describe what it takes to get into the best q.
    std::optional<double> quantile;
    std::vector<TrialState> states = {TrialState::Complete};
    // Only these trials (indices into study.trials), e.g. the ones visible in the views; when
    // absent, every trial. States and finiteness still apply.
    std::optional<std::vector<std::size_t>> trials;
    bool pairs = false;     // also every pairwise interaction
    ForestOptions forest;   // trees, seed, threads, ...
};

struct ParamImportance {
    std::string name;
    double importance = 0.0;  // fraction of the forest's variance (mean over trees)
    double std = 0.0;         // standard deviation over trees
    bool constant = false;    // one value in the analysed trials: importance 0 by definition
};

struct PairImportance {
    std::string first;
    std::string second;
    double importance = 0.0;  // pure interaction term as a fraction of the variance
    double std = 0.0;
};

// A fitted analysis the views can keep asking: marginal curves and pair tables, with their axes
// in the parameters' own values (log parameters are converted back from the log scale).
class ImportanceModel {
public:
    struct Column {
        std::string param;
        bool log = false;          // values stored as log10 in the forest
        bool categorical = false;
        std::vector<Value> choices;  // categorical: the category of each index
    };

    ImportanceModel(Forest forest, std::vector<Column> columns, std::vector<ColumnDomain> domains,
                    const FanovaSetup& setup);
    const std::vector<Column>& columns() const { return columns_; }
    int columnOf(const std::string& param) const;  // -1 when the parameter was not analysed
    const Fanova& fanova() const { return fanova_; }

    // The marginal of one parameter: edges in the parameter's own values (numeric) or one value per
    // choice (categorical). Throws std::invalid_argument for a parameter that was not analysed.
    MarginalCurve curve(const std::string& param, const Control& control = {}) const;
    // The joint marginal of two parameters on bins x bins display cells (numeric axes binned evenly
    // in the integration scale; edges returned in the parameters' own values).
    PairMarginalTable pairTable(const std::string& rowParam, const std::string& colParam, int bins = 48,
                                const Control& control = {}) const;

private:
    Forest forest_;
    std::vector<Column> columns_;
    Fanova fanova_;
    double toValue(int column, double x) const;
};

struct ImportanceReport {
    std::string metric;
    Direction direction = Direction::Maximize;
    ImportanceScale scale = ImportanceScale::Sampling;
    std::size_t trialsUsed = 0;
    std::size_t trialsNotFinite = 0;     // selected trials whose metric is NaN or infinite
    std::size_t trialsMissingMetric = 0; // selected trials that never reported the metric
    std::size_t trialsMissingParams = 0; // dropped because they lack an analysed parameter
    std::vector<std::string> droppedParams;  // present in under half of the trials: not analysed
    std::size_t trees = 0;
    std::size_t treesUsed = 0;  // trees that do not predict a constant
    std::uint64_t seed = 0;
    std::optional<double> cutoff;  // the clamp value when a quantile was asked for
    std::vector<ParamImportance> params;  // most important first
    std::vector<PairImportance> pairs;    // most important first (with options.pairs)
    // Why the numbers are all zero, when they are: "no complete trial reports val_acc", ...
    std::string note;
    double seconds = 0.0;
    std::shared_ptr<const ImportanceModel> model;  // null when nothing could be fitted
};

// Never returns NaN and never fails on degenerate data (no trial, one trial, constant metric,
// constant parameters): those give zero importances and a note. Throws std::invalid_argument for
// bad options (unknown metric, quantile outside (0, 1), invalid forest options, unknown trial
// index) and Cancelled when the control asks to stop.
ImportanceReport analyzeImportance(const Study& study, const ImportanceOptions& options,
                                   const Control& control = {});

std::string_view toString(ImportanceScale scale);

} // namespace tendril::engine
