// What the overview's histograms count: layers per bin (context, shown per study, selected), the
// crossfilter between the overview's own brushes and the other views', and the headline numbers.
#include "session/selection_hub.hpp"
#include "views/overview/histogram_counts.hpp"
#include "views/overview/overview_summary.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

namespace tendril::app::overview {
namespace {

const double kNaN = std::nan("");

// Study a: acc 0.10, 0.15, ... 0.55 for trials 0..9 (trial 8 failed: NaN, trial 9 running, trial 7
// pruned); loss = 1 - acc. Study b: five complete trials with acc 0.30 .. 0.70.
std::shared_ptr<const TrialTable> makeTable()
{
    auto a = std::make_shared<Study>();
    a->name = "a";
    a->objective = {"acc", Direction::Maximize};
    a->metrics = {{"loss", Direction::Minimize}};
    for (int i = 0; i < 10; ++i) {
        Trial t;
        t.id = "a" + std::to_string(i);
        t.number = i;
        const double acc = i == 8 ? kNaN : 0.10 + 0.05 * i;
        t.state = i == 8 ? TrialState::Failed : i == 9 ? TrialState::Running : i == 7 ? TrialState::Pruned
                                                                                         : TrialState::Complete;
        t.setMetric("acc", acc);
        t.setMetric("loss", 1.0 - acc);
        a->trials.push_back(t);
    }
    auto b = std::make_shared<Study>();
    b->name = "b";
    b->objective = {"acc", Direction::Maximize};
    for (int i = 0; i < 5; ++i) {
        Trial t;
        t.id = "b" + std::to_string(i);
        t.number = i;
        t.setMetric("acc", 0.30 + 0.10 * i);
        b->trials.push_back(t);
    }
    return std::make_shared<const TrialTable>(std::vector<ShownStudy>{{1, a}, {2, b}});
}

int sum(const std::vector<int>& v)
{
    return std::accumulate(v.begin(), v.end(), 0);
}

class HistogramCountsTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        table = makeTable();
        hub.setTable(table);
        acc = *table->metricColumn("acc");
        loss = *table->metricColumn("loss");
    }

    OverviewFilter filter(const Brush& own = {}) const
    {
        return OverviewFilter(hub.visible(QStringLiteral("overview")), *table, own);
    }

    // The study-a rows whose acc lies in [low, high].
    std::size_t rowsOfAIn(double low, double high) const
    {
        std::size_t n = 0;
        for (std::size_t row = 0; row < 10; ++row) {
            const double v = table->columns()[acc].values[row];
            n += v >= low && v <= high;
        }
        return n;
    }

    std::shared_ptr<const TrialTable> table;
    SelectionHub hub;
    std::size_t acc = 0;
    std::size_t loss = 0;
};

TEST_F(HistogramCountsTest, EveryRowHasItsBinOrIsCountedAsExcluded)
{
    const BinnedColumn binned = BinnedColumn::build(*table, acc);
    ASSERT_EQ(binned.binOfRow.size(), 15u);
    EXPECT_EQ(binned.binOfRow[8], -1);  // the failed trial's NaN
    EXPECT_EQ(binned.excluded.nan, 1u);
    for (std::size_t row = 0; row < 15; ++row) {
        if (row != 8) {
            EXPECT_EQ(binned.binOfRow[row], binned.bins.binOf(table->columns()[acc].values[row])) << row;
        }
    }
    // loss exists for study a only: the five rows of b have no value.
    EXPECT_EQ(BinnedColumn::build(*table, loss).excluded.nan, 6u);
}

TEST_F(HistogramCountsTest, WithoutBrushesEveryValueIsShownPerStudy)
{
    const BinnedColumn binned = BinnedColumn::build(*table, acc);
    const HistogramCounts counts = countHistogram(*table, binned, filter(), {});
    EXPECT_EQ(counts.studies, 2u);
    EXPECT_EQ(sum(counts.context), 14);
    EXPECT_EQ(counts.visibleRows, 15u);
    EXPECT_EQ(counts.excludedVisible.nan, 1u);
    int a = 0, b = 0;
    for (int bin = 0; bin < counts.bins(); ++bin) {
        a += counts.visibleIn(bin, 0);
        b += counts.visibleIn(bin, 1);
        EXPECT_EQ(counts.visibleIn(bin), counts.context[static_cast<std::size_t>(bin)]);
    }
    EXPECT_EQ(a, 9);
    EXPECT_EQ(b, 5);
    EXPECT_EQ(counts.selectedRows, 0u);
}

