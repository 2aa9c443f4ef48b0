// The trade-off view on the real demo project, driven with real mouse events under the offscreen
// platform: rectangle, lasso and click selection reach the hub, the "Selected experiments" table
// follows, hover and filters from the hub show, and the Pareto front is right.
#include "session/demo_project.hpp"
#include "session/project_session.hpp"
#include "style/state_style.hpp"
#include "style/study_colors.hpp"
#include "test_support.hpp"
#include "view_fit_check.hpp"
#include "plot/elided_label.hpp"
#include "views/selected/selected_model.hpp"
#include "views/selected/selected_view.hpp"
#include "views/tradeoff/scatter_geometry.hpp"
#include "views/tradeoff/scatter_plot.hpp"
#include "views/tradeoff/tradeoff_legend.hpp"
#include "views/tradeoff/tradeoff_view.hpp"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QMouseEvent>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace tendril;
using namespace tendril::app;
using tradeoff::ScatterPlot;

namespace {

class TradeoffViewTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir_.isValid());
        const QString path = dir_.filePath(QStringLiteral("demo.tendril"));
        ensureDemoProject(path);
        session_ = std::make_unique<ProjectSession>(path, OpenMode::ReadWrite);
        session_->setWatchInterval(0);
    }

    void show(const QStringList& studies)
    {
        session_->setSelectedStudies(studies);
        ASSERT_TRUE(session_->waitUntilLoaded());
        view_ = std::make_unique<TradeoffView>(*session_);
        view_->resize(1000, 700);
        view_->show();
        QCoreApplication::processEvents();  // the first layout, as before a real paint
    }

    SelectionHub& hub() { return session_->hub(); }
    const TrialTable& table() { return *hub().table(); }
    ScatterPlot& plot() { return *view_->plot(); }

    // The trials whose values on the plot's axes fall inside the pixel rectangle, computed from
    // the data through the inverse axis mapping, not from the drawn positions.
    std::set<TrialKey> trialsInside(QPoint a, QPoint b)
    {
        const auto& x = plot().xAxis();
        const auto& y = plot().yAxis();
        const double x0 = x.scale.toValue(std::min(a.x(), b.x())), x1 = x.scale.toValue(std::max(a.x(), b.x()));
        const double y0 = y.scale.toValue(std::max(a.y(), b.y())), y1 = y.scale.toValue(std::min(a.y(), b.y()));
        std::set<TrialKey> keys;
        for (std::size_t r = 0; r < table().rows(); ++r) {
            const double vx = x.values[r], vy = y.values[r];
            if (hub().isVisible(r, TradeoffView::kSource) && x.scale.drawable(vx) && y.scale.drawable(vy) && vx >= x0
                && vx <= x1 && vy >= y0 && vy <= y1)
                keys.insert(table().key(r));
        }
        return keys;
    }

    void drag(QPoint from, QPoint to, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QTest::mousePress(&plot(), Qt::LeftButton, modifiers, from);
        QTest::mouseMove(&plot(), (from + to) / 2);
        QTest::mouseMove(&plot(), to);
        QTest::mouseRelease(&plot(), Qt::LeftButton, modifiers, to);
    }

    // A drawn trial with no other visible trial within 12 px, so a click on it is unambiguous.
    std::optional<std::size_t> isolatedRow()
    {
        const auto& p = plot().positions();
        for (std::size_t r = 0; r < p.size(); ++r) {
            if (!tradeoff::isDrawable(p[r]) || !hub().isVisible(r, TradeoffView::kSource))
                continue;
            bool alone = true;
            for (std::size_t o = 0; o < p.size() && alone; ++o)
                alone = o == r || !tradeoff::isDrawable(p[o]) || std::hypot(p[o].x() - p[r].x(), p[o].y() - p[r].y()) > 12;
            if (alone)
                return r;
        }
        return std::nullopt;
    }

    void moveMouse(QPoint to)
    {
        QMouseEvent move(QEvent::MouseMove, QPointF(to), plot().mapToGlobal(QPointF(to)), Qt::NoButton, Qt::NoButton,
                         Qt::NoModifier);
        QApplication::sendEvent(&plot(), &move);
    }

    QTemporaryDir dir_;
    std::unique_ptr<ProjectSession> session_;
    std::unique_ptr<TradeoffView> view_;
};

