// The "Selected experiments" view on the demo project: suggestions when nothing is selected,
// copying, removing, clearing, hover and double-click, driven through real widgets.
#include "session/demo_project.hpp"
#include "session/project_session.hpp"
#include "test_support.hpp"
#include "view_fit_check.hpp"
#include "views/selected/selected_model.hpp"
#include "views/selected/selected_rows.hpp"
#include "views/selected/selected_view.hpp"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QHeaderView>
#include <QImage>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace tendril;
using namespace tendril::app;

namespace {

class SelectedViewTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir_.isValid());
        const QString path = dir_.filePath(QStringLiteral("demo.tendril"));
        ensureDemoProject(path);
        session_ = std::make_unique<ProjectSession>(path, OpenMode::ReadWrite);
        session_->setWatchInterval(0);
        const QStringList demo = test::demoStudyNames();
        ASSERT_GE(demo.size(), 4);
        session_->setSelectedStudies({demo[0], demo[2]});
        ASSERT_TRUE(session_->waitUntilLoaded());
        view_ = std::make_unique<SelectedView>(*session_);
        view_->resize(1200, 500);
        view_->show();
        // Shortcuts (Delete, Ctrl+C) only fire in the active window.
        view_->activateWindow();
        EXPECT_TRUE(QTest::qWaitForWindowActive(view_.get()));
    }

    SelectionHub& hub() { return session_->hub(); }
    const TrialTable& table() { return *hub().table(); }
    selected::SelectedTrialsModel& model() { return *view_->model(); }
    QTableView& tableView() { return *view_->table(); }

    QPushButton* button(const QString& text)
    {
        for (QPushButton* b : view_->findChildren<QPushButton*>())
            if (b->text() == text)
                return b;
        return nullptr;
    }

    void highlightRows(std::initializer_list<int> rows)
    {
        QItemSelectionModel* selection = tableView().selectionModel();
        selection->clearSelection();
        for (const int r : rows)
            selection->select(model().index(r, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }

    QTemporaryDir dir_;
    std::unique_ptr<ProjectSession> session_;
    std::unique_ptr<SelectedView> view_;
};

std::set<TrialKey> firstKeys(const TrialTable& table, std::size_t count, std::size_t step)
{
    std::set<TrialKey> keys;
    for (std::size_t r = 0; r < table.rows() && keys.size() < count; r += step)
        keys.insert(table.key(r));
    return keys;
}

TEST_F(SelectedViewTest, NothingSelectedSaysSoAndSuggestsTheTopTenToSelectInOneClick)
{
    ASSERT_TRUE(view_->showingSuggestions());
    const std::vector<TrialKey> top = selected::suggestedTrials(table(), {}, SelectedView::kSuggestionCount);
    ASSERT_EQ(top.size(), 10u);
    EXPECT_EQ(model().keys(), top);  // best first: the default sort is the objective, descending
    auto* notice = view_->findChild<QLabel*>(QStringLiteral("selectedNoticeText"));
    ASSERT_TRUE(notice);
    EXPECT_TRUE(notice->isVisible());
    EXPECT_TRUE(notice->text().contains(QStringLiteral("No trials are selected")));
    EXPECT_FALSE(button(QStringLiteral("Remove from selection"))->isEnabled());

    QTest::mouseClick(button(QStringLiteral("Select these")), Qt::LeftButton);
    EXPECT_EQ(hub().selection(), std::set<TrialKey>(top.begin(), top.end()));
    EXPECT_FALSE(view_->showingSuggestions());
    EXPECT_FALSE(notice->isVisible());
    EXPECT_EQ(model().rowCount(), 10);

    // Suggestions follow the other views' brushes.
    hub().clearSelection();
    const std::size_t acc = *table().objectiveColumn();
    const double threshold = table().columns()[acc].values[*table().rowOf(top[2])];
    hub().setBrush(QStringLiteral("histogram"), {{acc, 0.0, threshold, {}}});
    hub().flush();
    EXPECT_EQ(model().keys().front(), top[2]);
}

TEST_F(SelectedViewTest, DeleteRemovesHighlightedTrialsFromTheSelectionAndClearEmptiesIt)
{
    const std::set<TrialKey> chosen = firstKeys(table(), 6, 17);
    hub().setSelection(chosen);
    ASSERT_EQ(model().rowCount(), 6);
    highlightRows({0, 2});
    const TrialKey gone0 = model().keyAt(0), gone2 = model().keyAt(2);
    EXPECT_TRUE(button(QStringLiteral("Remove from selection"))->isEnabled());
    tableView().setFocus();
    QTest::keyClick(&tableView(), Qt::Key_Delete);
    std::set<TrialKey> expected = chosen;
    expected.erase(gone0);
    expected.erase(gone2);
    EXPECT_EQ(hub().selection(), expected);
    EXPECT_EQ(model().rowCount(), 4);
    EXPECT_EQ(model().rowOf(gone0), -1);

    QTest::mouseClick(button(QStringLiteral("Clear selection")), Qt::LeftButton);
    EXPECT_TRUE(hub().selection().empty());
    EXPECT_TRUE(view_->showingSuggestions());
}

TEST_F(SelectedViewTest, CopyPutsCsvOfTheHighlightedRowsOrAllRowsOnTheClipboard)
{
    hub().setSelection(firstKeys(table(), 5, 9));
    QApplication::clipboard()->clear();
    QTest::mouseClick(button(QStringLiteral("Copy as CSV")), Qt::LeftButton);
    const QString all = QApplication::clipboard()->text();
    EXPECT_EQ(all, model().toCsv());
    const QStringList lines = all.split(u'\n', Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 6);
    // A header row of plain names: the fixed columns, the objective first, one name per column.
    EXPECT_TRUE(lines[0].startsWith(QStringLiteral("study,trial,state,") + QString::fromStdString(table().objective()->metric) + u','));
    EXPECT_EQ(lines[0].split(u',').size(), model().columnCount());
    // The objective with every digit, as the file holds it.
    const TrialKey first = model().keyAt(0);
    const std::size_t row = *table().rowOf(first);
    const double value = table().columns()[*table().objectiveColumn()].values[row];
    EXPECT_EQ(lines[1].split(u',')[3].toDouble(), value);
    EXPECT_TRUE(lines[1].startsWith(QString::fromStdString(table().study(table().studyOf(row)).name + "," +
                                                           table().trial(row).id + ",")));

    highlightRows({1, 3});
    tableView().setFocus();
    QTest::keyClick(&tableView(), Qt::Key_C, Qt::ControlModifier);
    EXPECT_EQ(QApplication::clipboard()->text(), model().toCsv({1, 3}));
}

TEST_F(SelectedViewTest, DoubleClickFocusesTheSelectionOnTheTrialAndAsksForItsAnalysis)
{
    hub().setSelection(firstKeys(table(), 4, 11));
    std::vector<TrialKey> opened;
    QObject::connect(view_.get(), &SelectedView::openModelAnalysis, [&](TrialKey key) {
        // The selection is already focused when the signal arrives.
        EXPECT_EQ(hub().selection(), std::set<TrialKey>{key});
        opened.push_back(key);
    });
    const TrialKey target = model().keyAt(2);
    const QRect cell = tableView().visualRect(model().index(2, 4));
    // A double click is a press and release followed by the double-click event.
    QTest::mouseClick(tableView().viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    QTest::mouseDClick(tableView().viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    QTest::mouseRelease(tableView().viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    ASSERT_EQ(opened.size(), 1u);
    EXPECT_EQ(opened[0], target);
    EXPECT_EQ(model().keys(), std::vector<TrialKey>{target});
}

TEST_F(SelectedViewTest, HoverGoesBothWays)
{
    hub().setSelection(firstKeys(table(), 4, 11));
    const QRect cell = tableView().visualRect(model().index(1, 3));
    QMouseEvent move(QEvent::MouseMove, QPointF(cell.center()), tableView().viewport()->mapToGlobal(QPointF(cell.center())),
                     Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(tableView().viewport(), &move);
    hub().flush();
    EXPECT_EQ(hub().hovered(), std::optional<TrialKey>(model().keyAt(1)));
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(tableView().viewport(), &leave);
    hub().flush();
    EXPECT_FALSE(hub().hovered());

    // Hovered elsewhere: the row is tinted.
    hub().setHovered(model().keyAt(3));
    hub().flush();
    EXPECT_TRUE(model().index(3, 0).data(Qt::BackgroundRole).isValid());
    EXPECT_FALSE(model().index(1, 0).data(Qt::BackgroundRole).isValid());
}

TEST_F(SelectedViewTest, ModelStaysConsistentThroughSessionChanges)
{
    test::ModelTesterLog log;
    QAbstractItemModelTester tester(&model(), QAbstractItemModelTester::FailureReportingMode::Warning);
    hub().setSelection(firstKeys(table(), 8, 5));
    tableView().sortByColumn(selected::SelectedTrialsModel::TrialColumn, Qt::AscendingOrder);
    hub().setSelection(firstKeys(table(), 3, 7));
    const QStringList demo = test::demoStudyNames();
    session_->setSelectedStudies({demo[3], demo[2]});
    ASSERT_TRUE(session_->waitUntilLoaded());
    EXPECT_EQ(model().table(), hub().table());
    hub().setSelection(firstKeys(table(), 12, 3));
    EXPECT_EQ(model().rowCount(), 12);
    session_->setSelectedStudies({});
    ASSERT_TRUE(session_->waitUntilLoaded());
    EXPECT_EQ(model().rowCount(), 0);
    EXPECT_TRUE(log.failures().isEmpty()) << log.failures().join(QStringLiteral("\n")).toStdString();
}

TEST_F(SelectedViewTest, PlaceholderSaysWhatIsMissing)
{
    const auto* placeholder = view_->findChild<QLabel*>(QStringLiteral("selectedPlaceholder"));
    ASSERT_TRUE(placeholder);
    session_->setSelectedStudies({});
    ASSERT_TRUE(session_->waitUntilLoaded());
    EXPECT_TRUE(placeholder->isVisible());
    EXPECT_EQ(placeholder->text(), QStringLiteral("Show a study to compare its trials here"));
    EXPECT_FALSE(button(QStringLiteral("Copy as CSV"))->isEnabled());
    // Nothing shown yet while the next studies load.
    session_->setSelectedStudies({test::demoStudyNames()[1]});
    EXPECT_EQ(placeholder->text(), QStringLiteral("Loading the shown studies…"));
    ASSERT_TRUE(session_->waitUntilLoaded());
    EXPECT_FALSE(placeholder->isVisible());
    EXPECT_TRUE(view_->showingSuggestions());
    EXPECT_GT(model().rowCount(), 0);
}

TEST_F(SelectedViewTest, Screenshot)
{
    hub().setSelection(firstKeys(table(), 7, 13));
    QCoreApplication::processEvents();  // layouts settle as they would before a real paint
    const QImage image = view_->grab().toImage();
    EXPECT_FALSE(image.isNull());
    EXPECT_EQ(tableView().model()->rowCount(), 7);
    const QString out = qEnvironmentVariable("TENDRIL_SCREENSHOT_DIR");
    if (!out.isEmpty()) {
        ASSERT_TRUE(image.save(QDir(out).filePath(QStringLiteral("selected_2_studies.png"))));
        hub().clearSelection();
        QCoreApplication::processEvents();
        ASSERT_TRUE(view_->grab().save(QDir(out).filePath(QStringLiteral("selected_suggestions.png"))));
    }
}

// In a narrow, short dock the buttons wrap under the titles and none is cut off, whether the view
// shows the selection or suggestions.
TEST_F(SelectedViewTest, FitsANarrowShortDock)
{
    hub().setSelection(firstKeys(table(), 7, 13));
    QCoreApplication::processEvents();
    test::expectNarrowMinimum(*view_);

    test::resizeAndCheck(*view_, QSize(420, 300), QStringLiteral("selected_420x300.png"));
    ASSERT_EQ(view_->size(), QSize(420, 300));
    QPushButton* copy = button(QStringLiteral("Copy as CSV"));
    QPushButton* clear = button(QStringLiteral("Clear selection"));
    ASSERT_TRUE(copy && clear);
    const auto* title = view_->findChild<QLabel*>(QStringLiteral("selectedSubtitle"));
    ASSERT_NE(title, nullptr);
    EXPECT_GT(copy->mapTo(view_.get(), QPoint(0, 0)).y(), title->mapTo(view_.get(), QPoint(0, 0)).y());
    EXPECT_GT(tableView().height(), 80);

    test::resizeAndCheck(*view_, QSize(420, 600), QStringLiteral("selected_420x600.png"));
    hub().clearSelection();
    QCoreApplication::processEvents();
    EXPECT_TRUE(view_->showingSuggestions());
    EXPECT_EQ(test::controlsCutOff(*view_), QStringList{});  // the "Select these" notice too
    test::keepForLooking(view_->grab().toImage(), QStringLiteral("selected_420x600_suggestions.png"));

    hub().setSelection(firstKeys(table(), 7, 13));
    test::resizeAndCheck(*view_, QSize(1200, 800), QStringLiteral("selected_1200x800.png"));
    // Wide, the buttons share the titles' line.
    EXPECT_LT(copy->mapTo(view_.get(), QPoint(0, 0)).y(), title->mapTo(view_.get(), QPoint(0, title->height())).y());
}

} // namespace