TEST_F(HistogramCountsTest, OtherViewsBrushesHideTrialsButKeepThemAsContext)
{
    hub.setBrush(QStringLiteral("scatter"), {{loss, 0.0, 0.58, {}}});  // study a's acc above 0.42
    const BinnedColumn binned = BinnedColumn::build(*table, acc);
    const HistogramCounts counts = countHistogram(*table, binned, filter(), {});
    EXPECT_EQ(sum(counts.context), 14);  // unchanged
    int shown = 0;
    for (int bin = 0; bin < counts.bins(); ++bin) {
        shown += counts.visibleIn(bin);
        EXPECT_EQ(counts.visibleIn(bin, 1), 0) << bin;  // b has no loss, and NaN never passes
    }
    EXPECT_EQ(shown, 2);  // a7 and a9
    EXPECT_EQ(counts.visibleRows, rowsOfAIn(0.42, 1.0));
}

TEST_F(HistogramCountsTest, OwnBrushFiltersTheOtherHistogramsButNotItsOwn)
{
    const Brush own{{acc, 0.18, 0.37, {}}};  // a2..a5 and b0
    hub.setBrush(QStringLiteral("overview"), own);
    const OverviewFilter f = filter(own);
    const HistogramCounts accCounts = countHistogram(*table, BinnedColumn::build(*table, acc), f, {});
    EXPECT_EQ(accCounts.visibleRows, 15u);  // the brushed histogram keeps showing everything
    const HistogramCounts lossCounts = countHistogram(*table, BinnedColumn::build(*table, loss), f, {});
    EXPECT_EQ(lossCounts.visibleRows, rowsOfAIn(0.18, 0.37) + 1);  // + b0
    EXPECT_EQ(lossCounts.excludedVisible.nan, 1u);  // b0 has no loss
    EXPECT_TRUE(f.visibleEverywhere(3));
    EXPECT_FALSE(f.visibleEverywhere(0));
}

TEST_F(HistogramCountsTest, TwoOwnBrushesFilterEachOther)
{
    // acc in [0.08, 0.42] and loss in [0.48, 0.77] (a's acc in [0.23, 0.52]; b has no loss).
    const Brush own{{acc, 0.08, 0.42, {}}, {loss, 0.48, 0.77, {}}};
    const OverviewFilter f = filter(own);
    const HistogramCounts accCounts = countHistogram(*table, BinnedColumn::build(*table, acc), f, {});
    const HistogramCounts lossCounts = countHistogram(*table, BinnedColumn::build(*table, loss), f, {});
    // acc's histogram follows the loss brush only: a3..a7.
    EXPECT_EQ(accCounts.visibleRows, rowsOfAIn(0.23, 0.52));
    EXPECT_EQ(accCounts.visibleRows, 5u);
    // loss's histogram follows the acc brush only: a0..a6, and b0 and b1 (without a loss value).
    EXPECT_EQ(lossCounts.visibleRows, rowsOfAIn(0.08, 0.42) + 2);
    EXPECT_EQ(lossCounts.excludedVisible.nan, 2u);
    std::size_t everywhere = 0;
    for (std::size_t row = 0; row < table->rows(); ++row)
        everywhere += f.visibleEverywhere(row);
    EXPECT_EQ(everywhere, rowsOfAIn(0.23, 0.42));
    EXPECT_EQ(everywhere, 4u);  // a3..a6
}