// Three demo studies, preferring a random, a model-based and a bandit search so the plot shows
// every kind of marker; the demo's names are read from the bundled file.
QStringList threeStudies()
{
    const QStringList all = test::demoStudyNames();
    QStringList chosen;
    for (const char* kind : {"random", "tpe", "hyperband"})
        for (const QString& name : all)
            if (name.contains(QLatin1String(kind)) && !chosen.contains(name)) {
                chosen << name;
                break;
            }
    for (const QString& name : all)
        if (chosen.size() < 3 && !chosen.contains(name))
            chosen << name;
    return chosen;
}

// The metric named like a model size ("model_size_kb", "model_size_mb").
std::string modelSizeMetric(const TrialTable& table)
{
    for (const TableColumn& c : table.columns())
        if (c.kind == TableColumn::Kind::Metric && c.name.find("model_size") != std::string::npos)
            return c.name;
    return {};
}

TEST_F(TradeoffViewTest, ShowsTheObjectiveAgainstModelSizeByDefault)
{
    show(threeStudies());
    EXPECT_EQ(view_->yChooser()->currentData().toString(), QStringLiteral("m:val_acc"));
    ASSERT_FALSE(modelSizeMetric(table()).empty());
    EXPECT_EQ(view_->xChooser()->currentData().toString(), QStringLiteral("m:") + QString::fromStdString(modelSizeMetric(table())));
    EXPECT_TRUE(view_->xLogToggle()->isEnabled());
    EXPECT_FALSE(view_->xLogToggle()->isChecked());
    // Every trial that reports both values is drawn.
    const auto& acc = table().columns()[*table().objectiveColumn()].values;
    const auto& size = table().columns()[*table().metricColumn(modelSizeMetric(table()))].values;
    std::size_t both = 0;
    for (std::size_t r = 0; r < table().rows(); ++r)
        both += std::isfinite(acc[r]) && std::isfinite(size[r]);
    EXPECT_GT(both, 50u);
    EXPECT_EQ(plot().drawnRows(), both);
    const QStringList legend = view_->legend()->entries();
    for (const QString& study : threeStudies())
        EXPECT_TRUE(legend.contains(study)) << legend.join(u',').toStdString();
    // Every state that occurs gets its marker in the key.
    for (std::size_t r = 0; r < table().rows(); ++r)
        EXPECT_TRUE(legend.contains(stateLabel(table().trial(r).state))) << legend.join(u',').toStdString();
}

TEST_F(TradeoffViewTest, RectangleDragSelectsTheTrialsInsideAndTheSelectedTableFollows)
{
    show(threeStudies());
    SelectedView selected(*session_);
    const QRectF area = plot().plotArea();
    const QPoint from = (area.topLeft() + QPointF(area.width() * 0.05, area.height() * 0.05)).toPoint();
    const QPoint to = (area.topLeft() + QPointF(area.width() * 0.5, area.height() * 0.45)).toPoint();
    const std::set<TrialKey> expected = trialsInside(from, to);
    ASSERT_GE(expected.size(), 5u);

    drag(from, to);
    EXPECT_EQ(hub().selection(), expected);
    EXPECT_FALSE(selected.showingSuggestions());
    const auto& keys = selected.model()->keys();
    EXPECT_EQ(std::set<TrialKey>(keys.begin(), keys.end()), expected);

    // Ctrl adds a second rectangle; a plain drag replaces.
    const QPoint from2 = (area.topLeft() + QPointF(area.width() * 0.55, area.height() * 0.05)).toPoint();
    const QPoint to2 = (area.topLeft() + QPointF(area.width() * 0.95, area.height() * 0.6)).toPoint();
    std::set<TrialKey> both = expected;
    const std::set<TrialKey> second = trialsInside(from2, to2);
    ASSERT_FALSE(second.empty());
    both.insert(second.begin(), second.end());
    drag(from2, to2, Qt::ControlModifier);
    EXPECT_EQ(hub().selection(), both);
    EXPECT_EQ(selected.model()->rowCount(), static_cast<int>(both.size()));
    drag(from2, to2);
    EXPECT_EQ(hub().selection(), second);
    EXPECT_EQ(selected.model()->rowCount(), static_cast<int>(second.size()));
}

