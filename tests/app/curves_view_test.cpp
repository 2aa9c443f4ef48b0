// The model analysis view on the real demo project: it follows the hub's selection and hover, its
// controls change what is drawn, and it looks right (screenshots checked for content; written to
// $TENDRIL_SCREENSHOT_DIR when that is set, to be looked at).
#include "session/demo_project.hpp"
#include "session/project_session.hpp"
#include "test_support.hpp"

#include "tendril/store/project.hpp"
#include "views/curves/curves_legend.hpp"
#include "views/curves/curves_plot.hpp"
#include "views/curves/curves_view.hpp"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QListWidget>
#include <QMouseEvent>
#include <QSlider>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidgetItem>
#include <QWheelEvent>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

using namespace tendril;
using namespace tendril::app;
using namespace tendril::app::curves;

namespace {

class CurvesViewTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir_.isValid());
        path_ = dir_.filePath(QStringLiteral("demo.tendril"));
        ensureDemoProject(path_);
        session_ = std::make_unique<ProjectSession>(path_, OpenMode::ReadOnly);
    }

    void show(const QStringList& studies)
    {
        session_->setSelectedStudies(studies);
        ASSERT_TRUE(session_->waitUntilLoaded());
        hub().flush();
    }

    SelectionHub& hub() { return session_->hub(); }
    const TrialTable& table() { return *hub().table(); }

    // The demo's study run with this algorithm (not a refinement); the tests do not depend on how
    // the demo names its studies.
    QString studyRunWith(const std::string& algorithm)
    {
        for (const QString& name : session_->studyNames())
            if (const auto study = session_->study(name); study && study->algorithm.name == algorithm && study->parent.empty())
                return name;
        ADD_FAILURE() << "the demo has no " << algorithm << " study";
        return {};
    }

    // A refined study and the study it refines, in that order.
    QStringList refinementPair()
    {
        for (const QString& name : session_->studyNames())
            if (const auto study = session_->study(name); study && !study->parent.empty())
                return {QString::fromStdString(study->parent), name};
        ADD_FAILURE() << "the demo has no refined study";
        return {};
    }

    // The longest chain of PBT continuations in the first shown study whose members all reported
    // a val_acc curve, root first.
    std::vector<TrialKey> deepestLineage()
    {
        const Study& study = table().study(0);
        const auto drawable = [](const Trial& t) { return t.curve("val_acc") && !t.curve("val_acc")->empty(); };
        std::vector<const Trial*> longest;
        for (const Trial& leaf : study.trials) {
            std::vector<const Trial*> chain;
            for (const Trial* t = &leaf; t && drawable(*t) && chain.size() < study.trials.size();
                 t = t->parent.empty() ? nullptr : study.findTrial(t->parent))
                chain.insert(chain.begin(), t);
            if (chain.size() > longest.size())
                longest = chain;
        }
        std::vector<TrialKey> keys;
        for (const Trial* t : longest)
            keys.push_back(makeTrialKey(table().studyId(0), t->number));
        return keys;
    }

    static std::set<TrialKey> keysOf(const CurveSet& set)
    {
        std::set<TrialKey> keys;
        for (const CurveTrial& t : set.trials)
            keys.insert(t.key);
        return keys;
    }

    static void sendMouse(QWidget* target, QEvent::Type type, QPointF at, Qt::MouseButton button = Qt::NoButton,
                          Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        const Qt::MouseButtons buttons = type == QEvent::MouseButtonRelease ? Qt::NoButton : Qt::MouseButtons(button);
        QMouseEvent event(type, at, target->mapToGlobal(at), button, buttons, modifiers);
        QApplication::sendEvent(target, &event);
    }

    // The first drawn point of a trial's curve in a panel, in the plot's pixels.
    static QPointF pointOf(const CurvesPlot& plot, std::size_t panel, std::size_t trial, qsizetype index = -1)
    {
        const CurvePolylines& lines = plot.drawnCurve(panel, trial);
        if (lines.empty() || lines.front().isEmpty())
            return {};
        const QPolygonF& line = lines.front();
        return line[index < 0 ? line.size() / 2 : std::min(index, line.size() - 1)];
    }

    // Saves the view when TENDRIL_SCREENSHOT_DIR is set; returns the picture either way.
    static QImage screenshot(CurvesView& view, const QString& name)
    {
        QApplication::processEvents();
        const QImage image = view.grab().toImage();
        const QString dir = qEnvironmentVariable("TENDRIL_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QDir().mkpath(dir);
            image.save(QDir(dir).filePath(name));
        }
        return image;
    }

    // Pixels of the plot within a small distance of a colour.
    static int pixelsNear(const QImage& image, const QRect& area, const QColor& colour, int tolerance = 24)
    {
        int count = 0;
        for (int y = area.top(); y <= area.bottom(); ++y)
            for (int x = area.left(); x <= area.right(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if (std::abs(c.red() - colour.red()) + std::abs(c.green() - colour.green())
                        + std::abs(c.blue() - colour.blue()) <= tolerance)
                    ++count;
            }
        return count;
    }

    QTemporaryDir dir_;
    QString path_;
    std::unique_ptr<ProjectSession> session_;
};

