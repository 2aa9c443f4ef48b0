#include "test_support.hpp"
#include "views/trials/trials_model.hpp"
#include "views/trials/trials_sort_proxy.hpp"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QIcon>

#include <gtest/gtest.h>

#include <memory>

using namespace tendril;
using namespace tendril::app;

namespace {

std::shared_ptr<const Study> sweep()
{
    return std::make_shared<const Study>(test::makeSweepStudy());
}

QStringList headers(const QAbstractItemModel& model)
{
    QStringList names;
    for (int c = 0; c < model.columnCount(); ++c)
        names << model.headerData(c, Qt::Horizontal).toString();
    return names;
}

// The trial ids from top to bottom as the proxy shows them.
QStringList idsInOrder(const QAbstractItemModel& proxy)
{
    QStringList ids;
    for (int r = 0; r < proxy.rowCount(); ++r)
        ids << proxy.index(r, TrialsModel::IdColumn).data().toString();
    return ids;
}

} // namespace

TEST(TrialsModel, HasAColumnForEveryParameterAndMetric)
{
    TrialsModel model;
    model.setStudy(sweep());
    // Results first (the objective leading, undeclared ones last), then the parameters in space order.
    EXPECT_EQ(headers(model), (QStringList{QStringLiteral("Trial"), QStringLiteral("#"), QStringLiteral("State"),
                                           QStringLiteral("val_acc ↑"), QStringLiteral("val_loss ↓"),
                                           QStringLiteral("epochs"), QStringLiteral("lr"), QStringLiteral("layers"),
                                           QStringLiteral("optimizer"), QStringLiteral("warmup")}));
    EXPECT_EQ(model.rowCount(), 6);
    EXPECT_EQ(model.columnKind(3), TrialsModel::ColumnKind::Metric);
    EXPECT_EQ(model.columnKind(6), TrialsModel::ColumnKind::Param);
    EXPECT_EQ(model.columnName(6), QStringLiteral("lr"));
    EXPECT_EQ(model.columnName(1), QString());
    EXPECT_EQ(model.columnName(99), QString());
    EXPECT_EQ(model.columnOf(TrialsModel::ColumnKind::Metric, QStringLiteral("val_loss")), 4);
    EXPECT_EQ(model.columnOf(TrialsModel::ColumnKind::Param, QStringLiteral("warmup")), 9);
    EXPECT_EQ(model.columnOf(TrialsModel::ColumnKind::Param, QStringLiteral("nope")), -1);
}

TEST(TrialsModel, ParametersMissingFromTheSpaceStillGetAColumn)
{
    Study study = test::makeSweepStudy();
    study.trials[2].setParam("seed", 7);
    TrialsModel model;
    model.setStudy(std::make_shared<const Study>(study));
    const int seed = model.columnOf(TrialsModel::ColumnKind::Param, QStringLiteral("seed"));
    EXPECT_EQ(seed, model.columnCount() - 1);
    EXPECT_EQ(model.index(2, seed).data().toString(), QStringLiteral("7"));
    EXPECT_EQ(model.index(0, seed).data().toString(), QString());
    EXPECT_TRUE(model.headerData(seed, Qt::Horizontal, Qt::ToolTipRole).toString().contains(QStringLiteral("not declared")));
}

TEST(TrialsModel, ShowsValuesCompactlyAndNumbersRightAligned)
{
    TrialsModel model;
    model.setStudy(sweep());
    const int lr = model.columnOf(TrialsModel::ColumnKind::Param, QStringLiteral("lr"));
    const int acc = model.columnOf(TrialsModel::ColumnKind::Metric, QStringLiteral("val_acc"));
    const int optimizer = model.columnOf(TrialsModel::ColumnKind::Param, QStringLiteral("optimizer"));
    EXPECT_EQ(model.index(2, lr).data().toString(), QStringLiteral("1.2e-4"));
    EXPECT_EQ(model.index(2, lr).data(Qt::ToolTipRole).toString(), QStringLiteral("0.00012"));
    EXPECT_EQ(model.index(0, acc).data().toString(), QStringLiteral("0.81"));
    EXPECT_EQ(model.index(1, acc).data().toString(), QStringLiteral("NaN"));
    EXPECT_EQ(model.index(3, acc).data().toString(), QString());  // not reported
    EXPECT_EQ(model.index(0, acc).data(Qt::TextAlignmentRole).toInt(), int(Qt::AlignRight | Qt::AlignVCenter));
    EXPECT_EQ(model.index(0, optimizer).data(Qt::TextAlignmentRole).toInt(), int(Qt::AlignLeft | Qt::AlignVCenter));
    EXPECT_EQ(model.index(0, TrialsModel::NumberColumn).data(Qt::TextAlignmentRole).toInt(),
              int(Qt::AlignRight | Qt::AlignVCenter));
}

TEST(TrialsModel, StatesHaveADotAndFailedTrialsTellWhy)
{
    TrialsModel model;
    model.setStudy(sweep());
    const QModelIndex failed = model.index(1, TrialsModel::StateColumn);
    EXPECT_EQ(failed.data().toString(), QStringLiteral("Failed"));
    EXPECT_FALSE(failed.data(Qt::DecorationRole).value<QIcon>().isNull());
    EXPECT_EQ(failed.data(Qt::ToolTipRole).toString(), QStringLiteral("exit status 1: loss is nan at epoch 2"));
    EXPECT_EQ(model.index(3, TrialsModel::StateColumn).data().toString(), QStringLiteral("Running"));
}

