// The "Selected experiments" model: columns, sorting with NaN last, CSV, row-level updates and
// the suggestions shown when nothing is selected.
#include "test_support.hpp"
#include "views/selected/selected_model.hpp"
#include "views/selected/selected_rows.hpp"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QPersistentModelIndex>
#include <QSignalSpy>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace tendril::app::selected {
namespace {

// Study 1 is the sweep (t0, t1 failed, t2, t3 running, t10, t4 pruned); study 2 adds two trials,
// one with a value that only prints exactly with all its digits.
std::shared_ptr<const TrialTable> makeTable(bool withSecond = true)
{
    std::vector<ShownStudy> shown{{1, std::make_shared<const Study>(test::makeSweepStudy("sweep"))}};
    if (withSecond) {
        Study other = test::makeSweepStudy("other, \"b\"");
        other.trials.resize(2);
        other.trials[0].setMetric("val_acc", 0.1 + 0.2);
        other.trials[1].state = TrialState::Complete;
        other.trials[1].error.clear();
        other.trials[1].setMetric("val_acc", 0.85);
        shown.push_back({2, std::make_shared<const Study>(std::move(other))});
    }
    return std::make_shared<const TrialTable>(std::move(shown));
}

QStringList strings(std::initializer_list<const char*> texts)
{
    QStringList out;
    for (const char* t : texts)
        out << QString::fromUtf8(t);
    return out;
}

TrialKey key(std::int64_t study, std::int64_t number)
{
    return makeTrialKey(study, number);
}

QStringList ids(const SelectedTrialsModel& model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.index(r, SelectedTrialsModel::TrialColumn).data().toString();
    return out;
}

QStringList headers(const SelectedTrialsModel& model)
{
    QStringList out;
    for (int c = 0; c < model.columnCount(); ++c)
        out << model.headerData(c, Qt::Horizontal).toString();
    return out;
}

// Sweep trial numbers: t0=0, t1=1, t2=2, t3=3, t10=4, t4=5.
const std::vector<TrialKey> kWholeSweep{key(1, 0), key(1, 1), key(1, 2), key(1, 3), key(1, 4), key(1, 5)};

TEST(SelectedModelTest, FixedColumnsThenMetricsObjectiveFirstThenParameters)
{
    SelectedTrialsModel model;
    model.setContent(makeTable(false), kWholeSweep);
    EXPECT_EQ(headers(model), (QStringList{QStringLiteral("Study"), QStringLiteral("Trial"), QStringLiteral("State"),
                                           QStringLiteral("val_acc ↑"), QStringLiteral("val_loss ↓"),
                                           QStringLiteral("epochs"), QStringLiteral("lr"), QStringLiteral("layers"),
                                           QStringLiteral("optimizer"), QStringLiteral("warmup")}));
    EXPECT_EQ(model.objectiveColumn(), SelectedTrialsModel::kFixedColumns);
    const QModelIndex first = model.index(0, SelectedTrialsModel::StudyColumn);
    EXPECT_EQ(first.data().toString(), QStringLiteral("sweep"));
    EXPECT_FALSE(first.data(Qt::DecorationRole).value<QIcon>().isNull());  // the study's coloured dot
    EXPECT_EQ(model.index(0, SelectedTrialsModel::StateColumn).data().toString(), QStringLiteral("Complete"));
}

TEST(SelectedModelTest, SortsBestFirstByDefaultWithNaNAndMissingLastBothWays)
{
    SelectedTrialsModel model;
    model.setContent(makeTable(false), kWholeSweep);
    EXPECT_EQ(model.sortColumn(), model.objectiveColumn());
    EXPECT_EQ(model.sortOrder(), Qt::DescendingOrder);
    // t1 reported NaN and t3 nothing: both last, in table order.
    EXPECT_EQ(ids(model), strings({"t10", "t0", "t4", "t2", "t1", "t3"}));
    model.sort(model.objectiveColumn(), Qt::AscendingOrder);
    EXPECT_EQ(ids(model), strings({"t2", "t4", "t0", "t10", "t1", "t3"}));
    const int loss = model.objectiveColumn() + 1;
    model.sort(loss, Qt::DescendingOrder);
    EXPECT_EQ(ids(model), strings({"t2", "t0", "t10", "t1", "t3", "t4"}));
    model.sort(loss, Qt::AscendingOrder);
    EXPECT_EQ(ids(model), strings({"t10", "t0", "t2", "t1", "t3", "t4"}));
    // Text columns sort by what they mean: trials by creation order, states by kind.
    model.sort(SelectedTrialsModel::TrialColumn, Qt::DescendingOrder);
    EXPECT_EQ(ids(model), strings({"t4", "t10", "t3", "t2", "t1", "t0"}));
}

TEST(SelectedModelTest, CsvHasAHeaderRowExactNumbersAndEmptyMissingCells)
{
    SelectedTrialsModel model;
    model.setContent(makeTable(), {key(1, 1), key(1, 0), key(1, 4), key(2, 0)});
    const QString expected = QStringLiteral(
        "study,trial,state,val_acc,val_loss,epochs,lr,layers,optimizer,warmup\n"
        "sweep,t10,complete,0.88,0.41,27,0.002,12,adam,5\n"
        "sweep,t0,complete,0.81,0.52,,0.001,4,adam,\n"
        "\"other, \"\"b\"\"\",t0,complete,0.30000000000000004,0.52,,0.001,4,adam,\n"
        "sweep,t1,failed,NaN,NaN,,0.09,10,sgd,\n");
    EXPECT_EQ(model.toCsv(), expected);
    // Chosen rows, in the order given.
    EXPECT_EQ(model.toCsv({3, 0}), QStringLiteral("study,trial,state,val_acc,val_loss,epochs,lr,layers,optimizer,warmup\n"
                                                  "sweep,t1,failed,NaN,NaN,,0.09,10,sgd,\n"
                                                  "sweep,t10,complete,0.88,0.41,27,0.002,12,adam,5\n"));
    // The screen rounds; the tooltip and the copy do not.
    const QModelIndex acc = model.index(2, model.objectiveColumn());
    EXPECT_EQ(acc.data().toString(), QStringLiteral("0.3"));
    EXPECT_EQ(acc.data(Qt::ToolTipRole).toString(), QStringLiteral("0.30000000000000004"));
}

TEST(SelectedModelTest, CsvCellsQuoteOnlyWhenNeeded)
{
    EXPECT_EQ(csvCell(QStringLiteral("plain text")), QStringLiteral("plain text"));
    EXPECT_EQ(csvCell(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
    EXPECT_EQ(csvCell(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
    EXPECT_EQ(csvCell(QStringLiteral("two\nlines")), QStringLiteral("\"two\nlines\""));
}

TEST(SelectedModelTest, SelectionChangesMoveRowsWithoutResettingTheModel)
{
    test::ModelTesterLog log;
    SelectedTrialsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    const auto table = makeTable();
    model.setContent(table, {key(1, 0), key(1, 2)});
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    const QPersistentModelIndex t0 = model.index(0, 1);  // t0, the best of the two
    ASSERT_EQ(t0.data().toString(), QStringLiteral("t0"));

    model.setContent(table, {key(1, 0), key(1, 2), key(1, 4), key(2, 1), key(1, 9)});  // 9 does not exist
    EXPECT_EQ(ids(model), strings({"t10", "t1", "t0", "t2"}));
    EXPECT_EQ(model.index(1, 0).data().toString(), QStringLiteral("other, \"b\""));
    EXPECT_EQ(t0.row(), 2);
    model.setContent(table, {key(2, 1), key(1, 2)});
    EXPECT_EQ(ids(model), strings({"t1", "t2"}));
    model.sort(SelectedTrialsModel::StudyColumn, Qt::AscendingOrder);
    EXPECT_EQ(ids(model), strings({"t2", "t1"}));
    EXPECT_EQ(model.index(1, 0).data().toString(), QStringLiteral("other, \"b\""));
    model.setContent(table, {});
    EXPECT_EQ(model.rowCount(), 0);
    model.setContent(table, kWholeSweep);
    EXPECT_EQ(resets.count(), 0);
    EXPECT_GT(inserted.count(), 0);
    EXPECT_GT(removed.count(), 0);

    // A rebuilt table with the same columns (a live refresh) keeps the rows and updates them.
    const auto refreshed = makeTable();
    const QPersistentModelIndex kept = model.index(0, 1);
    model.setContent(refreshed, kWholeSweep);
    EXPECT_EQ(resets.count(), 0);
    EXPECT_TRUE(kept.isValid());
    EXPECT_EQ(model.table(), refreshed);
    // Other columns: a reset, with the sort column followed by name.
    model.sort(model.objectiveColumn() + 1, Qt::AscendingOrder);
    auto narrow = std::make_shared<Study>(test::makeSweepStudy("narrow"));
    for (Trial& t : narrow->trials)
        t.metrics.erase(std::remove_if(t.metrics.begin(), t.metrics.end(), [](const auto& m) { return m.first == "epochs"; }),
                        t.metrics.end());
    model.setContent(std::make_shared<const TrialTable>(std::vector<ShownStudy>{{3, narrow}}), {key(3, 0), key(3, 2)});
    EXPECT_EQ(resets.count(), 1);
    EXPECT_EQ(model.columnCount(), 9);
    EXPECT_EQ(model.headerData(model.sortColumn(), Qt::Horizontal).toString(), QStringLiteral("val_loss ↓"));
    EXPECT_EQ(ids(model), strings({"t0", "t2"}));
    model.setContent(nullptr, {});
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_TRUE(log.failures().isEmpty()) << log.failures().join(QStringLiteral("\n")).toStdString();
}

TEST(SelectedModelTest, HoveredTrialIsTinted)
{
    SelectedTrialsModel model;
    model.setContent(makeTable(false), kWholeSweep);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setHoveredKey(key(1, 0));
    const int row = model.rowOf(key(1, 0));
    ASSERT_GE(row, 0);
    EXPECT_TRUE(model.index(row, 5).data(Qt::BackgroundRole).isValid());
    EXPECT_FALSE(model.index(row == 0 ? 1 : 0, 5).data(Qt::BackgroundRole).isValid());
    model.setHoveredKey(key(1, 2));
    EXPECT_FALSE(model.index(row, 5).data(Qt::BackgroundRole).isValid());
    EXPECT_EQ(changed.count(), 3);  // on, then off and on
    model.setHoveredKey(key(1, 2));
    EXPECT_EQ(changed.count(), 3);
}

TEST(SelectedRowsTest, SuggestionsAreTheBestCompleteVisibleTrials)
{
    const auto table = makeTable();
    // Complete with a value: sweep t10 .88, other t1 .85, sweep t0 .81, sweep t2 .62, other t0 .3.
    // The pruned t4 (.7) is not a finished model.
    EXPECT_EQ(suggestedTrials(*table, {}, 3), (std::vector<TrialKey>{key(1, 4), key(2, 1), key(1, 0)}));
    EXPECT_EQ(suggestedTrials(*table, {}, 10).size(), 5u);
    std::vector<char> visible(table->rows(), 1);
    visible[*table->rowOf(key(1, 4))] = 0;
    EXPECT_EQ(suggestedTrials(*table, visible, 2), (std::vector<TrialKey>{key(2, 1), key(1, 0)}));
    EXPECT_TRUE(suggestedTrials(*table, {}, 0).empty());
    EXPECT_TRUE(suggestedTrials(TrialTable(), {}, 10).empty());

    // A minimised objective ranks the other way.
    Study loss = test::makeSweepStudy("loss");
    loss.objective = {"val_loss", Direction::Minimize};
    const TrialTable lossTable({{5, std::make_shared<const Study>(loss)}});
    EXPECT_EQ(suggestedTrials(lossTable, {}, 2), (std::vector<TrialKey>{key(5, 4), key(5, 0)}));
}

TEST(SelectedRowsTest, MissingCellsSortLastInBothOrders)
{
    const double nan = std::nan("");
    EXPECT_EQ(compareCells(1, 2, true), -1);
    EXPECT_EQ(compareCells(1, 2, false), 1);
    EXPECT_EQ(compareCells(2, 2, false), 0);
    EXPECT_EQ(compareCells(nan, 2, true), 1);
    EXPECT_EQ(compareCells(nan, 2, false), 1);
    EXPECT_EQ(compareCells(2, nan, false), -1);
    EXPECT_EQ(compareCells(nan, nan, true), 0);
}

} // namespace
} // namespace tendril::app::selected