TEST_F(TradeoffViewTest, LassoSelectsInsideTheOutline)
{
    show(threeStudies());
    const QRectF area = plot().plotArea();
    const QPoint a = (area.topLeft() + QPointF(area.width() * 0.1, area.height() * 0.05)).toPoint();
    const QPoint c = (area.topLeft() + QPointF(area.width() * 0.7, area.height() * 0.5)).toPoint();
    const std::set<TrialKey> expected = trialsInside(a, c);
    ASSERT_GE(expected.size(), 5u);
    // Shift+drag draws a lasso; around the rectangle's corners it must pick what the rectangle holds.
    QTest::mousePress(&plot(), Qt::LeftButton, Qt::ShiftModifier, a);
    QTest::mouseMove(&plot(), QPoint(c.x(), a.y()));
    QTest::mouseMove(&plot(), c);
    QTest::mouseMove(&plot(), QPoint(a.x(), c.y()));
    QTest::mouseRelease(&plot(), Qt::LeftButton, Qt::ShiftModifier, a);
    EXPECT_EQ(hub().selection(), expected);

    // A triangle (half of that rectangle, through the toggle button) picks the trials below its diagonal.
    hub().clearSelection();
    view_->lassoToggle()->click();
    EXPECT_TRUE(plot().lassoMode());
    QTest::mousePress(&plot(), Qt::LeftButton, Qt::NoModifier, a);
    QTest::mouseMove(&plot(), c);
    QTest::mouseMove(&plot(), QPoint(a.x(), c.y()));
    QTest::mouseRelease(&plot(), Qt::LeftButton, Qt::NoModifier, a);
    std::set<TrialKey> belowDiagonal;
    for (const TrialKey key : expected) {
        const QPointF p = plot().positions()[*table().rowOf(key)];
        // Left of the line from a to c (in screen coordinates, y down).
        const double side = (c.x() - a.x()) * (p.y() - a.y()) - (c.y() - a.y()) * (p.x() - a.x());
        if (side > 0)
            belowDiagonal.insert(key);
    }
    ASSERT_FALSE(belowDiagonal.empty());
    EXPECT_EQ(hub().selection(), belowDiagonal);
}

TEST_F(TradeoffViewTest, ClickSelectsOneCtrlClickTogglesClickOnEmptySpaceClears)
{
    show(threeStudies());
    const auto row = isolatedRow();
    ASSERT_TRUE(row);
    const QPoint at = plot().positions()[*row].toPoint();
    QTest::mouseClick(&plot(), Qt::LeftButton, Qt::NoModifier, at);
    EXPECT_EQ(hub().selection(), std::set<TrialKey>{table().key(*row)});

    const QRectF area = plot().plotArea();
    const QPoint from = (area.topLeft() + QPointF(area.width() * 0.05, area.height() * 0.05)).toPoint();
    const QPoint to = (area.topLeft() + QPointF(area.width() * 0.5, area.height() * 0.5)).toPoint();
    drag(from, to, Qt::ControlModifier);
    std::set<TrialKey> expected = trialsInside(from, to);
    expected.insert(table().key(*row));
    EXPECT_EQ(hub().selection(), expected);
    QTest::mouseClick(&plot(), Qt::LeftButton, Qt::ControlModifier, at);
    expected.erase(table().key(*row));
    EXPECT_EQ(hub().selection(), expected);

    // A spot with no trial near it.
    QPoint empty;
    bool found = false;
    for (int y = static_cast<int>(area.top()) + 4; y < area.bottom() && !found; y += 8)
        for (int x = static_cast<int>(area.left()) + 4; x < area.right() && !found; x += 8)
            if (!tradeoff::nearestRow(plot().positions(), QPointF(x, y), 20.0)) {
                empty = QPoint(x, y);
                found = true;
            }
    ASSERT_TRUE(found);
    QTest::mouseClick(&plot(), Qt::LeftButton, Qt::ControlModifier, empty);
    EXPECT_EQ(hub().selection(), expected);  // Ctrl on empty space keeps the selection
    QTest::mouseClick(&plot(), Qt::LeftButton, Qt::NoModifier, empty);
    EXPECT_TRUE(hub().selection().empty());
}

