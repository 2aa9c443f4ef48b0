// HyperTendril's two case studies (paper 7.1 and 7.2) followed step by step on the demo project,
// through the real views, as docs/walkthrough.md tells them. Each step checks what the user is
// meant to see there; with TENDRIL_SCREENSHOT_DIR set, each step also saves the picture the
// walkthrough shows (docs/images/make_screenshots.sh does that).
//
// 7.1: PBT kept only the shallower networks of the digits MLP and dropped the three-layer ones at
//      their first checks, while their learning curves were still rising; Hyperband trained
//      three-layer networks to the full budget. The remedy is a later evaluation (Refine, a longer
//      perturbation interval).
// 7.2: the learning rate matters most for TPE on digits; its marginal shows the good range; the
//      brushes on it become the narrowed search space of the refined study.
#include "session/demo_project.hpp"
#include "session/importance_service.hpp"
#include "session/project_session.hpp"
#include "tendril/core/lineage.hpp"
#include "test_support.hpp"
#include "views/control/algorithm_form.hpp"
#include "views/control/control_panel.hpp"
#include "views/control/study_dialog.hpp"
#include "views/curves/curves_view.hpp"
#include "views/exploration/exploration_canvas.hpp"
#include "views/exploration/exploration_view.hpp"
#include "views/importance/importance_view.hpp"
#include "views/overview/overview_view.hpp"
#include "views/space/importance_bars.hpp"
#include "views/space/space_view.hpp"

#include <QApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QImage>
#include <QLineEdit>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace tendril;
using namespace tendril::app;

namespace {

std::int64_t layersOf(const Trial& t) { return t.param("hidden_layers")->asInt(); }

// Brings the dialog's tab of this title to the front.
void showTab(QWidget& dialog, const QString& title)
{
    auto* tabs = dialog.findChild<QTabWidget*>();
    ASSERT_NE(tabs, nullptr);
    for (int i = 0; i < tabs->count(); ++i)
        if (tabs->tabText(i).remove(QLatin1Char('&')) == title) {
            tabs->setCurrentIndex(i);
            return;
        }
    ADD_FAILURE() << "no tab " << title.toStdString();
}

double lastStep(const Trial& t)
{
    const Curve* c = t.curve("val_acc");
    return c && !c->steps.empty() ? c->steps.back() : 0.0;
}

class CaseStudyTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir_.isValid());
        const QString path = dir_.filePath(QStringLiteral("demo.tendril"));
        ensureDemoProject(path);
        session_ = std::make_unique<ProjectSession>(path, OpenMode::ReadWrite);
        session_->setWatchInterval(0);
        ImportanceService::of(*session_).setDelay(0);
    }

    void showStudies(const QStringList& studies)
    {
        session_->setSelectedStudies(studies);
        ASSERT_TRUE(session_->waitUntilLoaded());
        session_->hub().flush();
    }

    const TrialTable& table() const { return *session_->hub().table(); }

    TrialKey keyOf(const std::string& study, const std::string& trialId) const
    {
        for (std::size_t row = 0; row < table().rows(); ++row)
            if (table().study(table().studyOf(row)).name == study && table().trial(row).id == trialId)
                return table().key(row);
        ADD_FAILURE() << study << "/" << trialId << " not shown";
        return 0;
    }

    static bool waitFor(const std::function<bool()>& done, int timeoutMs = 30000)
    {
        QElapsedTimer clock;
        clock.start();
        while (!done() && clock.elapsed() < timeoutMs)
            QTest::qWait(10);
        return done();
    }

    QTemporaryDir dir_;
    std::unique_ptr<ProjectSession> session_;
};

