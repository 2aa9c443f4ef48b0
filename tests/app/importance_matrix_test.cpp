// The importance matrix as data and as geometry: rows are the engine's numbers, unchanged and in
// its order; pair rows join the right columns; bars and numbers sit where the layout says.
#include "views/importance/importance_terms.hpp"
#include "views/importance/matrix_layout.hpp"

#include "tendril/engine/importance.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

using namespace tendril;
using namespace tendril::app;
using namespace tendril::app::importance;

namespace tendril::app::importance {
// Readable term keys in assertion messages.
inline void PrintTo(const TermKey& key, std::ostream* out)
{
    *out << '"' << key.first << (key.isPair() ? " x " + key.second : std::string()) << '"';
}
} // namespace tendril::app::importance

namespace {

// acc depends on lr (log), on optimizer, on an lr × dropout interaction; "seed" never changes.
Study matrixStudy(int trials)
{
    Study study;
    study.name = "matrix";
    study.objective = {"acc", Direction::Maximize};
    study.space.params = {Param::floatRange("lr", 1e-5, 1e-1, true), Param::floatRange("dropout", 0.0, 0.5),
                          Param::categorical("optimizer", {"sgd", "adam", "rmsprop"}), Param::intRange("seed", 1, 1)};
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const char* optimizers[] = {"sgd", "adam", "rmsprop"};
    for (int i = 0; i < trials; ++i) {
        Trial t;
        t.id = "t" + std::to_string(i);
        t.number = i;
        const double logLr = -5 + 4 * unit(rng);
        const double dropout = 0.5 * unit(rng);
        const int optimizer = static_cast<int>(3 * unit(rng)) % 3;
        t.setParam("lr", Value(std::pow(10.0, logLr)));
        t.setParam("dropout", Value(dropout));
        t.setParam("optimizer", Value(optimizers[optimizer]));
        t.setParam("seed", Value(std::int64_t{1}));
        const double acc = 0.9 - 0.1 * std::abs(logLr + 3) + 0.02 * optimizer + 0.2 * (dropout - 0.25) * (logLr + 3);
        t.setMetric("acc", acc);
        study.trials.push_back(std::move(t));
    }
    return study;
}

engine::ImportanceReport analyse(const Study& study)
{
    engine::ImportanceOptions options;
    options.pairs = true;
    options.forest.trees = 16;
    return engine::analyzeImportance(study, options);
}

} // namespace

TEST(ImportanceMatrix, RowsAreTheEnginesTermsInItsOrderWithItsNumbers)
{
    const engine::ImportanceReport report = analyse(matrixStudy(200));
    const ImportanceMatrix matrix = buildMatrix(report);

    ASSERT_EQ(matrix.columns.size(), report.params.size());
    for (std::size_t c = 0; c < report.params.size(); ++c) {
        EXPECT_EQ(matrix.columns[c].param, report.params[c].name);
        EXPECT_EQ(matrix.columns[c].importance, report.params[c].importance);
        EXPECT_EQ(matrix.columns[c].std, report.params[c].std);
        EXPECT_EQ(matrix.columns[c].constant, report.params[c].constant);
    }
    ASSERT_EQ(matrix.terms.size(), report.params.size() + report.pairs.size());
    // Every single and every pair appears once, with the engine's numbers.
    std::size_t singles = 0, pairs = 0;
    for (const ImportanceTerm& term : matrix.terms) {
        if (!term.isPair()) {
            const auto& p = report.params[static_cast<std::size_t>(term.firstColumn)];
            EXPECT_EQ(term.key.first, p.name);
            EXPECT_EQ(term.importance, p.importance);
            EXPECT_EQ(term.std, p.std);
            EXPECT_EQ(term.constant, p.constant);
            ++singles;
            continue;
        }
        const auto found = std::find_if(report.pairs.begin(), report.pairs.end(), [&](const engine::PairImportance& p) {
            return p.first == term.key.first && p.second == term.key.second;
        });
        ASSERT_NE(found, report.pairs.end()) << term.label().toStdString();
        EXPECT_EQ(term.importance, found->importance);
        EXPECT_EQ(term.std, found->std);
        EXPECT_FALSE(term.constant);
        ++pairs;
    }
    EXPECT_EQ(singles, report.params.size());
    EXPECT_EQ(pairs, report.pairs.size());
    // Most important first; equal importances keep singles first, in the engine's order.
    for (std::size_t i = 1; i < matrix.terms.size(); ++i) {
        const ImportanceTerm& a = matrix.terms[i - 1];
        const ImportanceTerm& b = matrix.terms[i];
        ASSERT_GE(a.importance, b.importance) << i;
        if (a.importance == b.importance) {
            EXPECT_FALSE(a.isPair() && !b.isPair()) << "a single after a pair of equal importance at " << i;
        }
    }
    // The data was built so lr matters most, and the constant parameter is flagged.
    EXPECT_EQ(matrix.terms.front().key, (TermKey{"lr", {}}));
    const auto seed = matrix.find({"seed", {}});
    ASSERT_TRUE(seed.has_value());
    EXPECT_TRUE(matrix.terms[*seed].constant);
    EXPECT_EQ(matrix.terms[*seed].importance, 0.0);
    EXPECT_TRUE(matrix.columns.back().constant);
}

