// The search-space overview on the real demo project, driven with real mouse events under the
// offscreen platform: brushing reaches the hub with the dragged range, other views' brushes grey
// lines out, the brush list edits the brush, top k %, hover, click and axis moves reach the hub,
// "Refine from brushes" asks the control panel, and screenshots of a random, a Hyperband and a PBT
// study in both themes are checked for content.
#include "session/demo_project.hpp"
#include "session/importance_service.hpp"
#include "session/project_session.hpp"
#include "style/app_style.hpp"
#include "style/labels.hpp"
#include "style/plot_colors.hpp"
#include "test_support.hpp"
#include "views/space/brush_table.hpp"
#include "views/space/parallel_plot.hpp"
#include "views/space/space_legend.hpp"
#include "views/space/space_view.hpp"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace tendril;
using namespace tendril::app;
using space::ParallelPlot;

namespace {

class SpaceViewTest : public ::testing::Test {
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

    void TearDown() override { setTheme(Theme::Light, false); }

    void show(const QStringList& studies, QSize size = {1100, 760})
    {
        session_->setSelectedStudies(studies);
        ASSERT_TRUE(session_->waitUntilLoaded());
        view_ = std::make_unique<SpaceView>(*session_);
        view_->resize(size);
        view_->show();
        ASSERT_TRUE(view_->waitUntilSettled());
    }

    SelectionHub& hub() { return session_->hub(); }
    const TrialTable& table() { return *hub().table(); }
    ParallelPlot& plot() { return *view_->plot(); }

    std::size_t axisOf(const std::string& name)
    {
        for (std::size_t a = 0; a < plot().axes().size(); ++a)
            if (table().columns()[plot().axes()[a].column()].name == name)
                return a;
        ADD_FAILURE() << "no axis " << name;
        return 0;
    }

    void drag(QPoint from, QPoint to, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QTest::mousePress(&plot(), Qt::LeftButton, modifiers, from);
        QTest::mouseMove(&plot(), (from + to) / 2);
        QTest::mouseMove(&plot(), to);
        QTest::mouseRelease(&plot(), Qt::LeftButton, modifiers, to);
    }