// 7.1: understand, diagnose and refine the AutoML method.
TEST_F(CaseStudyTest, PbtDroppedTheDeepNetworksEarlyAndALaterEvaluationIsTheRefinement)
{
    showStudies({QStringLiteral("digits-pbt"), QStringLiteral("digits-hyperband")});
    const auto pbt = session_->study(QStringLiteral("digits-pbt"));
    const auto hyperband = session_->study(QStringLiteral("digits-hyperband"));
    ASSERT_TRUE(pbt && hyperband);

    // Step 1, the exploration overview side by side: PBT's population, with its mutation links,
    // against Hyperband's brackets.
    ExplorationView exploration(*session_);
    exploration.resize(1400, 900);
    exploration.show();
    ASSERT_FALSE(exploration.showsPlaceholder()) << exploration.placeholderText().toStdString();

    // What the hidden_layers plot shows: every PBT trial that continues another copies its
    // depth, and no three-layer network is continued; its first members with three layers end by
    // the second check (epoch 6). Hyperband trained three-layer networks to the full 27 epochs.
    const Lineage lineage(*pbt);
    std::vector<const Trial*> deepRoots;
    std::set<std::int64_t> keptDepths;
    for (std::size_t i = 0; i < pbt->trials.size(); ++i) {
        const Trial& t = pbt->trials[i];
        if (lineage[i].parent) {
            const Trial& parent = pbt->trials[*lineage[i].parent];
            EXPECT_EQ(layersOf(t), layersOf(parent)) << t.id << " copies its parent's architecture";
            keptDepths.insert(layersOf(t));
        } else if (layersOf(t) == 3) {
            deepRoots.push_back(&t);
        }
    }
    ASSERT_GE(deepRoots.size(), 1u) << "the first population sampled three-layer networks";
    EXPECT_EQ(keptDepths.count(3), 0u) << "no exploit copied a three-layer network";
    for (const Trial* t : deepRoots) {
        EXPECT_EQ(t->state, TrialState::Pruned) << t->id;
        EXPECT_LE(lastStep(*t), 6.0) << t->id;
    }
    const bool hyperbandTrainedDeepToTheEnd = std::any_of(hyperband->trials.begin(), hyperband->trials.end(),
                                                          [](const Trial& t) { return layersOf(t) == 3 && lastStep(t) >= 27.0; });
    EXPECT_TRUE(hyperbandTrainedDeepToTheEnd);

    // Hovering a dropped deep member lights up its history in every plot.
    session_->hub().setHovered(keyOf("digits-pbt", deepRoots.front()->id));
    session_->hub().flush();
    ASSERT_TRUE(exploration.canvas()->waitForPicture());
    test::screenshot(exploration, QStringLiteral("walkthrough-pbt-exploration.png"));
    session_->hub().setHovered(std::nullopt);

    // Step 2, model analysis of the first population: the three-layer networks were still
    // learning when they were replaced (their accuracy rose over their last three epochs).
    std::set<TrialKey> firstPopulation;
    for (std::size_t i = 0; i < pbt->trials.size(); ++i)
        if (!lineage[i].parent)
            firstPopulation.insert(keyOf("digits-pbt", pbt->trials[i].id));
    session_->hub().setSelection(firstPopulation);
    CurvesView curves(*session_);
    curves.resize(1400, 800);
    curves.show();
    curves.setCheckedMetrics({QStringLiteral("val_acc")});
    session_->hub().flush();
    QApplication::processEvents();
    EXPECT_EQ(curves.curveSet().trials.size(), firstPopulation.size());
    for (const Trial* t : deepRoots) {
        const Curve& c = *t->curve("val_acc");
        ASSERT_GE(c.values.size(), 4u);
        EXPECT_GT(c.values.back(), c.values[c.values.size() - 4]) << t->id << " was still improving";
    }
    test::screenshot(curves, QStringLiteral("walkthrough-pbt-curves.png"));
    session_->hub().clearSelection();

    // Step 3, Refine: the stored configuration comes back with its perturbation interval, which
    // the user lengthens so members are compared later in their training.
    ControlPanel panel(*session_);
    panel.setCurrentStudy(QStringLiteral("digits-pbt"));
    std::unique_ptr<StudyDialog> dialog(panel.createRefineDialog());
    ASSERT_TRUE(dialog);
    QWidget* interval = dialog->algorithmForm()->optionField("perturbation_interval");
    ASSERT_NE(interval, nullptr);
    if (auto* spin = qobject_cast<QDoubleSpinBox*>(interval)) {
        EXPECT_EQ(spin->value(), 3.0);
        spin->setValue(9.0);
    } else if (auto* whole = qobject_cast<QSpinBox*>(interval)) {
        EXPECT_EQ(whole->value(), 3);
        whole->setValue(9);
    } else {
        auto* edit = qobject_cast<QLineEdit*>(interval);
        ASSERT_NE(edit, nullptr);
        EXPECT_EQ(edit->text(), QStringLiteral("3"));
        edit->setText(QStringLiteral("9"));
    }
    ConfigIssue issue;
    const std::optional<StudyConfig> refined = dialog->formConfig(&issue);
    ASSERT_TRUE(refined) << issue.message;
    EXPECT_EQ(refined->parent, "digits-pbt");
    EXPECT_NE(refined->algorithm.configJson.find("\"perturbation_interval\":9"), std::string::npos) << refined->algorithm.configJson;
    EXPECT_NE(refined->algorithm.configJson.find("fixed_params"), std::string::npos) << refined->algorithm.configJson;
    dialog->resize(980, 720);
    dialog->show();
    showTab(*dialog, QStringLiteral("Algorithm"));
    test::screenshot(*dialog, QStringLiteral("walkthrough-pbt-refine.png"));
    dialog->close();
}