TEST_F(CurvesViewTest, BeforeAnyStudyIsShownItSaysWhatToDo)
{
    CurvesView view(*session_);
    EXPECT_TRUE(view.curveSet().trials.empty());
    EXPECT_EQ(view.emptyMessage(), QStringLiteral("Show a study to see the learning curves of its trials."));
}

TEST_F(CurvesViewTest, WithNothingSelectedTheBestTrialsStandInAndSaySo)
{
    CurvesView view(*session_);
    show({studyRunWith("random")});
    const CurveSet& set = view.curveSet();
    EXPECT_TRUE(set.fallback);
    ASSERT_EQ(set.trials.size(), CurvesView::kFallbackTrials);
    const std::vector<std::size_t> best = bestRows(table(), std::vector<char>(table().rows(), 1), 5);
    for (std::size_t i = 0; i < best.size(); ++i)
        EXPECT_EQ(set.trials[i].key, table().key(best[i])) << i;  // best first, as the legend lists them
    EXPECT_EQ(view.checkedMetrics(), QStringList{QStringLiteral("val_acc")});
    // The objective first, then the other metrics with curves.
    ASSERT_GE(view.availableMetrics().size(), 2);
    EXPECT_EQ(view.availableMetrics().front(), QStringLiteral("val_acc"));
    EXPECT_TRUE(view.availableMetrics().contains(QStringLiteral("val_loss")));
    EXPECT_EQ(view.headline(), QStringLiteral("The 5 best trials by val_acc ↑"));
    EXPECT_TRUE(view.subline().contains(QStringLiteral("as nothing is selected"))) << view.subline().toStdString();
    EXPECT_EQ(view.emptyMessage(), QString());
    EXPECT_EQ(view.legend()->topLevelItemCount(), 5);

    // A brush elsewhere changes which trials are the best of those left.
    const std::size_t acc = *table().metricColumn("val_acc");
    const double cut = table().columns()[acc].values[best[2]];
    hub().setBrush(QStringLiteral("overview"), {ColumnRange{acc, 0.0, cut - 1e-9, {}}});
    hub().flush();
    EXPECT_TRUE(view.curveSet().fallback);
    for (const CurveTrial& t : view.curveSet().trials)
        EXPECT_LT(table().columns()[acc].values[t.row], cut);
    EXPECT_TRUE(view.subline().contains(QStringLiteral("passing the filters"))) << view.subline().toStdString();
}