TEST(TrialsModel, BestTrialIsBold)
{
    TrialsModel model;
    model.setStudy(sweep());
    EXPECT_TRUE(model.index(4, 0).data(Qt::FontRole).value<QFont>().bold());  // t10, val_acc 0.88
    EXPECT_FALSE(model.index(0, 0).data(Qt::FontRole).isValid());
}

TEST(TrialsModel, PassesTheModelTesterThroughStudyChanges)
{
    test::ModelTesterLog log;
    TrialsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    model.setStudy(sweep());
    model.setStudy(nullptr);
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_EQ(model.columnCount(), 0);
    model.setStudy(sweep());

    TrialsSortProxy proxy;
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::Warning);
    proxy.setSourceModel(&model);
    proxy.sort(7, Qt::DescendingOrder);
    model.setStudy(std::make_shared<const Study>(test::makeSweepStudy("other")));
    EXPECT_TRUE(log.failures().isEmpty()) << log.failures().join(QStringLiteral("\n")).toStdString();
}

TEST(TrialsSortProxy, SortsNumbersByValueWithNaNAndMissingLastBothWays)
{
    TrialsModel model;
    model.setStudy(sweep());
    TrialsSortProxy proxy;
    proxy.setSourceModel(&model);
    const int acc = model.columnOf(TrialsModel::ColumnKind::Metric, QStringLiteral("val_acc"));

    proxy.sort(acc, Qt::AscendingOrder);
    // 0.62, 0.7, 0.81, 0.88, then NaN (t1) and not reported (t3) in trial order.
    EXPECT_EQ(idsInOrder(proxy), (QStringList{QStringLiteral("t2"), QStringLiteral("t4"), QStringLiteral("t0"),
                                              QStringLiteral("t10"), QStringLiteral("t1"), QStringLiteral("t3")}));
    proxy.sort(acc, Qt::DescendingOrder);
    const QStringList descending = idsInOrder(proxy);
    EXPECT_EQ(descending.mid(0, 4), (QStringList{QStringLiteral("t10"), QStringLiteral("t0"), QStringLiteral("t4"),
                                                 QStringLiteral("t2")}));
    EXPECT_EQ(QSet<QString>(descending.begin() + 4, descending.end()),
              (QSet<QString>{QStringLiteral("t1"), QStringLiteral("t3")}));
}

TEST(TrialsSortProxy, SortsSmallNumbersNumericallyNotAsText)
{
    TrialsModel model;
    model.setStudy(sweep());
    TrialsSortProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(model.columnOf(TrialsModel::ColumnKind::Param, QStringLiteral("lr")), Qt::AscendingOrder);
    // 5e-5 < 1.2e-4 < 3e-4 < 1e-3 < 2e-3 < 0.09: as text "1.2e-4" would come before "5e-5" and "0.09".
    EXPECT_EQ(idsInOrder(proxy), (QStringList{QStringLiteral("t4"), QStringLiteral("t2"), QStringLiteral("t3"),
                                              QStringLiteral("t0"), QStringLiteral("t10"), QStringLiteral("t1")}));
}

TEST(TrialsSortProxy, SortsIdsNaturallyAndWordsAlphabetically)
{
    TrialsModel model;
    model.setStudy(sweep());
    TrialsSortProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(TrialsModel::IdColumn, Qt::AscendingOrder);
    EXPECT_EQ(idsInOrder(proxy), (QStringList{QStringLiteral("t0"), QStringLiteral("t1"), QStringLiteral("t2"),
                                              QStringLiteral("t3"), QStringLiteral("t4"), QStringLiteral("t10")}));
    const int optimizer = model.columnOf(TrialsModel::ColumnKind::Param, QStringLiteral("optimizer"));
    proxy.sort(optimizer, Qt::AscendingOrder);
    for (int r = 0; r < 3; ++r)
        EXPECT_EQ(proxy.index(r, optimizer).data().toString(), QStringLiteral("adam"));
    for (int r = 3; r < 6; ++r)
        EXPECT_EQ(proxy.index(r, optimizer).data().toString(), QStringLiteral("sgd"));
}

TEST(TrialsSortProxy, ColumnOnlySomeTrialsHaveKeepsTheRestLast)
{
    TrialsModel model;
    model.setStudy(sweep());
    TrialsSortProxy proxy;
    proxy.setSourceModel(&model);
    const int warmup = model.columnOf(TrialsModel::ColumnKind::Param, QStringLiteral("warmup"));
    proxy.sort(warmup, Qt::DescendingOrder);
    EXPECT_EQ(proxy.index(0, TrialsModel::IdColumn).data().toString(), QStringLiteral("t10"));
    proxy.sort(warmup, Qt::AscendingOrder);
    EXPECT_EQ(proxy.index(0, TrialsModel::IdColumn).data().toString(), QStringLiteral("t10"));
}