// 7.2: identify important hyperparameters and refine search spaces.
TEST_F(CaseStudyTest, TheLearningRateMattersMostAndItsGoodRangeBecomesTheRefinedSpace)
{
    showStudies({QStringLiteral("digits-tpe")});
    ImportanceService& service = ImportanceService::of(*session_);

    // Step 1, the search-space overview: importance bars over all 50 trials, the learning rate
    // first and its axis next to the objective.
    SpaceView space(*session_);
    space.resize(1400, 900);
    space.show();
    ASSERT_TRUE(space.waitUntilSettled());
    const std::shared_ptr<const ImportanceResult> overall = service.result();
    ASSERT_TRUE(overall);
    const engine::ImportanceReport& report = overall->report;
    ASSERT_FALSE(report.params.empty());
    EXPECT_EQ(report.params.front().name, "learning_rate_init");
    EXPECT_EQ(report.trialsUsed, 50u);
    ASSERT_FALSE(space.importanceBars().empty());
    EXPECT_EQ(space.importanceBars().bars().front().param, "learning_rate_init");
    EXPECT_DOUBLE_EQ(space.importanceBars().bars().front().importance, report.params.front().importance);
    const std::size_t lr = *table().paramColumn("learning_rate_init");
    const std::vector<std::size_t> order = space.axisOrder().shown();
    ASSERT_FALSE(order.empty());
    EXPECT_EQ(order.back(), lr) << "the most important axis stands next to the objective";

    // Step 2, click the learning rate's bar: its axis shows the expected accuracy over its range.
    // The best cells lie between 1e-3 and 3e-2, where the refined study's range goes.
    space.activateParameter(QStringLiteral("learning_rate_init"));
    ASSERT_TRUE(space.waitUntilSettled());
    ASSERT_EQ(space.expectedCells().count(lr), 1u);
    const space::ExpectedCells& cells = space.expectedCells().at(lr);
    ASSERT_GT(cells.cells(), 2u);
    const auto best = std::max_element(cells.mean.begin(), cells.mean.end()) - cells.mean.begin();
    const double bestCentre = std::sqrt(cells.edges[best] * cells.edges[best + 1]);
    EXPECT_GT(bestCentre, 1e-3);
    EXPECT_LT(bestCentre, 3e-2);
    EXPECT_FALSE(space.importanceBars().partners().empty());

    // Step 3, the importance view: the learning rate's marginal curve, then its strongest pair.
    importance::ImportanceView importance(*session_);
    importance.resize(1400, 800);
    importance.show();
    ASSERT_TRUE(waitFor([&] { return importance.shownResult() && !importance.detailPending(); }));
    EXPECT_EQ(importance.shownResult(), overall) << "both views show the session's one analysis";
    ASSERT_TRUE(importance.chooseTerm({"learning_rate_init", ""}));
    ASSERT_TRUE(waitFor([&] { return !importance.detailPending(); }));
    test::screenshot(importance, QStringLiteral("walkthrough-tpe-importance.png"));
    ASSERT_FALSE(report.pairs.empty());
    const engine::PairImportance& pair = report.pairs.front();
    ASSERT_TRUE(importance.chooseTerm({pair.first, pair.second}) || importance.chooseTerm({pair.second, pair.first}));
    ASSERT_TRUE(waitFor([&] { return !importance.detailPending(); }));
    test::screenshot(importance, QStringLiteral("walkthrough-tpe-pair.png"));

    // Step 4, brush the good range of the learning rate; the partners' axes now show what their
    // values give inside it.
    Brush brush{{lr, 1e-3, 2e-2, {}}};
    space.setBrush(brush);
    ASSERT_TRUE(space.waitUntilSettled());
    // The analysis now covers the 37 trials inside the brush, where the learning rate no longer
    // leads.
    const std::shared_ptr<const ImportanceResult> brushed = service.result();
    ASSERT_TRUE(brushed);
    EXPECT_EQ(std::count(brushed->visible.begin(), brushed->visible.end(), 1), 37);
    ASSERT_FALSE(brushed->report.params.empty());
    EXPECT_EQ(brushed->report.params.front().name, "alpha");
    test::screenshot(space, QStringLiteral("walkthrough-tpe-space.png"));

    // Step 5, Refine from the brushes: the learning rate's range is the brushed one.
    ControlPanel panel(*session_);
    panel.setCurrentStudy(QStringLiteral("digits-tpe"));
    std::unique_ptr<StudyDialog> dialog(panel.createRefineDialog());
    ASSERT_TRUE(dialog);
    ConfigIssue issue;
    const std::optional<StudyConfig> refined = dialog->formConfig(&issue);
    ASSERT_TRUE(refined) << issue.message;
    const Param& narrowed = refined->space.params[refined->space.indexOf("learning_rate_init")];
    EXPECT_DOUBLE_EQ(narrowed.low, 1e-3);
    EXPECT_DOUBLE_EQ(narrowed.high, 2e-2);
    EXPECT_TRUE(narrowed.log);
    dialog->resize(980, 720);
    dialog->show();
    showTab(*dialog, QStringLiteral("Search space"));
    test::screenshot(*dialog, QStringLiteral("walkthrough-tpe-refine.png"));
    dialog->close();

    // Step 6, the refined study beside the first: its accuracies are higher and tighter.
    showStudies({QStringLiteral("digits-tpe"), QStringLiteral("digits-tpe-refined")});
    space.setBrush({});
    OverviewView overview(*session_);
    overview.resize(1400, 800);
    overview.show();
    QApplication::processEvents();
    const auto stats = [&](const QString& name) {
        const auto study = session_->study(name);
        std::vector<double> v;
        for (const Trial& t : study->trials)
            if (const auto m = t.metric("val_acc"))
                v.push_back(*m);
        double mean = 0.0;
        for (double x : v)
            mean += x / static_cast<double>(v.size());
        double var = 0.0;
        for (double x : v)
            var += (x - mean) * (x - mean) / static_cast<double>(v.size());
        return std::pair{mean, std::sqrt(var)};
    };
    const auto [firstMean, firstSd] = stats(QStringLiteral("digits-tpe"));
    const auto [refinedMean, refinedSd] = stats(QStringLiteral("digits-tpe-refined"));
    EXPECT_GT(refinedMean, firstMean);
    EXPECT_LT(refinedSd, firstSd);
    test::screenshot(overview, QStringLiteral("walkthrough-tpe-compare.png"));
}

} // namespace
