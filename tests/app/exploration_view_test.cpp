// The exploration overview on the real demo project, driven with real mouse events under the
// offscreen platform: hovering a point sets the hub's hovered trial and highlights exactly its
// lineage (ancestors and descendants, computed here independently), a trial hovered elsewhere is
// highlighted here, clicks select, other views' brushes turn trials into context, the colour range
// handles drive the colours, and the view fits a narrow dock.
#include "session/demo_project.hpp"
#include "session/project_session.hpp"
#include "style/study_colors.hpp"
#include "views/exploration/color_range_bar.hpp"
#include "views/exploration/exploration_canvas.hpp"
#include "views/exploration/exploration_view.hpp"

#include <QApplication>
#include <QComboBox>
#include <QMouseEvent>
#include <QScrollArea>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using namespace tendril;
using namespace tendril::app;
using namespace tendril::app::exploration;

namespace {

class ExplorationViewTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir_.isValid());
        const QString path = dir_.filePath(QStringLiteral("demo.tendril"));
        ensureDemoProject(path);
        session_ = std::make_unique<ProjectSession>(path, OpenMode::ReadWrite);
        session_->setWatchInterval(0);
    }

    void show(const QStringList& studies, QSize size = QSize(1200, 800))
    {
        session_->setSelectedStudies(studies);
        ASSERT_TRUE(session_->waitUntilLoaded());
        view_ = std::make_unique<ExplorationView>(*session_);
        view_->resize(size);
        view_->show();
        QApplication::processEvents();
        // The cells are drawn on a worker; hovers and highlights are on what is drawn.
        if (canvas().isVisible())
            ASSERT_TRUE(canvas().waitForPicture());
    }

    SelectionHub& hub() { return session_->hub(); }
    const TrialTable& table() { return *hub().table(); }
    ExplorationCanvas& canvas() { return *view_->canvas(); }

    // Paints the view (the highlight is recorded while painting).
    void paint()
    {
        hub().flush();
        QApplication::processEvents();
        view_->grab();
    }

    // The rows of a trial's ancestors, itself and descendants, from the study's parent ids alone.
    std::vector<std::size_t> lineageRows(std::size_t row)
    {
        const std::size_t study = table().studyOf(row);
        std::vector<std::size_t> rows;
        for (std::size_t r = 0; r < table().rows(); ++r)
            if (table().studyOf(r) == study)
                rows.push_back(r);
        const auto rowOfId = [&](const std::string& id) -> std::optional<std::size_t> {
            for (const std::size_t r : rows)
                if (table().trial(r).id == id)
                    return r;
            return std::nullopt;
        };
        std::set<std::size_t> family{row};
        for (auto up = rowOfId(table().trial(row).parent); up; up = rowOfId(table().trial(*up).parent))
            family.insert(*up);
        // Descendants: any trial whose chain of parents reaches the row.
        for (const std::size_t r : rows)
            for (auto up = rowOfId(table().trial(r).parent); up; up = rowOfId(table().trial(*up).parent))
                if (*up == row)
                    family.insert(r);
        return {family.begin(), family.end()};
    }

    // A cell of the canvas showing a parameter, and a point in it of a trial with relatives.
    std::pair<std::size_t, std::size_t> pointWithRelatives()
    {
        for (std::size_t c = 0; c < canvas().cellCount(); ++c) {
            const CellScene& scene = canvas().scene(c);
            if (scene.isPerformance())
                continue;
            // A point the pointer can reach: not under a nearer one.
            const double radius = std::max(ExplorationCanvas::kPickRadius, scene.dot / 2.0 + 2.0);
            for (std::size_t i = 0; i < scene.points.size(); ++i)
                if (scene.points[i].final && scene.pointAt(scene.points[i].pos, radius) == i
                    && lineageRows(scene.points[i].row).size() >= 3)
                    return {c, i};
        }
        ADD_FAILURE() << "no trial with relatives";
        return {0, 0};
    }

    QPoint inViewport(QPoint canvasPoint) { return canvas().mapTo(view_.get(), canvasPoint); }

    QTemporaryDir dir_;
    std::unique_ptr<ProjectSession> session_;
    std::unique_ptr<ExplorationView> view_;
};