TEST_F(TradeoffViewTest, HoverGoesToTheHubAndTheHubsHoverIsDrawn)
{
    show(threeStudies());
    const auto row = isolatedRow();
    ASSERT_TRUE(row);
    const QPoint at = plot().positions()[*row].toPoint();
    moveMouse(at + QPoint(2, 1));
    hub().flush();
    EXPECT_EQ(hub().hovered(), std::optional<TrialKey>(table().key(*row)));
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(&plot(), &leave);
    hub().flush();
    EXPECT_FALSE(hub().hovered());

    // Another view hovers the trial: the plot draws it larger than the plain marker.
    const QImage before = plot().grab().toImage();
    hub().setHovered(table().key(*row));
    hub().flush();
    const QImage after = plot().grab().toImage();
    const double ratio = after.devicePixelRatio();
    const QPoint ring = ((QPointF(at) + QPointF(0, 8.5)) * ratio).toPoint();
    EXPECT_NE(before.pixelColor(ring), after.pixelColor(ring));
}

TEST_F(TradeoffViewTest, TrialsOtherViewsFilterOutAreContextAndCannotBeSelected)
{
    show(threeStudies());
    const std::size_t acc = *table().metricColumn("val_acc");
    hub().setBrush(QStringLiteral("histogram"), {{acc, 0.8, 1.0, {}}});
    hub().flush();
    QCoreApplication::processEvents();
    EXPECT_TRUE(view_->statusText().contains(QStringLiteral(" filtered out")));
    const QRectF area = plot().plotArea();
    const QPoint from = area.topLeft().toPoint() + QPoint(1, 1), to = area.bottomRight().toPoint() - QPoint(1, 1);
    drag(from, to);
    ASSERT_FALSE(hub().selection().empty());
    EXPECT_EQ(hub().selection(), trialsInside(from, to));
    for (const TrialKey key : hub().selection())
        EXPECT_GE(table().columns()[acc].values[*table().rowOf(key)], 0.8);

    // A brush under the view's own name does not filter the view itself.
    const std::set<TrialKey> before = hub().selection();
    hub().setBrush(TradeoffView::kSource, {{acc, 0.0, 0.1, {}}});
    hub().flush();
    hub().clearSelection();
    drag(from, to);
    EXPECT_EQ(hub().selection(), before);
}