    void moveMouse(QPoint to)
    {
        QMouseEvent move(QEvent::MouseMove, QPointF(to), plot().mapToGlobal(QPointF(to)), Qt::NoButton,
                         Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(&plot(), &move);
    }

    // A point in the middle of a gap on row's line with no other line of `others` within 4 px.
    std::optional<QPoint> isolatedPoint(std::size_t row, const std::vector<char>& others)
    {
        const auto& scene = *plot().scene();
        const auto& xs = plot().axisX();
        for (std::size_t gap = 0; gap + 1 < xs.size(); ++gap) {
            const double y = 0.5 * (scene.row(row)[gap] + scene.row(row)[gap + 1]);
            bool alone = true;
            for (std::size_t r = 0; r < scene.rows && alone; ++r)
                if (r != row && others[r])
                    alone = std::fabs(0.5 * (scene.row(r)[gap] + scene.row(r)[gap + 1]) - y) > 4.0;
            if (alone)
                return QPoint((xs[gap] + xs[gap + 1]) / 2, static_cast<int>(std::floor(y)));
        }
        return std::nullopt;
    }

    // The opacity of a layer at a point; a layer with nothing in it has no image.
    static int alphaAt(const QImage& layer, QPoint p) { return layer.isNull() ? 0 : qAlpha(layer.pixel(p)); }

    // Pixels of the plot's axes area that differ from the canvas.
    static double inkedShare(const QImage& shot, const QRectF& area, QColor canvas)
    {
        std::size_t inked = 0, total = 0;
        for (int y = static_cast<int>(area.top()); y < static_cast<int>(area.bottom()); y += 2)
            for (int x = static_cast<int>(area.left()); x < static_cast<int>(area.right()); x += 2) {
                const QColor c = shot.pixelColor(x, y);
                inked += std::abs(c.red() - canvas.red()) + std::abs(c.green() - canvas.green())
                        + std::abs(c.blue() - canvas.blue()) > 24;
                ++total;
            }
        return total ? static_cast<double>(inked) / total : 0.0;
    }

    QTemporaryDir dir_;
    std::unique_ptr<ProjectSession> session_;
    std::unique_ptr<SpaceView> view_;
};

QString demoStudy(const QString& algorithm)
{
    for (const QString& name : test::demoStudyNames())
        if (name == QStringLiteral("digits-") + algorithm)
            return name;
    ADD_FAILURE() << "the demo has no " << algorithm.toStdString() << " study";
    return {};
}

TEST_F(SpaceViewTest, DraggingOnAnAxisSetsTheHubBrushToTheDraggedRange)
{
    show({demoStudy(QStringLiteral("random"))});
    const std::size_t axis = axisOf("learning_rate_init");
    const QPoint from = plot().pointAt(axis, 2e-3).toPoint();
    const QPoint to = plot().pointAt(axis, 3e-2).toPoint();
    drag(from, to);
    const auto held = hub().brushes().find(SpaceView::kSource);
    ASSERT_NE(held, hub().brushes().end());
    ASSERT_EQ(held->second.size(), 1u);
    const ColumnRange expected = *plot().axes()[axis].rangeFromPixels(from.y(), to.y());
    EXPECT_EQ(held->second.front(), expected);
    EXPECT_EQ(held->second.front().column, *table().paramColumn("learning_rate_init"));
    EXPECT_NEAR(std::log10(expected.low), std::log10(2e-3), 0.02);
    EXPECT_NEAR(std::log10(expected.high), std::log10(3e-2), 0.02);
    // The brush list reads it as numbers.
    EXPECT_EQ(view_->brushTable()->table()->rowCount(), 1);
    EXPECT_FALSE(view_->brushTable()->findChild<QLabel*>(QStringLiteral("spaceBrushPlaceholder"))->isVisibleTo(view_.get()));

    // A second range on the same axis is an alternative; dragging the first one moves it.
    const QPoint low = plot().pointAt(axis, 2e-4).toPoint();
    drag(low, plot().pointAt(axis, 5e-4).toPoint());
    ASSERT_EQ(hub().brushes().at(SpaceView::kSource).size(), 2u);
    const space::PixelBand band = plot().axes()[axis].pixelsOf(hub().brushes().at(SpaceView::kSource)[0]);
    const QPoint inside(from.x(), static_cast<int>(band.center()));
    drag(inside, inside + QPoint(0, 30));
    const ColumnRange moved = hub().brushes().at(SpaceView::kSource)[0];
    EXPECT_LT(moved.high, expected.high);
    EXPECT_NEAR(std::log10(moved.high) - std::log10(moved.low), std::log10(expected.high) - std::log10(expected.low),
                0.01);
    // A click on a range removes it.
    const space::PixelBand second = plot().axes()[axis].pixelsOf(hub().brushes().at(SpaceView::kSource)[1]);
    QTest::mouseClick(&plot(), Qt::LeftButton, Qt::NoModifier, QPoint(from.x(), static_cast<int>(second.center())));
    ASSERT_EQ(hub().brushes().at(SpaceView::kSource).size(), 1u);
    EXPECT_EQ(hub().brushes().at(SpaceView::kSource)[0], moved);
}

TEST_F(SpaceViewTest, OwnBrushKeepsOutsideTrialsAsGreyContextAndFiltersNothingItself)
{
    show({demoStudy(QStringLiteral("random"))});
    const std::size_t axis = axisOf("val_acc");
    const plot::ValueRange values = plot().axes()[axis].range();
    drag(plot().pointAt(axis, values.high).toPoint(),
         plot().pointAt(axis, values.low + 0.75 * (values.high - values.low)).toPoint());
    hub().flush();
    ASSERT_TRUE(view_->waitUntilSettled());
    const TableColumn& acc = table().columns()[*table().metricColumn("val_acc")];
    const ColumnRange range = hub().brushes().at(SpaceView::kSource).front();
    std::size_t inside = 0;
    for (std::size_t r = 0; r < table().rows(); ++r) {
        EXPECT_EQ(plot().focusRows()[r] != 0, range.contains(acc.values[r])) << r;
        inside += plot().focusRows()[r] != 0;
    }
    ASSERT_GT(inside, 0u);
    ASSERT_LT(inside, table().rows());
    // Every trial is still drawn here: the ones outside the brush in the context layer.
    EXPECT_EQ(hub().visible(SpaceView::kSource), std::vector<char>(table().rows(), 1));
    for (std::size_t r = 0; r < table().rows(); ++r) {
        if (plot().focusRows()[r])
            continue;
        if (const auto p = isolatedPoint(r, plot().focusRows())) {
            EXPECT_GT(alphaAt(plot().contextImage(), *p), 0);
            EXPECT_EQ(alphaAt(plot().focusImage(), *p), 0);
            return;
        }
    }
    ADD_FAILURE() << "no trial outside the brush is apart from the others";
}

TEST_F(SpaceViewTest, AnotherViewsBrushGreysItsTrialsOut)
{
    show({demoStudy(QStringLiteral("random"))});
    const std::size_t accColumn = *table().metricColumn("val_acc");
    hub().setBrush(QStringLiteral("overview"), {ColumnRange{accColumn, 0.96, 1.0, {}}});
    hub().flush();
    ASSERT_TRUE(view_->waitUntilSettled());
    const TableColumn& acc = table().columns()[accColumn];
    std::size_t filtered = 0;
    for (std::size_t r = 0; r < table().rows(); ++r) {
        const bool passes = acc.values[r] >= 0.96;
        EXPECT_EQ(plot().focusRows()[r] != 0, passes) << r;
        filtered += !passes;
    }
    ASSERT_GT(filtered, 0u);
    EXPECT_TRUE(view_->statusText().contains(QStringLiteral("%1 filtered out by other views").arg(filtered)))
        << view_->statusText().toStdString();
    bool checked = false;
    for (std::size_t r = 0; r < table().rows() && !checked; ++r) {
        if (plot().focusRows()[r])
            continue;
        if (const auto p = isolatedPoint(r, plot().focusRows())) {
            EXPECT_GT(alphaAt(plot().contextImage(), *p), 0);
            EXPECT_EQ(alphaAt(plot().focusImage(), *p), 0);
            EXPECT_EQ(alphaAt(plot().selectionImage(), *p), 0);
            checked = true;
        }
    }
    EXPECT_TRUE(checked);
    // The other view's brush never shows up as this view's.
    EXPECT_TRUE(view_->brush().empty());
    EXPECT_EQ(view_->brushTable()->table()->rowCount(), 0);
}

TEST_F(SpaceViewTest, TheBrushListEditsTheBrushAndRefusesWhatItCannotRead)
{
    show({demoStudy(QStringLiteral("random"))});
    const std::size_t lr = *table().paramColumn("learning_rate_init");
    const std::size_t activation = *table().paramColumn("activation");
    view_->setBrush({ColumnRange{lr, 1e-3, 1e-2, {}}, ColumnRange{activation, 0, 0, {0}}});
    QTableWidget* list = view_->brushTable()->table();
    ASSERT_EQ(list->rowCount(), 2);
    EXPECT_EQ(list->item(0, 1)->text(), QStringLiteral("0.001"));
    EXPECT_EQ(list->item(0, 2)->text(), QStringLiteral("0.01"));
    EXPECT_EQ(list->item(1, 1)->text(), QStringLiteral("relu"));

    list->item(0, 2)->setText(QStringLiteral("0.05"));
    ColumnRange widened{lr, 1e-3, 0.05, {}};
    EXPECT_EQ(hub().brushes().at(SpaceView::kSource).front(), widened);
    EXPECT_TRUE(view_->brushTable()->errorText().isEmpty());

    // Categories with a gap become two alternatives.
    list->item(1, 1)->setText(QStringLiteral("relu, logistic"));
    const Brush brush = hub().brushes().at(SpaceView::kSource);
    ASSERT_EQ(brush.size(), 3u);
    EXPECT_EQ(brush[1].categories, std::vector<int>{0});
    EXPECT_EQ(brush[2].categories, std::vector<int>{2});

    list->item(0, 1)->setText(QStringLiteral("fast"));
    EXPECT_EQ(view_->brushTable()->errorText(),
              QStringLiteral("⚠ learning_rate_init from: expected a number, got 'fast'"));
    EXPECT_EQ(hub().brushes().at(SpaceView::kSource), brush);
    EXPECT_EQ(list->item(0, 1)->text(), QStringLiteral("0.001"));
    list->item(1, 1)->setText(QStringLiteral("elu"));
    EXPECT_TRUE(view_->brushTable()->errorText().contains(QStringLiteral("'elu' is not a category of activation")));
    EXPECT_EQ(hub().brushes().at(SpaceView::kSource), brush);
}

TEST_F(SpaceViewTest, TopKBrushesTheObjectiveAndRefineAsksTheControlPanel)
{
    show({demoStudy(QStringLiteral("random"))});
    QSignalSpy refine(session_.get(), &ProjectSession::refineRequested);
    EXPECT_FALSE(view_->refineButton()->isEnabled());
    view_->topPercent()->setValue(25);
    view_->topToggle()->setChecked(true);
    const std::size_t accColumn = *table().metricColumn("val_acc");
    const Brush& brush = hub().brushes().at(SpaceView::kSource);
    ASSERT_EQ(brush.size(), 1u);
    EXPECT_EQ(brush.front().column, accColumn);
    const TableColumn& acc = table().columns()[accColumn];
    std::size_t reported = 0, kept = 0;
    for (const double v : acc.values) {
        reported += std::isfinite(v);
        kept += brush.front().contains(v);
    }
    EXPECT_GE(kept, static_cast<std::size_t>(std::ceil(0.25 * reported)));
    EXPECT_LE(kept, static_cast<std::size_t>(std::ceil(0.25 * reported)) + 2);  // ties at the cutoff
    EXPECT_FALSE(view_->refineButton()->isEnabled());  // a metric range narrows no space

    // Another objective: the toggle stays on and ranks by it, the lowest loss being the best.
    view_->metricChooser()->setCurrentIndex(view_->metricChooser()->findData(QStringLiteral("val_loss")));
    const std::size_t lossColumn = *table().metricColumn("val_loss");
    EXPECT_TRUE(view_->topToggle()->isChecked());
    ASSERT_EQ(hub().brushes().at(SpaceView::kSource).size(), 1u);
    const ColumnRange lossRange = hub().brushes().at(SpaceView::kSource).front();
    EXPECT_EQ(lossRange.column, lossColumn);
    const TableColumn& loss = table().columns()[lossColumn];
    const double lowest = *std::min_element(loss.values.begin(), loss.values.end(), [](double a, double b) {
        return std::isnan(b) || (!std::isnan(a) && a < b);
    });
    EXPECT_EQ(lossRange.low, lowest);
    EXPECT_EQ(plot().axes().back().column(), lossColumn);
    view_->metricChooser()->setCurrentIndex(view_->metricChooser()->findData(QStringLiteral("val_acc")));
    ASSERT_EQ(hub().brushes().at(SpaceView::kSource).front().column, accColumn);

    // A parameter range makes Refine possible; the top range stays.
    const std::size_t axis = axisOf("alpha");
    drag(plot().pointAt(axis, 1e-5).toPoint(), plot().pointAt(axis, 1e-3).toPoint());
    EXPECT_EQ(hub().brushes().at(SpaceView::kSource).size(), 2u);
    EXPECT_TRUE(view_->topToggle()->isChecked());
    ASSERT_TRUE(view_->refineButton()->isEnabled());
    QTest::mouseClick(view_->refineButton(), Qt::LeftButton);
    EXPECT_EQ(refine.count(), 1);

    // Turning the toggle off takes its range away and leaves the user's.
    view_->topToggle()->setChecked(false);
    ASSERT_EQ(hub().brushes().at(SpaceView::kSource).size(), 1u);
    EXPECT_EQ(hub().brushes().at(SpaceView::kSource).front().column, *table().paramColumn("alpha"));
    QTest::mouseClick(view_->clearButton(), Qt::LeftButton);
    EXPECT_EQ(hub().brushes().count(SpaceView::kSource), 0u);
}

TEST_F(SpaceViewTest, HoverAndClicksOnLinesReachTheHub)
{
    show({demoStudy(QStringLiteral("random"))});
    const std::vector<char> all(table().rows(), 1);
    std::optional<std::size_t> row;
    std::optional<QPoint> at;
    for (std::size_t r = 0; r < table().rows() && !at; ++r)
        if ((at = isolatedPoint(r, all)))
            row = r;
    ASSERT_TRUE(at);
    moveMouse(*at);
    hub().flush();
    EXPECT_EQ(hub().hovered(), std::optional<TrialKey>(table().key(*row)));
    QTest::mouseClick(&plot(), Qt::LeftButton, Qt::NoModifier, *at);
    EXPECT_EQ(hub().selection(), std::set<TrialKey>{table().key(*row)});
    ASSERT_TRUE(view_->waitUntilSettled());
    EXPECT_GT(alphaAt(plot().selectionImage(), *at), 0);
    // Ctrl toggles; a click on nothing clears.
    QTest::mouseClick(&plot(), Qt::LeftButton, Qt::ControlModifier, *at);
    EXPECT_TRUE(hub().selection().empty());
    QTest::mouseClick(&plot(), Qt::LeftButton, Qt::NoModifier, *at);
    QTest::mouseClick(&plot(), Qt::LeftButton, Qt::NoModifier, QPoint(plot().width() - 3, plot().height() - 3));
    EXPECT_TRUE(hub().selection().empty());
    // A trial hovered elsewhere is drawn here.
    hub().setHovered(table().key(0));
    hub().flush();
    EXPECT_TRUE(view_->statusText().size() > 0);
}

TEST_F(SpaceViewTest, DraggingATitleMovesTheAxisAndTheMenuHidesOne)
{
    show({demoStudy(QStringLiteral("random"))});
    const std::vector<std::size_t> before = view_->axisOrder().shown();
    ASSERT_GE(before.size(), 4u);
    const QPoint from = plot().titleRect(0).center().toPoint();
    const QPoint to = plot().titleRect(2).center().toPoint();
    drag(from, to);
    const std::vector<std::size_t> after = view_->axisOrder().shown();
    EXPECT_EQ(after[2], before[0]);
    EXPECT_EQ(after[0], before[1]);
    EXPECT_EQ(plot().axes()[2].column(), before[0]);
    EXPECT_EQ(view_->axisOrder().mode(), space::AxisOrder::Mode::Manual);
    EXPECT_EQ(plot().axes().back().column(), *view_->metricColumn());  // the objective stays last

    // Hiding an axis through the Axes menu.
    QMenu* menu = view_->axesButton()->menu();
    emit menu->aboutToShow();
    QAction* first = menu->actions().front();
    ASSERT_TRUE(first->isChecked());
    first->setChecked(false);
    EXPECT_EQ(plot().axes().size(), after.size());  // one hyperparameter fewer, plus the objective
    EXPECT_TRUE(view_->axisOrder().hidden(view_->axisOrder().columns().front()));
}

TEST_F(SpaceViewTest, EmptyStatesSayWhy)
{
    session_->setSelectedStudies({});
    view_ = std::make_unique<SpaceView>(*session_);
    view_->resize(600, 400);
    EXPECT_TRUE(plot().empty());
    const QImage shot = view_->grab().toImage();
    EXPECT_FALSE(shot.isNull());
    EXPECT_FALSE(view_->refineButton()->isEnabled());
    EXPECT_FALSE(view_->topToggle()->isEnabled());
}

struct Shot {
    QStringList algorithms;
    QSize size;
    Theme theme;
};

TEST_F(SpaceViewTest, ScreenshotsOfRandomHyperbandAndPbtStudiesHaveContent)
{
    const QString random = QStringLiteral("random"), hyperband = QStringLiteral("hyperband"), pbt = QStringLiteral("pbt");
    const std::vector<Shot> shots = {
        {{random}, {1200, 800}, Theme::Light},    {{random}, {420, 700}, Theme::Light},
        {{hyperband}, {1200, 800}, Theme::Light}, {{pbt}, {1200, 800}, Theme::Light},
        {{random}, {1200, 800}, Theme::Dark},     {{hyperband}, {420, 700}, Theme::Dark},
        {{pbt}, {1200, 800}, Theme::Dark},        {{random, pbt}, {1200, 800}, Theme::Light},
    };
    for (const Shot& s : shots) {
        const QString label = s.algorithms.join(u'+');
        SCOPED_TRACE(label.toStdString());
        setTheme(s.theme, false);
        QStringList studies;
        for (const QString& algorithm : s.algorithms)
            studies << demoStudy(algorithm);
        show(studies, s.size);
        // The best parameter active, as a user would look at it.
        ASSERT_FALSE(view_->importanceBars().empty());
        view_->activateParameter(QString::fromStdString(view_->importanceBars().bars().front().param));
        ASSERT_TRUE(view_->waitUntilSettled());
        const QImage shot = view_->grab().toImage();
        const QString name = QStringLiteral("/tmp/space_%1_%2x%3_%4.png")
                                 .arg(label)
                                 .arg(s.size.width())
                                 .arg(s.size.height())
                                 .arg(themeName(s.theme));
        shot.save(name);
        const PlotColors colors = PlotColors::of(plot());
        EXPECT_EQ(colors.dark, s.theme == Theme::Dark);
        const QRectF area = plot().axesArea().translated(plot().mapTo(view_.get(), QPoint(0, 0)));
        EXPECT_GT(inkedShare(shot, area, colors.canvas), 0.08) << name.toStdString();
        // Performance colours: some green lines.
        std::size_t green = 0;
        for (int y = static_cast<int>(area.top()); y < area.bottom(); y += 3)
            for (int x = static_cast<int>(area.left()); x < area.right(); x += 3) {
                const QColor c = shot.pixelColor(x, y);
                green += c.green() > c.red() + 25 && c.green() > c.blue() + 10;
            }
        EXPECT_GT(green, 30u) << name.toStdString();
        // Nothing in the view is wider than the view: the toolbar wrapped.
        EXPECT_LE(view_->minimumSizeHint().width(), std::max(420, s.size.width()));
        EXPECT_TRUE(view_->legend()->isVisible());
        // Expected performance along the axes, unless the engine had nothing to fit (the PBT
        // demo's complete trials all reached the same accuracy: it says so instead).
        if (view_->importanceBars().note().empty())
            EXPECT_FALSE(view_->expectedCells().empty());
        else
            EXPECT_TRUE(view_->importanceText().contains(qstr(view_->importanceBars().note())));
    }
}

} // namespace