TEST_F(ExplorationViewTest, SaysWhatIsMissingWhenNothingIsShown)
{
    show({});
    EXPECT_TRUE(view_->showsPlaceholder());
    EXPECT_NE(view_->placeholderText().indexOf(QStringLiteral("Show one or more studies")), -1);
    session_->setSelectedStudies({QStringLiteral("digits-pbt")});
    ASSERT_TRUE(session_->waitUntilLoaded());
    QApplication::processEvents();
    EXPECT_FALSE(view_->showsPlaceholder());
    EXPECT_EQ(canvas().shownTracks(), std::vector<std::size_t>{0});
}

TEST_F(ExplorationViewTest, HoveringAPointHighlightsItsWholeLineageAndTellsTheHub)
{
    show({QStringLiteral("digits-pbt")});
    const auto [cell, point] = pointWithRelatives();
    const std::size_t row = canvas().scene(cell).points[point].row;
    QTest::mouseMove(&canvas(), canvas().pointPosition(cell, point));
    paint();
    ASSERT_TRUE(hub().hovered());
    EXPECT_EQ(*hub().hovered(), table().key(row));
    EXPECT_EQ(canvas().highlightedRows(), lineageRows(row));
    EXPECT_GE(canvas().highlightedRows().size(), 3u);

    // Moving off every point lets go of the hover this view set.
    QTest::mouseMove(&canvas(), QPoint(2, 2));
    paint();
    EXPECT_FALSE(hub().hovered());
    EXPECT_TRUE(canvas().highlightedRows().empty());
}

TEST_F(ExplorationViewTest, ATrialHoveredInAnotherViewIsHighlightedHere)
{
    show({QStringLiteral("digits-hyperband"), QStringLiteral("digits-pbt")});
    // Each PBT trial in turn, as another view would hover it.
    for (std::size_t row = 0; row < table().rows(); ++row) {
        if (table().studyOf(row) != 1)
            continue;
        hub().setHovered(table().key(row));
        paint();
        EXPECT_EQ(canvas().highlightedRows(), lineageRows(row)) << table().trial(row).id;
    }
    // A Hyperband configuration has no relatives: only itself.
    hub().setHovered(table().key(11));
    paint();
    EXPECT_EQ(canvas().highlightedRows(), std::vector<std::size_t>{11});
    // A hover this view did not set survives the pointer passing over empty space.
    QTest::mouseMove(&canvas(), QPoint(3, 3));
    hub().flush();
    EXPECT_EQ(hub().hovered(), table().key(11));
}

TEST_F(ExplorationViewTest, ClicksSelectAndCtrlAddsOrRemoves)
{
    show({QStringLiteral("digits-hyperband")});
    const CellScene& scene = canvas().scene(1);
    std::vector<std::size_t> finals;
    // Final points that no other point covers.
    for (std::size_t i = 0; i < scene.points.size() && finals.size() < 2; ++i)
        if (scene.points[i].final && scene.pointAt(scene.points[i].pos, ExplorationCanvas::kPickRadius) == i)
            finals.push_back(i);
    ASSERT_EQ(finals.size(), 2u);
    const TrialKey first = table().key(scene.points[finals[0]].row);
    const TrialKey second = table().key(scene.points[finals[1]].row);
    QTest::mouseClick(&canvas(), Qt::LeftButton, Qt::NoModifier, canvas().pointPosition(1, finals[0]));
    EXPECT_EQ(hub().selection(), std::set<TrialKey>{first});
    QTest::mouseClick(&canvas(), Qt::LeftButton, Qt::ControlModifier, canvas().pointPosition(1, finals[1]));
    EXPECT_EQ(hub().selection(), (std::set<TrialKey>{first, second}));
    QTest::mouseClick(&canvas(), Qt::LeftButton, Qt::ControlModifier, canvas().pointPosition(1, finals[0]));
    EXPECT_EQ(hub().selection(), std::set<TrialKey>{second});
    EXPECT_NE(view_->statusText().indexOf(QStringLiteral("1 selected")), -1);
    QTest::mouseClick(&canvas(), Qt::LeftButton, Qt::NoModifier, QPoint(3, 3));
    EXPECT_TRUE(hub().selection().empty());
}