TEST(ImportanceMatrix, PairRowsJoinTheColumnsOfTheirParameters)
{
    const ImportanceMatrix matrix = buildMatrix(analyse(matrixStudy(120)));
    const MatrixLayout layout(matrix.columns.size(), matrix.terms.size(), 600, barScaleMax(matrix.largestExtent()), {});
    std::set<std::pair<int, int>> seen;
    for (std::size_t row = 0; row < matrix.terms.size(); ++row) {
        const ImportanceTerm& term = matrix.terms[row];
        EXPECT_EQ(term.firstColumn, matrix.columnOf(term.key.first));
        if (!term.isPair()) {
            EXPECT_EQ(term.secondColumn, -1);
            continue;
        }
        ASSERT_EQ(term.secondColumn, matrix.columnOf(term.key.second));
        EXPECT_NE(term.firstColumn, term.secondColumn);
        seen.insert(std::minmax(term.firstColumn, term.secondColumn));
        // The two dots of the row lie on the row's centre line, under their columns' names.
        const QPointF a = layout.dot(row, term.firstColumn), b = layout.dot(row, term.secondColumn);
        EXPECT_DOUBLE_EQ(a.y(), layout.rowRect(row).center().y());
        EXPECT_DOUBLE_EQ(a.y(), b.y());
        EXPECT_DOUBLE_EQ(a.x(), layout.columnHeader(term.firstColumn).center().x());
        EXPECT_DOUBLE_EQ(b.x(), layout.columnHeader(term.secondColumn).center().x());
        EXPECT_EQ(layout.columnAt(a), term.firstColumn);
        EXPECT_EQ(layout.columnAt(b), term.secondColumn);
        EXPECT_EQ(layout.rowAt(a), row);
    }
    // Four parameters: every one of the six pairs has its row.
    EXPECT_EQ(seen.size(), 6u);
}

TEST(ImportanceMatrix, LayoutPlacesRowsBarsAndNumbers)
{
    const MatrixMetrics metrics;
    const MatrixLayout layout(6, 10, 700, 0.6, metrics);
    EXPECT_LE(layout.columnWidth(), metrics.maxColumnWidth);
    EXPECT_DOUBLE_EQ(layout.rowRect(0).top(), metrics.headerHeight);
    EXPECT_DOUBLE_EQ(layout.rowRect(3).top(), metrics.headerHeight + 3 * metrics.rowHeight);
    EXPECT_DOUBLE_EQ(layout.height(), metrics.headerHeight + 10 * metrics.rowHeight + metrics.margin);
    EXPECT_FALSE(layout.rowAt({50, metrics.headerHeight - 1}).has_value());
    EXPECT_EQ(layout.rowAt({50, metrics.headerHeight + 9.5 * metrics.rowHeight}), 9u);
    EXPECT_FALSE(layout.rowAt({50, metrics.headerHeight + 10.5 * metrics.rowHeight}).has_value());
    // Bars start right of the last column and run to barMax at the right of their area.
    const QRectF bars = layout.barArea();
    EXPECT_GT(bars.left(), layout.columnX(5) + layout.columnWidth() / 2);
    EXPECT_DOUBLE_EQ(layout.barPixel(0.0), bars.left());
    EXPECT_DOUBLE_EQ(layout.barPixel(0.6), bars.right());
    EXPECT_DOUBLE_EQ(layout.barPixel(0.3), bars.left() + bars.width() / 2);
    EXPECT_DOUBLE_EQ(layout.barPixel(0.9), bars.right());  // clamped
    EXPECT_GE(layout.shareText(0).left(), bars.right());
    EXPECT_LE(layout.shareText(0).right(), 700.0);

    // A narrow dock: the columns shrink to their minimum, the bars keep theirs.
    const MatrixLayout narrow(8, 4, 380, 0.6, metrics);
    EXPECT_GE(narrow.columnWidth(), metrics.minColumnWidth);
    EXPECT_GE(narrow.barArea().width(), metrics.minBarWidth);
    EXPECT_LE(narrow.minimumWidth(), 420.0);
}

TEST(ImportanceMatrix, BarScaleRoundsUpToAStep)
{
    EXPECT_DOUBLE_EQ(barScaleMax(0.43), 0.6);
    EXPECT_DOUBLE_EQ(barScaleMax(0.07), 0.08);
    EXPECT_DOUBLE_EQ(barScaleMax(0.8), 0.8);
    EXPECT_DOUBLE_EQ(barScaleMax(0.0), 0.01);
    EXPECT_DOUBLE_EQ(barScaleMax(1.3), 1.0);
    for (const double extent : {0.013, 0.21, 0.55, 0.97})
        EXPECT_GE(barScaleMax(extent), extent);
}

TEST(ImportanceMatrix, SharesReadAsPercentWithTheirSpread)
{
    EXPECT_EQ(formatShare(0.412, 0.031), QStringLiteral("41.2 % ± 3.1"));
    EXPECT_EQ(formatShare(0.0, 0.0), QStringLiteral("0.0 % ± 0.0"));
    EXPECT_EQ(formatShare(1.0, 0.0004), QStringLiteral("100.0 % ± 0.0"));
    ImportanceTerm pair;
    pair.key = {"alpha", "lr"};
    EXPECT_EQ(pair.label(), QStringLiteral("alpha × lr"));
}

TEST(ImportanceMatrix, ANoteWithoutRankingGivesZeroRows)
{
    Study study = matrixStudy(1);
    const engine::ImportanceReport report = analyse(study);
    ASSERT_FALSE(report.note.empty());
    const ImportanceMatrix matrix = buildMatrix(report);
    for (const ImportanceTerm& term : matrix.terms)
        EXPECT_EQ(term.importance, 0.0);
    EXPECT_EQ(matrix.largestExtent(), 0.0);
}
