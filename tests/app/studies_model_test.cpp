#include "test_support.hpp"
#include "views/studies/studies_model.hpp"

#include <QAbstractItemModelTester>

#include <gtest/gtest.h>

using namespace tendril;
using namespace tendril::app;

namespace {

StudySummary summary(std::int64_t id, const std::string& name, const std::string& algorithm,
                     const std::string& parent = {})
{
    StudySummary s;
    s.id = id;
    s.name = name;
    s.algorithm = algorithm;
    s.parent = parent;
    s.objective = {"val_acc", Direction::Maximize};
    s.trials = 10 * id;
    s.states[static_cast<std::size_t>(TrialState::Complete)] = 8 * id;
    s.states[static_cast<std::size_t>(TrialState::Failed)] = 2 * id;
    s.best = BestTrial{"t" + std::to_string(id), 0.5 + 0.1 * static_cast<double>(id)};
    return s;
}

QStringList names(const StudiesModel& model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.index(r).data().toString();
    return out;
}

} // namespace

TEST(StudiesModel, ListsStudiesWithRefinementsUnderTheirParent)
{
    StudiesModel model;
    model.setSummaries({summary(1, "random", "random"), summary(2, "tpe", "tpe"),
                        summary(3, "pbt", "pbt"), summary(4, "tpe-refined", "tpe", "tpe"),
                        summary(5, "tpe-refined-again", "tpe", "tpe-refined"),
                        summary(6, "orphan", "tpe", "not-in-this-project")});
    EXPECT_EQ(names(model), (QStringList{QStringLiteral("random"), QStringLiteral("tpe"), QStringLiteral("tpe-refined"),
                                         QStringLiteral("tpe-refined-again"), QStringLiteral("pbt"),
                                         QStringLiteral("orphan")}));
    EXPECT_EQ(model.index(2).data(StudiesModel::DepthRole).toInt(), 1);
    EXPECT_EQ(model.index(3).data(StudiesModel::DepthRole).toInt(), 2);
    EXPECT_EQ(model.index(5).data(StudiesModel::DepthRole).toInt(), 0);
    EXPECT_EQ(model.rowOf(QStringLiteral("pbt")), 4);
    EXPECT_EQ(model.rowOf(QStringLiteral("missing")), -1);
}

TEST(StudiesModel, RolesCarryWhatTheListShows)
{
    StudiesModel model;
    model.setSummaries({summary(2, "tpe", "tpe"), summary(3, "odd", "my-own-search")});
    const QModelIndex tpe = model.index(0);
    EXPECT_EQ(tpe.data(StudiesModel::AlgorithmRole).toString(), QStringLiteral("TPE"));
    EXPECT_EQ(model.index(1).data(StudiesModel::AlgorithmRole).toString(), QStringLiteral("my-own-search"));
    EXPECT_EQ(tpe.data(StudiesModel::TrialCountRole).toLongLong(), 20);
    EXPECT_DOUBLE_EQ(tpe.data(StudiesModel::BestValueRole).toDouble(), 0.7);
    EXPECT_EQ(tpe.data(StudiesModel::BestTrialRole).toString(), QStringLiteral("t2"));
    EXPECT_EQ(tpe.data(StudiesModel::ObjectiveRole).toString(), QStringLiteral("val_acc"));
    const auto counts = tpe.data(StudiesModel::StateCountsRole).value<QList<qint64>>();
    ASSERT_EQ(counts.size(), kTrialStateCount);
    EXPECT_EQ(counts[static_cast<int>(TrialState::Complete)], 16);
    EXPECT_EQ(counts[static_cast<int>(TrialState::Failed)], 4);
    EXPECT_TRUE(tpe.data(Qt::ToolTipRole).toString().contains(QStringLiteral("16 complete, 4 failed")));
}

TEST(StudiesModel, StudyWithoutCompleteTrialsHasNoBest)
{
    StudySummary empty = summary(1, "fresh", "random");
    empty.best.reset();
    StudiesModel model;
    model.setSummaries({empty});
    EXPECT_FALSE(model.index(0).data(StudiesModel::BestValueRole).isValid());
}

TEST(StudiesModel, PassesTheModelTester)
{
    test::ModelTesterLog log;
    StudiesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    model.setSummaries({summary(1, "a", "random"), summary(2, "b", "tpe", "a")});
    model.setSummaries({});
    model.setSummaries({summary(3, "c", "pbt")});
    EXPECT_EQ(model.rowCount(), 1);
    EXPECT_TRUE(log.failures().isEmpty()) << log.failures().join(QStringLiteral("\n")).toStdString();
}