TEST_F(TradeoffViewTest, ParetoFrontOnTheDemoMatchesDominanceAmongVisibleCompleteTrials)
{
    show(threeStudies());
    ASSERT_TRUE(plot().hasFront());
    const std::vector<double>& size = table().columns()[*table().metricColumn(modelSizeMetric(table()))].values;
    const std::vector<double>& acc = table().columns()[*table().objectiveColumn()].values;
    const auto candidate = [&](std::size_t r) {
        return table().trial(r).state == TrialState::Complete && std::isfinite(size[r]) && std::isfinite(acc[r]);
    };
    std::vector<std::size_t> expected;
    for (std::size_t i = 0; i < table().rows(); ++i) {
        if (!candidate(i))
            continue;
        bool dominated = false;
        for (std::size_t j = 0; j < table().rows() && !dominated; ++j)
            dominated = candidate(j) && size[j] <= size[i] && acc[j] >= acc[i] && (size[j] < size[i] || acc[j] > acc[i]);
        if (!dominated)
            expected.push_back(i);
    }
    std::vector<std::size_t> front = plot().frontRows();
    std::sort(front.begin(), front.end());
    EXPECT_EQ(front, expected);
    EXPECT_GE(front.size(), 3u);
    EXPECT_TRUE(view_->legend()->entries().contains(QStringLiteral("Pareto front")));
    EXPECT_TRUE(view_->statusText().contains(QStringLiteral("%1 on the Pareto front").arg(front.size())));

    // Against a parameter sampled on a log scale: no front, and a log axis from the start.
    const auto logParam = std::find_if(table().columns().begin(), table().columns().end(), [](const TableColumn& c) {
        return c.kind == TableColumn::Kind::Param && c.log;
    });
    ASSERT_NE(logParam, table().columns().end());
    const int lr = view_->xChooser()->findData(QStringLiteral("p:") + QString::fromStdString(logParam->name));
    ASSERT_GE(lr, 0);
    view_->xChooser()->setCurrentIndex(lr);
    EXPECT_FALSE(plot().hasFront());
    EXPECT_TRUE(plot().frontRows().empty());
    EXPECT_TRUE(view_->xLogToggle()->isChecked());
    EXPECT_TRUE(plot().xAxis().scale.log());
    view_->xLogToggle()->setChecked(false);
    EXPECT_FALSE(plot().xAxis().scale.log());
}

TEST_F(TradeoffViewTest, SaysWhatIsMissingWhileLoadingAndWhenNothingIsShown)
{
    view_ = std::make_unique<TradeoffView>(*session_);
    EXPECT_EQ(plot().emptyText(), QStringLiteral("Show one or more studies to plot their trials against two metrics"));
    EXPECT_FALSE(view_->xChooser()->isEnabled());
    session_->setSelectedStudies(threeStudies());
    EXPECT_EQ(plot().emptyText(), QStringLiteral("Loading the shown studies…"));
    ASSERT_TRUE(session_->waitUntilLoaded());
    EXPECT_GT(plot().drawnRows(), 0u);
    EXPECT_TRUE(view_->xChooser()->isEnabled());
}

TEST_F(TradeoffViewTest, KeepsTheChosenAxesWhenTheShownStudiesChange)
{
    show(threeStudies());
    view_->showColumns(*table().metricColumn("train_seconds"), *table().metricColumn("val_loss"));
    EXPECT_EQ(view_->yChooser()->currentData().toString(), QStringLiteral("m:val_loss"));
    EXPECT_EQ(plot().yAxis().title, QStringLiteral("val_loss ↓"));
    session_->setSelectedStudies({threeStudies()[1]});
    ASSERT_TRUE(session_->waitUntilLoaded());
    EXPECT_EQ(view_->xChooser()->currentData().toString(), QStringLiteral("m:train_seconds"));
    EXPECT_EQ(plot().xAxis().title, QStringLiteral("train_seconds ↓"));
    EXPECT_EQ(plot().yAxis().title, QStringLiteral("val_loss ↓"));
    session_->setSelectedStudies({});
    ASSERT_TRUE(session_->waitUntilLoaded());
    EXPECT_EQ(plot().drawnRows(), 0u);
}

TEST_F(TradeoffViewTest, TheKeyWrapsInsteadOfWideningTheView)
{
    show({test::demoStudyNames().front()});
    const int narrowest = view_->minimumSizeHint().width();
    show(test::demoStudyNames());
    ASSERT_GE(table().studyCount(), 5u);
    // Every study of the demo in the key, and the view is no wider for it: the key takes more lines.
    EXPECT_EQ(view_->minimumSizeHint().width(), narrowest);
    const QWidget* legend = view_->legend();
    EXPECT_GT(legend->heightForWidth(350), legend->heightForWidth(1600));
    view_->resize(narrowest, 600);
    QCoreApplication::processEvents();
    EXPECT_EQ(view_->width(), narrowest);
    EXPECT_GT(plot().plotArea().width(), 200);
}