TEST_F(ExplorationViewTest, TrialsFilteredOutElsewhereBecomeContext)
{
    show({QStringLiteral("digits-random")});
    canvas().renderLayers();
    const std::size_t all = canvas().report(1).points;
    EXPECT_EQ(canvas().report(1).contextPoints, 0u);
    // Another view keeps the trials above 0.95 accuracy.
    const std::size_t acc = *table().objectiveColumn();
    hub().setBrush(QStringLiteral("overview"), {ColumnRange{acc, 0.95, 1.0, {}}});
    hub().flush();
    canvas().renderLayers();
    const std::size_t kept = hub().visibleCount(ExplorationView::kSource);
    ASSERT_GT(kept, 0u);
    ASSERT_LT(kept, table().rows());
    EXPECT_EQ(canvas().report(1).points, kept);
    EXPECT_EQ(canvas().report(1).contextPoints, all - kept);
    EXPECT_NE(view_->statusText().indexOf(QStringLiteral("filtered out elsewhere")), -1);
}

TEST_F(ExplorationViewTest, PaintShowsTheLastPictureWhileTheNextIsDrawn)
{
    show({QStringLiteral("digits-random")});
    ASSERT_TRUE(canvas().waitForPicture());
    EXPECT_FALSE(canvas().busy());
    const QImage before = canvas().grab().toImage();
    const std::size_t all = canvas().report(1).points;
    const std::size_t acc = *table().objectiveColumn();
    hub().setBrush(QStringLiteral("overview"), {ColumnRange{acc, 0.95, 1.0, {}}});
    hub().flush();
    // The new layers are drawn on a worker and arrive through the event loop: until then a paint
    // shows the last picture instead of waiting.
    EXPECT_FALSE(canvas().pictureIsCurrent());
    EXPECT_TRUE(canvas().busy());
    EXPECT_TRUE(canvas().property("busy").toBool()) << "screenshots wait for the property";
    EXPECT_EQ(canvas().grab().toImage(), before);
    ASSERT_TRUE(canvas().waitForPicture());
    EXPECT_FALSE(canvas().busy());
    EXPECT_NE(canvas().grab().toImage(), before);
    const std::size_t kept = hub().visibleCount(ExplorationView::kSource);
    EXPECT_EQ(canvas().report(1).points, kept);
    EXPECT_EQ(canvas().report(1).contextPoints, all - kept);
}

TEST_F(ExplorationViewTest, AHiddenCanvasDrawsOnlyOnceShown)
{
    show({QStringLiteral("digits-random")});
    ASSERT_TRUE(canvas().waitForPicture());
    view_->hide();
    const std::size_t acc = *table().objectiveColumn();
    hub().setBrush(QStringLiteral("overview"), {ColumnRange{acc, 0.95, 1.0, {}}});
    hub().flush();
    QApplication::processEvents();
    EXPECT_FALSE(canvas().busy()) << "nothing is drawn for a view nobody sees";
    EXPECT_FALSE(canvas().pictureIsCurrent());
    view_->show();
    EXPECT_TRUE(canvas().busy());
    ASSERT_TRUE(canvas().waitForPicture());
    EXPECT_EQ(canvas().report(1).points, hub().visibleCount(ExplorationView::kSource));
}