TEST_F(CurvesViewTest, FollowsTheHubSelectionAndTheCheckedMetrics)
{
    show({studyRunWith("hyperband")});
    CurvesView view(*session_);  // built after the load: it starts from the hub's table
    view.resize(1200, 800);
    const std::set<TrialKey> selected = {table().key(2), table().key(9), table().key(20), table().key(40)};
    hub().setSelection(selected);
    EXPECT_FALSE(view.curveSet().fallback);
    EXPECT_EQ(keysOf(view.curveSet()), selected);
    std::set<std::string> ids;
    for (const CurveTrial& t : view.curveSet().trials)
        ids.insert(t.id);
    EXPECT_EQ(ids, (std::set<std::string>{table().trial(2).id, table().trial(9).id, table().trial(20).id,
                                          table().trial(40).id}));
    EXPECT_EQ(view.curveSet().metrics(), std::vector<std::string>{"val_acc"});
    EXPECT_EQ(view.headline(), QStringLiteral("4 selected trials"));
    EXPECT_EQ(view.plot()->panelCount(), 1u);

    // Checking val_loss in the list adds a panel below, on the same x axis.
    QListWidget* list = view.metricList();
    const QList<QListWidgetItem*> loss = list->findItems(QStringLiteral("val_loss"), Qt::MatchExactly);
    ASSERT_EQ(loss.size(), 1);
    loss.front()->setCheckState(Qt::Checked);
    EXPECT_EQ(view.curveSet().metrics(), (std::vector<std::string>{"val_acc", "val_loss"}));
    ASSERT_EQ(view.plot()->panelCount(), 2u);
    EXPECT_LT(view.plot()->plotRect(0).bottom(), view.plot()->plotRect(1).top());
    EXPECT_EQ(view.plot()->plotRect(0).left(), view.plot()->plotRect(1).left());
    EXPECT_EQ(view.plot()->plotRect(0).width(), view.plot()->plotRect(1).width());
    EXPECT_EQ(view.legend()->columnCount(), 4);  // trial, study (hidden), two final values

    // A smaller selection, then none: the fallback comes back.
    hub().setSelection({table().key(9)});
    EXPECT_EQ(keysOf(view.curveSet()), std::set<TrialKey>{table().key(9)});
    EXPECT_EQ(view.headline(), QStringLiteral("1 selected trial"));
    hub().clearSelection();
    EXPECT_TRUE(view.curveSet().fallback);

    for (int i = 0; i < list->count(); ++i)
        list->item(i)->setCheckState(Qt::Unchecked);
    EXPECT_EQ(view.emptyMessage(), QStringLiteral("Check a metric on the right to plot its learning curves."));
}

TEST_F(CurvesViewTest, HoverGoesBothWays)
{
    show({studyRunWith("random")});
    CurvesView view(*session_);
    view.resize(1200, 800);
    view.show();
    const std::set<TrialKey> selected = {table().key(3), table().key(10), table().key(17)};
    hub().setSelection(selected);

    // From the hub (another view hovering a trial) to the plot and the legend.
    const TrialKey key = table().key(10);
    hub().setHovered(key);
    hub().flush();
    EXPECT_EQ(view.plot()->highlighted(), std::optional(key));
    EXPECT_EQ(view.legend()->highlighted(), std::optional(key));
    ASSERT_NE(view.legend()->itemFor(key), nullptr);
    EXPECT_NE(view.legend()->itemFor(key)->background(0), QBrush());
    hub().setHovered(std::nullopt);
    hub().flush();
    EXPECT_FALSE(view.plot()->highlighted());

    // From the mouse over a curve to the hub.
    CurvesPlot* plot = view.plot();
    const std::size_t index = *view.curveSet().indexOf(table().key(17));
    const QPointF on = pointOf(*plot, 0, index);
    ASSERT_FALSE(on.isNull());
    sendMouse(plot, QEvent::MouseMove, on);
    hub().flush();
    EXPECT_EQ(hub().hovered(), std::optional(table().key(17)));
    EXPECT_EQ(plot->highlighted(), std::optional(table().key(17)));
    // Far from every curve: the hover ends.
    sendMouse(plot, QEvent::MouseMove, QPointF(2, 2));
    hub().flush();
    EXPECT_FALSE(hub().hovered());

    // A legend row hovers its trial too.
    CurvesLegend* legend = view.legend();
    QTreeWidgetItem* row = legend->itemFor(table().key(3));
    ASSERT_NE(row, nullptr);
    sendMouse(legend->viewport(), QEvent::MouseMove, legend->visualItemRect(row).center());
    hub().flush();
    EXPECT_EQ(hub().hovered(), std::optional(table().key(3)));
    EXPECT_EQ(plot->highlighted(), std::optional(table().key(3)));
}