// Renders the view for people to look at (saved when TENDRIL_SCREENSHOT_DIR is set) and checks
// that what is drawn carries each shown study's colour.
TEST_F(TradeoffViewTest, ScreenshotsShowEveryShownStudy)
{
    for (const QStringList& studies : {QStringList{threeStudies()[1]}, threeStudies()}) {
        show(studies);
        std::set<TrialKey> some;
        for (std::size_t r = 0; r < table().rows() && some.size() < 4; r += 13)
            if (tradeoff::isDrawable(plot().positions()[r]))
                some.insert(table().key(r));
        hub().setSelection(some);
        hub().flush();
        QCoreApplication::processEvents();  // layouts settle as they would before a real paint
        EXPECT_TRUE(view_->statusText().endsWith(QStringLiteral("%1 selected").arg(some.size())));
        const QImage image = view_->grab().toImage().convertToFormat(QImage::Format_RGB32);
        for (qsizetype s = 0; s < studies.size(); ++s) {
            const QColor color = studyColor(static_cast<std::size_t>(s));
            int matches = 0;
            for (int y = 0; y < image.height(); y += 1)
                for (int x = 0; x < image.width(); x += 1) {
                    const QColor c = image.pixelColor(x, y);
                    // Markers are slightly translucent over white, hence the tolerance.
                    matches += std::abs(c.red() - color.red()) < 28 && std::abs(c.green() - color.green()) < 28
                        && std::abs(c.blue() - color.blue()) < 28;
                }
            EXPECT_GT(matches, 200) << studies[s].toStdString();
        }
        const QString out = qEnvironmentVariable("TENDRIL_SCREENSHOT_DIR");
        if (!out.isEmpty()) {
            ASSERT_TRUE(image.save(QDir(out).filePath(QStringLiteral("tradeoff_%1_studies.png").arg(studies.size()))));
        }
        hub().clearSelection();
    }
}

// At the size of a narrow, short dock the controls wrap onto more lines, the status elides with
// its whole text on hover, and nothing is cut off; wide, everything sits on one line.
TEST_F(TradeoffViewTest, FitsANarrowShortDock)
{
    show(threeStudies());
    std::set<TrialKey> some;
    for (std::size_t r = 0; r < table().rows() && some.size() < 5; r += 11)
        if (tradeoff::isDrawable(plot().positions()[r]))
            some.insert(table().key(r));
    hub().setSelection(some);
    hub().flush();
    test::expectNarrowMinimum(*view_);

    test::resizeAndCheck(*view_, QSize(420, 300), QStringLiteral("tradeoff_420x300.png"));
    ASSERT_EQ(view_->size(), QSize(420, 300));
    const QRect x(view_->xChooser()->mapTo(view_.get(), QPoint(0, 0)), view_->xChooser()->size());
    const QRect y(view_->yChooser()->mapTo(view_.get(), QPoint(0, 0)), view_->yChooser()->size());
    EXPECT_GT(x.top(), y.bottom());  // the x axis's controls went to the next line
    EXPECT_GT(plot().plotArea().height(), 50);
    const auto* status = view_->findChild<plot::ElidedLabel*>(QStringLiteral("tradeoffStatus"));
    ASSERT_NE(status, nullptr);
    EXPECT_EQ(status->fullText(), view_->statusText());

    test::resizeAndCheck(*view_, QSize(420, 600), QStringLiteral("tradeoff_420x600.png"));
    EXPECT_GT(plot().plotArea().width(), 200);

    test::resizeAndCheck(*view_, QSize(1200, 800), QStringLiteral("tradeoff_1200x800.png"));
    const QRect wideX(view_->xChooser()->mapTo(view_.get(), QPoint(0, 0)), view_->xChooser()->size());
    const QRect wideY(view_->yChooser()->mapTo(view_.get(), QPoint(0, 0)), view_->yChooser()->size());
    EXPECT_EQ(wideX.top(), wideY.top());
    EXPECT_FALSE(status->isElided());
}

} // namespace