TEST_F(HistogramCountsTest, SelectedTrialsAreCountedAmongThoseShown)
{
    const std::set<TrialKey> selection{makeTrialKey(1, 0), makeTrialKey(1, 6), makeTrialKey(2, 4),
                                       makeTrialKey(1, 8)};
    const std::vector<char> flags = selectedRowFlags(*table, selection);
    ASSERT_EQ(flags.size(), 15u);
    EXPECT_EQ(std::count(flags.begin(), flags.end(), 1), 4);
    hub.setBrush(QStringLiteral("table"), {{acc, 0.0, 0.52, {}}});  // hides a9 (0.55), b3 and b4
    const BinnedColumn binned = BinnedColumn::build(*table, acc);
    const HistogramCounts counts = countHistogram(*table, binned, filter(), flags);
    // a0 (0.10) and a6 (0.40) are shown; b4 (0.70) is hidden; a8 has no value to bin.
    EXPECT_EQ(counts.selectedRows, 2u);
    EXPECT_EQ(counts.selectedIn(binned.binOfRow[0], 0), 1);
    EXPECT_EQ(counts.selectedIn(binned.binOfRow[6], 0), 1);
    EXPECT_EQ(counts.selectedIn(binned.binOfRow[14], 1), 0);
    EXPECT_TRUE(selectedRowFlags(*table, {}).empty());
}

TEST_F(HistogramCountsTest, ABarsTrialsAreTheShownRowsInIt)
{
    const BinnedColumn binned = BinnedColumn::build(*table, acc);
    const int bin = binned.binOfRow[10];  // b0
    std::vector<std::size_t> expected;
    for (std::size_t row = 0; row < table->rows(); ++row)
        if (binned.binOfRow[row] == bin)
            expected.push_back(row);
    EXPECT_EQ(rowsInBin(binned, filter(), bin), expected);

    hub.setBrush(QStringLiteral("scatter"), {{loss, 0.0, 1.0, {}}});  // b has no loss: hidden
    std::vector<std::size_t> ofA;
    for (const std::size_t row : expected)
        if (row < 10)
            ofA.push_back(row);
    EXPECT_EQ(rowsInBin(binned, filter(), bin), ofA);
    EXPECT_TRUE(rowsInBin(binned, filter(), -1).empty());
}

TEST_F(HistogramCountsTest, SummaryCountsStatesAndFindsTheBestCompleteTrial)
{
    const OverviewSummary all = summarizeTrials(*table, hub.visible());
    EXPECT_EQ(all.trials, 15u);
    EXPECT_EQ(all.visible, 15u);
    EXPECT_EQ(all.inState(TrialState::Complete), 12);
    EXPECT_EQ(all.inState(TrialState::Running), 1);
    EXPECT_EQ(all.inState(TrialState::Pruned), 1);
    EXPECT_EQ(all.inState(TrialState::Failed), 1);
    EXPECT_EQ(all.objective, "acc");
    ASSERT_TRUE(all.best);
    EXPECT_EQ(all.best->row, 14u);  // b4: 0.70
    EXPECT_DOUBLE_EQ(all.best->value, 0.70);

    hub.setBrush(QStringLiteral("scatter"), {{acc, 0.0, 0.52, {}}});
    const OverviewSummary filtered = summarizeTrials(*table, hub.visible());
    EXPECT_EQ(filtered.visible, hub.visibleCount());
    EXPECT_EQ(filtered.visible, 11u);  // a0..a7 and b0..b2
    EXPECT_EQ(filtered.best->row, 14u);  // the best so far does not depend on the filters
}

TEST_F(HistogramCountsTest, RunningTrialsCannotBeBest)
{
    // a9 is running with acc 0.55 (its last report); with b gone, the best is a6 at 0.40 — a7
    // (0.45) was pruned and a8 failed.
    const TrialTable onlyA({{1, std::make_shared<const Study>(table->study(0))}});
    const OverviewSummary summary = summarizeTrials(onlyA, {});
    ASSERT_TRUE(summary.best);
    EXPECT_EQ(summary.best->row, 6u);
    EXPECT_EQ(summary.visible, 10u);
}

TEST(OverviewSummaryTest, EmptyTableHasNoBest)
{
    const OverviewSummary summary = summarizeTrials(TrialTable(), {});
    EXPECT_EQ(summary.trials, 0u);
    EXPECT_FALSE(summary.best);
    EXPECT_TRUE(summary.objective.empty());
}

} // namespace
} // namespace tendril::app::overview