TEST_F(CurvesViewTest, SmoothingChangesTheDrawnValuesAndKeepsTheRawLine)
{
    show({studyRunWith("random")});
    CurvesView view(*session_);
    view.resize(1200, 800);
    hub().setSelection({table().key(5), table().key(6)});
    const CurvesPlot* plot = view.plot();
    const CurvePolylines before = plot->drawnCurve(0, 0);
    ASSERT_FALSE(before.empty());
    EXPECT_TRUE(plot->drawnRawCurve(0, 0).empty());  // nothing to draw under the curve yet

    view.smoothingSlider()->setValue(10);
    EXPECT_EQ(view.curveSet().request.smoothingWindow, 10);
    const CurvePolylines after = plot->drawnCurve(0, 0);
    ASSERT_EQ(after.size(), before.size());
    ASSERT_EQ(after.front().size(), before.front().size());
    EXPECT_NE(after.front(), before.front());
    EXPECT_EQ(after.front().front().x(), before.front().front().x());
    // The raw curve stays, where the unsmoothed one was.
    EXPECT_EQ(plot->drawnRawCurve(0, 0), before);
    // Smoothing pulls the noisy start of a learning curve towards its neighbours.
    const CurveSeries& s = view.curveSet().trials[0].series[0];
    EXPECT_NE(s.smoothed, s.raw);

    view.smoothingSlider()->setValue(1);
    EXPECT_EQ(plot->drawnCurve(0, 0), before);
}

TEST_F(CurvesViewTest, PbtChildrenStartAtTheirStepLinkedToTheirParents)
{
    show({studyRunWith("pbt")});
    CurvesView view(*session_);
    view.resize(1200, 800);
    // Three generations: each continued the one before from some step.
    const std::vector<TrialKey> chain = deepestLineage();
    ASSERT_GE(chain.size(), 3u);
    const TrialKey root = chain[chain.size() - 3];
    const TrialKey middle = chain[chain.size() - 2];
    const TrialKey leaf = chain.back();
    hub().setSelection({root, middle, leaf});
    const CurveSet& set = view.curveSet();
    const CurveTrial& child = set.trials[*set.indexOf(leaf)];
    ASSERT_TRUE(child.parent);
    ASSERT_TRUE(child.startStep);
    EXPECT_EQ(set.trials[*child.parent].key, middle);
    ASSERT_FALSE(child.series[0].empty());
    EXPECT_GE(child.series[0].steps.front(), *child.startStep);
    const CurvePolylines& link = view.plot()->drawnConnector(0, *set.indexOf(leaf));
    ASSERT_FALSE(link.empty());
    // The link ends on the child's first point.
    EXPECT_EQ(link.back().back(), view.plot()->drawnCurve(0, *set.indexOf(leaf)).front().front());
    EXPECT_TRUE(view.plot()->drawnConnector(0, *set.indexOf(root)).empty());

    // Without the middle generation the leaf has no drawn parent: no link.
    hub().setSelection({root, leaf});
    EXPECT_TRUE(view.plot()->drawnConnector(0, *view.curveSet().indexOf(leaf)).empty());
}