TEST_F(ExplorationViewTest, TheColourRangeHandlesRecolourThePlots)
{
    show({QStringLiteral("digits-tpe")});
    ColorRangeBar& bar = *view_->colorRange();
    const ColorRange extent = *view_->data()->valueExtent();
    EXPECT_EQ(bar.range(), extent) << "by default the whole range";
    // Drag the low end to the middle of the bar.
    const QPoint from = bar.handlePosition(0);
    const QPoint to(bar.width() / 2, from.y());
    QTest::mousePress(&bar, Qt::LeftButton, Qt::NoModifier, from);
    QMouseEvent move(QEvent::MouseMove, QPointF(to), bar.mapToGlobal(QPointF(to)), Qt::NoButton, Qt::LeftButton,
                     Qt::NoModifier);
    QApplication::sendEvent(&bar, &move);
    QTest::mouseRelease(&bar, Qt::LeftButton, Qt::NoModifier, to);
    EXPECT_NEAR(bar.range().low, (extent.low + extent.high) / 2.0, (extent.high - extent.low) * 0.03);
    EXPECT_EQ(bar.range().high, extent.high);
    EXPECT_FALSE(bar.isWholeExtent());
    // The performance plot's area follows: its first column in the colour of its value in the new range.
    const CellScene& performance = canvas().scene(0);
    ASSERT_TRUE(performance.isPerformance());
    const QPoint bottom = canvas().cellRect(0).topLeft() +
                          QPointF(performance.xAxis.center(0), performance.plot.bottom() - 3.0).toPoint();
    const QColor expected = performanceColor(view_->data()->performance(performance.bestSoFar[0], bar.range()));
    ASSERT_TRUE(canvas().waitForPicture());
    const QColor drawn = canvas().grab().toImage().pixelColor(bottom);
    EXPECT_NEAR(drawn.red(), expected.red(), 3);
    EXPECT_NEAR(drawn.green(), expected.green(), 3);
    EXPECT_NEAR(drawn.blue(), expected.blue(), 3);
    QTest::mouseDClick(&bar, Qt::LeftButton, Qt::NoModifier, to);
    EXPECT_TRUE(bar.isWholeExtent());
}

TEST_F(ExplorationViewTest, FitsANarrowDockWithoutCuttingAnythingOff)
{
    show({QStringLiteral("digits-hyperband")}, QSize(420, 700));
    auto* scroll = view_->findChild<QScrollArea*>(QStringLiteral("explorationScroll"));
    ASSERT_NE(scroll, nullptr);
    EXPECT_LE(canvas().width(), scroll->viewport()->width());
    for (std::size_t c = 0; c < canvas().cellCount(); ++c)
        EXPECT_LE(canvas().cellRect(c).right(), canvas().width());
    // Every header control lies within the view.
    for (QWidget* w : view_->findChildren<QWidget*>()) {
        if (!w->isVisible() || scroll->isAncestorOf(w) || w == scroll)
            continue;
        const QRect r(w->mapTo(view_.get(), QPoint(0, 0)), w->size());
        EXPECT_LE(r.right(), view_->width()) << w->metaObject()->className() << " " << w->objectName().toStdString();
    }
    // Several studies side by side scroll sideways instead of squeezing their plots.
    session_->setSelectedStudies({QStringLiteral("digits-hyperband"), QStringLiteral("digits-pbt")});
    ASSERT_TRUE(session_->waitUntilLoaded());
    QApplication::processEvents();
    EXPECT_GT(canvas().width(), scroll->viewport()->width());
    EXPECT_GE(canvas().cellRect(0).width(), 250);
}

TEST_F(ExplorationViewTest, TheChosenStudySurvivesAReload)
{
    show({QStringLiteral("digits-hyperband"), QStringLiteral("digits-pbt")});
    QComboBox& chooser = *view_->studyChooser();
    ASSERT_EQ(chooser.count(), 3);
    EXPECT_EQ(canvas().shownTracks(), (std::vector<std::size_t>{0, 1}));
    chooser.setCurrentIndex(chooser.findData(QStringLiteral("digits-pbt")));
    EXPECT_EQ(canvas().shownTracks(), std::vector<std::size_t>{1});
    EXPECT_EQ(canvas().canvasLayout().captions.size(), 0u) << "one study fills the view";
    EXPECT_TRUE(view_->statusText().startsWith(QStringLiteral("35 trials"))) << view_->statusText().toStdString();
    session_->reload();
    ASSERT_TRUE(session_->waitUntilLoaded());
    hub().flush();
    QApplication::processEvents();
    EXPECT_EQ(chooser.currentData().toString(), QStringLiteral("digits-pbt"));
    EXPECT_EQ(canvas().shownTracks(), std::vector<std::size_t>{1});
}

} // namespace
