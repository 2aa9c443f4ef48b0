// The importance matrix as data (paper 5.3.2, Fig. 5B): one column per hyperparameter the engine
// analysed, one row per term (a single parameter or a pair) ordered by importance. Built from the
// engine's report without changing a number, so the view shows exactly what the analysis found.
// Widget-free: tested directly against analyzeImportance.
#pragma once

#include "tendril/engine/importance.hpp"

#include <QString>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace tendril::app::importance {

// What a row is about: one parameter (second empty) or a pair, named as the engine names it. A
// term keeps its identity across analyses, so a chosen row survives a refit.
struct TermKey {
    std::string first;
    std::string second;

    bool isPair() const { return !second.empty(); }
    friend bool operator==(const TermKey&, const TermKey&) = default;
};

struct MatrixColumn {
    std::string param;
    double importance = 0.0;  // the parameter's own (single) term
    double std = 0.0;
    bool constant = false;    // one value in the analysed trials
};

struct ImportanceTerm {
    TermKey key;
    int firstColumn = -1;   // matrix columns of the term's parameters
    int secondColumn = -1;  // -1 for a single
    double importance = 0.0;  // fraction of the variance, as the engine reports it
    double std = 0.0;         // over trees
    bool constant = false;    // a single whose parameter has one value: importance 0 by definition

    bool isPair() const { return key.isPair(); }
    // "learning_rate" or "alpha × learning_rate".
    QString label() const;
};

struct ImportanceMatrix {
    // In the order of the report's singles: most important first, constant parameters last.
    std::vector<MatrixColumn> columns;
    // Singles and pairs together, most important first; equal importances keep singles before
    // pairs and the engine's order within each kind.
    std::vector<ImportanceTerm> terms;

    bool empty() const { return terms.empty(); }
    int columnOf(const std::string& param) const;  // -1 when absent
    std::optional<std::size_t> find(const TermKey& key) const;
    // The largest importance + std of any term: what the bars are scaled to.
    double largestExtent() const;
};

ImportanceMatrix buildMatrix(const engine::ImportanceReport& report);

// "41.2 % ± 3.1": the share in percent with one decimal and its spread in percentage points.
QString formatShare(double importance, double std);

} // namespace tendril::app::importance