TEST_F(CurvesViewTest, WallTimeLogScaleAndZoom)
{
    show({studyRunWith("random")});
    CurvesView view(*session_);
    view.resize(1200, 800);
    view.show();
    hub().setSelection({table().key(1), table().key(2), table().key(3)});
    CurvesPlot* plot = view.plot();

    QComboBox* x = view.xAxisBox();
    x->setCurrentIndex(x->findData(static_cast<int>(CurveXAxis::WallTime)));
    EXPECT_EQ(view.curveSet().request.xAxis, CurveXAxis::WallTime);
    const CurveSeries& s = view.curveSet().trials[0].series[0];
    const Curve& source = *table().trial(view.curveSet().trials[0].row).curve("val_acc");
    EXPECT_EQ(s.x, source.seconds);
    // The axis spans the seconds of every drawn curve.
    for (const CurveTrial& t : view.curveSet().trials) {
        EXPECT_LE(plot->xScale().range().low, t.series[0].x.front());
        EXPECT_GE(plot->xScale().range().high, t.series[0].x.back());
    }

    view.logBox()->setChecked(true);
    EXPECT_TRUE(plot->yScale(0).log());

    // The wheel zooms in around the mouse; the reset button and a double-click undo it.
    QToolButton* reset = view.findChild<QToolButton*>(QStringLiteral("curvesResetZoom"));
    ASSERT_NE(reset, nullptr);
    EXPECT_FALSE(reset->isEnabled());
    const auto full = plot->xScale().range();
    const QPointF centre = plot->plotRect(0).center();
    QWheelEvent wheel(centre, plot->mapToGlobal(centre), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(plot, &wheel);
    EXPECT_TRUE(plot->isZoomed());
    EXPECT_TRUE(reset->isEnabled());
    EXPECT_LT(plot->xScale().range().high - plot->xScale().range().low, (full.high - full.low) * 0.7);
    reset->click();
    EXPECT_FALSE(plot->isZoomed());
    EXPECT_EQ(plot->xScale().range(), full);

    // A rubber band (right drag) zooms to the area; a left drag pans.
    const QRectF area = plot->plotRect(0);
    const QPointF from(area.left() + area.width() * 0.25, area.top() + area.height() * 0.25);
    const QPointF to(area.left() + area.width() * 0.5, area.top() + area.height() * 0.75);
    const double expectedLow = plot->xScale().toValue(from.x());
    const double expectedHigh = plot->xScale().toValue(to.x());
    sendMouse(plot, QEvent::MouseButtonPress, from, Qt::RightButton);
    sendMouse(plot, QEvent::MouseMove, to, Qt::RightButton);
    sendMouse(plot, QEvent::MouseButtonRelease, to, Qt::RightButton);
    EXPECT_NEAR(plot->xScale().range().low, expectedLow, 1e-6 * full.high);
    EXPECT_NEAR(plot->xScale().range().high, expectedHigh, 1e-6 * full.high);
    const auto zoomed = plot->xScale().range();
    sendMouse(plot, QEvent::MouseButtonPress, centre, Qt::LeftButton);
    sendMouse(plot, QEvent::MouseMove, centre + QPointF(100, 0), Qt::LeftButton);
    sendMouse(plot, QEvent::MouseButtonRelease, centre + QPointF(100, 0), Qt::LeftButton);
    EXPECT_LT(plot->xScale().range().low, zoomed.low);  // the content moved right: earlier times show
    EXPECT_NEAR(plot->xScale().range().high - plot->xScale().range().low, zoomed.high - zoomed.low,
                1e-6 * full.high);
    sendMouse(plot, QEvent::MouseButtonDblClick, centre, Qt::LeftButton);
    EXPECT_FALSE(plot->isZoomed());
}

TEST_F(CurvesViewTest, SeveralStudiesAreColouredByStudy)
{
    const QStringList pair = refinementPair();
    show(pair);
    CurvesView view(*session_);

    // Two trials of each study: a study's trials share its hue, the studies differ.
    std::set<TrialKey> selected;
    std::vector<std::size_t> perStudy(2, 0);
    for (std::size_t row = 0; row < table().rows(); ++row)
        if (perStudy[table().studyOf(row)]++ < 2)
            selected.insert(table().key(row));
    hub().setSelection(selected);
    const CurveSet& set = view.curveSet();
    ASSERT_EQ(set.trials.size(), 4u);
    EXPECT_TRUE(set.colorByStudy);
    EXPECT_FALSE(view.legend()->isColumnHidden(CurvesLegend::StudyColumn));
    EXPECT_EQ(view.subline(), QStringLiteral("from %1, %2").arg(pair.front(), pair.back()));
    for (const CurveTrial& a : set.trials)
        for (const CurveTrial& b : set.trials) {
            if (a.key != b.key) {
                EXPECT_EQ(std::abs(a.color.hue() - b.color.hue()) <= 2, a.study == b.study) << a.id << " " << b.id;
            }
        }
    QTreeWidgetItem* row = view.legend()->itemFor(set.trials.front().key);
    ASSERT_NE(row, nullptr);
    EXPECT_EQ(row->text(CurvesLegend::StudyColumn), QString::fromStdString(table().study(set.trials.front().study).name));
}

TEST_F(CurvesViewTest, SaysWhenTheSelectedTrialsHaveNothingToDraw)
{
    const QString path = dir_.filePath(QStringLiteral("diverged.tendril"));
    {
        Study study;
        study.name = "diverged";
        study.objective = {"val_acc", Direction::Maximize};
        study.metrics = {{"val_loss", Direction::Minimize}};
        Trial fine;
        fine.id = "t0";
        fine.number = 0;
        fine.curveFor("val_acc").append(1, 0.3);
        fine.curveFor("val_acc").append(2, 0.5);
        fine.curveFor("val_loss").append(1, 1.0);
        fine.curveFor("val_loss").append(2, 0.8);
        fine.setMetric("val_acc", 0.5);
        Trial diverged;
        diverged.id = "t1";
        diverged.number = 1;
        diverged.state = TrialState::Failed;
        diverged.curveFor("val_acc").append(1, 0.1);
        diverged.curveFor("val_loss").append(1, std::nan(""));
        study.trials = {fine, diverged};
        Project(path.toStdString(), OpenMode::CreateIfMissing).addStudies({study});
    }
    ProjectSession session(path, OpenMode::ReadOnly);
    session.setSelectedStudies({QStringLiteral("diverged")});
    ASSERT_TRUE(session.waitUntilLoaded());
    CurvesView view(session);
    view.setCheckedMetrics({QStringLiteral("val_loss")});
    const TrialTable& t = *session.hub().table();
    session.hub().setSelection({t.key(1)});
    EXPECT_EQ(view.emptyMessage(), QStringLiteral("This trial reported no val_loss values."));

    session.hub().setSelection({t.key(0), t.key(1)});
    EXPECT_EQ(view.emptyMessage(), QString());
    EXPECT_EQ(view.curveSet().drawnTrialCount(), 1u);
    EXPECT_TRUE(view.subline().contains(QStringLiteral("1 without a curve of these metrics"))) << view.subline().toStdString();
    // Listed all the same, greyed, so the selection reads complete.
    EXPECT_EQ(view.legend()->topLevelItemCount(), 2);
}

// Looked at, and checked for content: the curves are there in their colours.
TEST_F(CurvesViewTest, ScreenshotsOfTheDemo)
{
    CurvesView view(*session_);
    view.resize(1200, 800);
    view.show();

    // Nothing selected in two studies: the best five stand in, coloured by study.
    show(refinementPair());
    QImage image = screenshot(view, QStringLiteral("curves_fallback_two_studies.png"));
    ASSERT_EQ(image.size(), QSize(1200, 800) * view.devicePixelRatio());
    ASSERT_TRUE(view.curveSet().fallback);
    const QRect plotArea = view.plot()->plotRect(0).toRect().translated(view.plot()->mapTo(&view, QPoint(0, 0)));
    EXPECT_GT(pixelsNear(image, plotArea, view.curveSet().trials.front().color), 20);

    // A few Hyperband configurations, promoted to different rungs.
    show({studyRunWith("hyperband")});
    std::set<TrialKey> hyperband;
    for (std::size_t row = 0; row < table().rows() && hyperband.size() < 8; ++row)
        if (table().trial(row).rung.value_or(0) >= 1 || row % 9 == 0)
            hyperband.insert(table().key(row));
    hub().setSelection(hyperband);
    view.setCheckedMetrics({QStringLiteral("val_acc"), QStringLiteral("val_loss")});
    image = screenshot(view, QStringLiteral("curves_hyperband.png"));
    EXPECT_GT(pixelsNear(image, plotArea, view.curveSet().trials.front().color), 20);

    // A PBT lineage: the longest chain of continuations, with smoothing.
    show({studyRunWith("pbt")});
    const std::vector<TrialKey> chain = deepestLineage();
    const std::set<TrialKey> lineage(chain.begin(), chain.end());
    ASSERT_GE(lineage.size(), 3u);
    hub().setSelection(lineage);
    view.smoothingSlider()->setValue(3);
    image = screenshot(view, QStringLiteral("curves_pbt_lineage.png"));
    EXPECT_GT(pixelsNear(image, plotArea, view.curveSet().trials.front().color), 20);
    std::size_t links = 0;
    for (std::size_t i = 0; i < view.curveSet().trials.size(); ++i)
        links += view.plot()->drawnConnector(0, i).empty() ? 0 : 1;
    EXPECT_EQ(links, lineage.size() - 1);

    // The same lineage on wall time with a log scale, the mouse on the newest member.
    view.xAxisBox()->setCurrentIndex(view.xAxisBox()->findData(static_cast<int>(CurveXAxis::WallTime)));
    view.logBox()->setChecked(true);
    const std::size_t newest = *view.curveSet().indexOf(chain.back());
    sendMouse(view.plot(), QEvent::MouseMove, pointOf(*view.plot(), 1, newest, 4));
    hub().flush();
    EXPECT_EQ(hub().hovered(), std::optional(view.curveSet().trials[newest].key));
    image = screenshot(view, QStringLiteral("curves_pbt_walltime_log_hover.png"));
    EXPECT_GT(pixelsNear(image, plotArea, view.curveSet().trials[newest].color), 20);
    view.logBox()->setChecked(false);
    view.xAxisBox()->setCurrentIndex(view.xAxisBox()->findData(static_cast<int>(CurveXAxis::Steps)));
    hub().setHovered(std::nullopt);

    // Fifty trials picked at random from two studies, one hovered.
    show({studyRunWith("random"), studyRunWith("tpe")});
    std::vector<TrialKey> all;
    for (std::size_t row = 0; row < table().rows(); ++row)
        all.push_back(table().key(row));
    ASSERT_GE(all.size(), 50u);
    std::shuffle(all.begin(), all.end(), std::mt19937(7));
    const std::set<TrialKey> fifty(all.begin(), all.begin() + 50);
    hub().setSelection(fifty);
    view.smoothingSlider()->setValue(1);
    view.setCheckedMetrics({QStringLiteral("val_acc")});
    const TrialKey hovered = view.curveSet().trials[3].key;
    hub().setHovered(hovered);
    hub().flush();
    image = screenshot(view, QStringLiteral("curves_50_trials_two_studies.png"));
    EXPECT_EQ(view.curveSet().drawnTrialCount(), 50u);
    EXPECT_GT(pixelsNear(image, plotArea, view.curveSet().trials[3].color), 40);
}

} // namespace
