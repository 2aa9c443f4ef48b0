// The importance view on the real demo project, under the offscreen platform: its rows are the
// engine's analysis of the visible trials, choosing a row shows the right detail, and the detail's
// gestures reach the hub (brush ranges, hover, selection).
#include "session/demo_project.hpp"
#include "session/importance_service.hpp"
#include "session/project_session.hpp"
#include "style/app_style.hpp"
#include "style/plot_colors.hpp"
#include "style/study_colors.hpp"
#include "test_support.hpp"
#include "views/importance/detail_plot.hpp"
#include "views/importance/importance_text.hpp"
#include "views/importance/importance_view.hpp"
#include "views/importance/matrix_plot.hpp"

#include "tendril/store/project.hpp"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QMouseEvent>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

using namespace tendril;
using namespace tendril::app;
using namespace tendril::app::importance;

namespace tendril::app::importance {
// Readable term keys in assertion messages.
inline void PrintTo(const TermKey& key, std::ostream* out)
{
    *out << '"' << key.first << (key.isPair() ? " x " + key.second : std::string()) << '"';
}
} // namespace tendril::app::importance

namespace {

constexpr int kTrees = 16;

QStringList demoStudies(std::initializer_list<const char*> kinds)
{
    QStringList chosen;
    for (const char* kind : kinds)
        for (const QString& name : test::demoStudyNames())
            if (name.endsWith(QLatin1String(kind)) && !chosen.contains(name)) {
                chosen << name;
                break;
            }
    return chosen;
}

class ImportanceViewTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir_.isValid());
        open(dir_.filePath(QStringLiteral("demo.tendril")), true);
    }

    void open(const QString& path, bool demo)
    {
        view_.reset();
        session_.reset();
        if (demo)
            ensureDemoProject(path);
        session_ = std::make_unique<ProjectSession>(path, OpenMode::ReadWrite);
        session_->setWatchInterval(0);
        ImportanceService& service = ImportanceService::of(*session_);
        service.setDelay(0);
        service.setTrees(kTrees);
    }

    void show(const QStringList& studies, QSize size = {1200, 800})
    {
        session_->setSelectedStudies(studies);
        ASSERT_TRUE(session_->waitUntilLoaded());
        view_ = std::make_unique<ImportanceView>(*session_);
        view_->resize(size);
        view_->show();
        ASSERT_TRUE(settle());
    }

    // Runs the event loop until the service and the detail have caught up with the hub.
    bool settle(int timeoutMs = 30000)
    {
        ImportanceService& service = ImportanceService::of(*session_);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
        while (std::chrono::steady_clock::now() < deadline) {
            hub().flush();
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            const bool caughtUp = !service.busy() && !view_->detailPending() && view_->shownResult() == service.result()
                && (!service.result() || service.result()->table == hub().table());
            if (caughtUp) {
                QCoreApplication::processEvents();
                return true;
            }
            QTest::qWait(5);
        }
        return false;
    }

    SelectionHub& hub() { return session_->hub(); }
    const TrialTable& table() { return *hub().table(); }
    DetailPlot& detail() { return *view_->detail(); }
    const ImportanceMatrix& matrix() { return view_->matrix()->matrix(); }

    // The engine's own analysis of the trials the hub shows, with the service's options.
    engine::ImportanceReport engineReport()
    {
        engine::ImportanceOptions options;
        options.metric = "val_acc";
        options.pairs = true;
        options.forest.trees = kTrees;
        return engine::analyzeImportance(importanceStudy(table(), hub().visible(), "val_acc"), options);
    }

    // A drawn, visible trial with no other within 12 px, so pointing at it is unambiguous.
    std::optional<std::size_t> isolatedRow()
    {
        const DetailScene& s = detail().scene();
        const std::vector<char>& visible = hub().visible(ImportanceView::kSource);
        for (std::size_t i = 0; i < s.pixels.size(); ++i) {
            if (!visible[s.points.rows[i]] || !s.area.contains(s.pixels[i]))
                continue;
            bool alone = true;
            for (std::size_t j = 0; j < s.pixels.size() && alone; ++j)
                alone = i == j || QLineF(s.pixels[i], s.pixels[j]).length() > 12;
            if (alone)
                return s.points.rows[i];
        }
        return std::nullopt;
    }

    void moveMouse(QWidget* widget, QPoint to)
    {
        QMouseEvent move(QEvent::MouseMove, QPointF(to), widget->mapToGlobal(QPointF(to)), Qt::NoButton, Qt::NoButton,
                         Qt::NoModifier);
        QApplication::sendEvent(widget, &move);
    }

    void drag(QWidget* widget, QPoint from, QPoint to)
    {
        QTest::mousePress(widget, Qt::LeftButton, Qt::NoModifier, from);
        QTest::mouseMove(widget, (from + to) / 2);
        QTest::mouseMove(widget, to);
        QTest::mouseRelease(widget, Qt::LeftButton, Qt::NoModifier, to);
    }

    std::optional<std::size_t> firstPair()
    {
        for (std::size_t t = 0; t < matrix().terms.size(); ++t)
            if (matrix().terms[t].isPair())
                return t;
        return std::nullopt;
    }

    QTemporaryDir dir_;
    std::unique_ptr<ProjectSession> session_;
    std::unique_ptr<ImportanceView> view_;
};

// The engine's terms ordered as the matrix promises: by importance, singles first among equals.
std::vector<std::tuple<TermKey, double, double>> expectedRows(const engine::ImportanceReport& report)
{
    std::vector<std::tuple<TermKey, double, double>> rows;
    for (const auto& p : report.params)
        rows.emplace_back(TermKey{p.name, {}}, p.importance, p.std);
    for (const auto& p : report.pairs)
        rows.emplace_back(TermKey{p.first, p.second}, p.importance, p.std);
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return std::get<1>(a) > std::get<1>(b); });
    return rows;
}

void expectRowsMatch(const ImportanceMatrix& matrix, const engine::ImportanceReport& report)
{
    const auto expected = expectedRows(report);
    ASSERT_EQ(matrix.terms.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& [key, importance, std] = expected[i];
        EXPECT_EQ(matrix.terms[i].key, key) << "row " << i << ": " << matrix.terms[i].label().toStdString();
        EXPECT_DOUBLE_EQ(matrix.terms[i].importance, importance) << "row " << i;
        EXPECT_DOUBLE_EQ(matrix.terms[i].std, std) << "row " << i;
    }
}

} // namespace

TEST_F(ImportanceViewTest, RowsAreTheEnginesAnalysisOfTheVisibleTrials)
{
    show(demoStudies({"random", "tpe"}));
    ASSERT_FALSE(view_->showsPlaceholder()) << view_->placeholderText().toStdString();
    const auto shown = view_->shownResult();
    ASSERT_NE(shown, nullptr);
    const engine::ImportanceReport all = engineReport();
    EXPECT_EQ(shown->report.trialsUsed, all.trialsUsed);
    expectRowsMatch(matrix(), all);
    EXPECT_EQ(matrix().columns.size(), all.params.size());
    EXPECT_GE(matrix().columns.size(), 6u);
    EXPECT_EQ(view_->statusText(), importance::statusText(all, false));

    // Another view's brush: both the service and the engine analyse the trials that pass it.
    const std::size_t lr = *table().paramColumn("learning_rate_init");
    hub().setBrush(QStringLiteral("space"), {{lr, 1e-4, 3e-3, {}}});
    ASSERT_TRUE(settle());
    const engine::ImportanceReport brushed = engineReport();
    EXPECT_LT(brushed.trialsUsed, all.trialsUsed);
    EXPECT_GT(brushed.trialsUsed, 10u);
    EXPECT_EQ(view_->shownResult()->report.trialsUsed, brushed.trialsUsed);
    expectRowsMatch(matrix(), brushed);
}

TEST_F(ImportanceViewTest, ChoosingASingleShowsItsMarginalCurve)
{
    show(demoStudies({"random", "tpe", "hyperband"}));
    // The most important term is chosen to start with.
    ASSERT_TRUE(view_->currentTerm().has_value());
    EXPECT_EQ(*view_->currentTerm(), matrix().terms.front().key);
    ASSERT_TRUE(detail().hasScene());

    ASSERT_TRUE(view_->chooseTerm({"learning_rate_init", {}}));
    ASSERT_TRUE(settle());
    ASSERT_TRUE(detail().hasScene());
    const DetailScene& s = detail().scene();
    EXPECT_FALSE(s.pair);
    EXPECT_EQ(s.xColumn, *table().paramColumn("learning_rate_init"));
    EXPECT_EQ(s.yColumn, *table().metricColumn("val_acc"));
    EXPECT_TRUE(s.x.scale.log());
    EXPECT_EQ(view_->detailTitleText(), QStringLiteral("learning_rate_init"));
    // The curve is the model's marginal of that parameter.
    const auto model = view_->shownResult()->report.model;
    const engine::MarginalCurve expected = displayCurve(model->curve("learning_rate_init"), true, 640);
    ASSERT_TRUE(s.content->curve.has_value());
    EXPECT_EQ(s.content->curve->mean, expected.mean);
    EXPECT_EQ(s.content->curve->std, expected.std);
    EXPECT_EQ(s.content->curve->edges, expected.edges);
    // Every complete trial with a learning rate and a val_acc is on it.
    std::size_t complete = 0;
    for (std::size_t r = 0; r < table().rows(); ++r)
        complete += table().trial(r).state == TrialState::Complete
            && std::isfinite(table().columns()[s.xColumn].values[r]) && std::isfinite(table().columns()[s.yColumn].values[r]);
    EXPECT_EQ(s.points.rows.size(), complete);
    EXPECT_TRUE(detail().legendTexts().contains(QStringLiteral("expected val_acc ± 1 sd")));

    // A categorical parameter: one band per choice.
    ASSERT_TRUE(view_->chooseTerm({"activation", {}}));
    ASSERT_TRUE(settle());
    ASSERT_TRUE(detail().hasScene());
    EXPECT_TRUE(detail().scene().content->curve->categorical);
    EXPECT_EQ(detail().scene().x.categories, (QStringList{QStringLiteral("relu"), QStringLiteral("tanh"), QStringLiteral("logistic")}));
}

TEST_F(ImportanceViewTest, ChoosingAPairShowsItsHeatmapAndClickingARowChoosesIt)
{
    show(demoStudies({"random", "tpe", "hyperband"}));
    const auto pair = firstPair();
    ASSERT_TRUE(pair.has_value());
    // Through the mouse, on the row's own place in the matrix.
    MatrixPlot& m = *view_->matrix();
    ASSERT_LT(*pair, m.shownRows());
    QTest::mouseClick(&m, Qt::LeftButton, Qt::NoModifier, m.layout().rowRect(*pair).center().toPoint());
    const ImportanceTerm term = matrix().terms[*pair];
    EXPECT_EQ(view_->currentTerm(), std::optional<TermKey>(term.key));
    EXPECT_EQ(m.currentTerm(), pair);
    ASSERT_TRUE(settle());
    ASSERT_TRUE(detail().hasScene());
    const DetailScene& s = detail().scene();
    EXPECT_TRUE(s.pair);
    EXPECT_EQ(s.xColumn, *table().paramColumn(term.key.first));
    EXPECT_EQ(s.yColumn, *table().paramColumn(term.key.second));
    EXPECT_EQ(view_->detailTitleText(), term.label());
    const auto model = view_->shownResult()->report.model;
    const engine::PairMarginalTable expected = model->pairTable(term.key.second, term.key.first, 48);
    ASSERT_TRUE(s.content->table.has_value());
    EXPECT_EQ(s.content->table->mean, expected.mean);
    EXPECT_EQ(s.content->table->rows, expected.rows);
    EXPECT_EQ(s.content->table->cols, expected.cols);
    EXPECT_EQ(s.x.scale.log(), table().columns()[s.xColumn].log);
    EXPECT_EQ(s.y.scale.log(), table().columns()[s.yColumn].log);

    // The arrow keys walk the rows.
    m.setFocus();
    QTest::keyClick(&m, Qt::Key_Down);
    EXPECT_EQ(view_->currentTerm(), std::optional<TermKey>(matrix().terms[*pair + 1].key));
}

TEST_F(ImportanceViewTest, DraggingOnTheMarginalPlotBrushesThatParameter)
{
    show(demoStudies({"random", "tpe"}));
    ASSERT_TRUE(view_->chooseTerm({"learning_rate_init", {}}));
    ASSERT_TRUE(settle());
    const DetailScene& s = detail().scene();
    const QRectF area = s.area;
    const QPoint from(static_cast<int>(area.left() + area.width() * 0.2), static_cast<int>(area.center().y()));
    const QPoint to(static_cast<int>(area.left() + area.width() * 0.6), static_cast<int>(area.top() + 10));
    const double low = s.x.scale.toValue(from.x()), high = s.x.scale.toValue(to.x());
    drag(&detail(), from, to);
    hub().flush();
    const auto it = hub().brushes().find(ImportanceView::kSource);
    ASSERT_NE(it, hub().brushes().end());
    ASSERT_EQ(it->second.size(), 1u);
    const ColumnRange& range = it->second.front();
    EXPECT_EQ(range.column, *table().paramColumn("learning_rate_init"));
    EXPECT_NEAR(range.low / low, 1.0, 1e-9);
    EXPECT_NEAR(range.high / high, 1.0, 1e-9);
    EXPECT_TRUE(view_->clearBrushButton()->isVisibleTo(view_.get()));
    // The importance is refitted on the brushed trials, and the brush stays drawn.
    ASSERT_TRUE(settle());
    EXPECT_EQ(view_->shownResult()->report.trialsUsed, engineReport().trialsUsed);
    EXPECT_LT(view_->shownResult()->report.trialsUsed, view_->shownResult()->table->rows());

    // Escape on the plot clears it.
    detail().setFocus();
    QTest::keyClick(&detail(), Qt::Key_Escape);
    hub().flush();
    EXPECT_EQ(hub().brushes().count(ImportanceView::kSource), 0u);
    EXPECT_FALSE(view_->clearBrushButton()->isVisibleTo(view_.get()));
}

TEST_F(ImportanceViewTest, DraggingOnTheHeatmapBrushesBothParameters)
{
    show(demoStudies({"random", "tpe"}));
    const auto pair = firstPair();
    ASSERT_TRUE(pair.has_value());
    const TermKey key = matrix().terms[*pair].key;
    ASSERT_TRUE(view_->chooseTerm(key));
    ASSERT_TRUE(settle());
    const DetailScene& s = detail().scene();
    const QRectF area = s.area;
    const QPoint from = (area.topLeft() + QPointF(area.width() * 0.1, area.height() * 0.1)).toPoint();
    const QPoint to = (area.topLeft() + QPointF(area.width() * 0.9, area.height() * 0.9)).toPoint();
    const auto xs = brushFromPixels(s.x, s.xColumn, from.x(), to.x());
    const auto ys = brushFromPixels(s.y, s.yColumn, from.y(), to.y());
    ASSERT_TRUE(xs && ys);
    drag(&detail(), from, to);
    hub().flush();
    const auto it = hub().brushes().find(ImportanceView::kSource);
    ASSERT_NE(it, hub().brushes().end());
    ASSERT_EQ(it->second.size(), 2u);
    EXPECT_EQ(it->second[0], *xs);
    EXPECT_EQ(it->second[1], *ys);
    EXPECT_EQ(it->second[0].column, *table().paramColumn(key.first));
    EXPECT_EQ(it->second[1].column, *table().paramColumn(key.second));
}

TEST_F(ImportanceViewTest, HoveringAndClickingTrialsGoToTheHub)
{
    show(demoStudies({"random", "tpe"}));
    ASSERT_TRUE(view_->chooseTerm({"learning_rate_init", {}}));
    ASSERT_TRUE(settle());
    const auto row = isolatedRow();
    ASSERT_TRUE(row.has_value());
    const QPoint at = detail().pixelOfRow(*row)->toPoint();
    moveMouse(&detail(), at + QPoint(1, 1));
    hub().flush();
    EXPECT_EQ(hub().hovered(), std::optional<TrialKey>(table().key(*row)));
    EXPECT_TRUE(detail().trialTooltip(*row).contains(QStringLiteral("learning_rate_init")));
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(&detail(), &leave);
    hub().flush();
    EXPECT_FALSE(hub().hovered().has_value());

    QTest::mouseClick(&detail(), Qt::LeftButton, Qt::NoModifier, at);
    EXPECT_EQ(hub().selection(), std::set<TrialKey>{table().key(*row)});
    // Ctrl adds another, and Ctrl on a selected one takes it out again.
    std::optional<std::size_t> other;
    const DetailScene& s = detail().scene();
    for (std::size_t i = 0; i < s.points.rows.size() && !other; ++i)
        if (s.points.rows[i] != *row && s.area.contains(s.pixels[i])
            && nearestPoint(s, s.pixels[i], DetailPlot::kPickRadius, hub().visible(ImportanceView::kSource)) == i)
            other = s.points.rows[i];
    ASSERT_TRUE(other.has_value());
    QTest::mouseClick(&detail(), Qt::LeftButton, Qt::ControlModifier, detail().pixelOfRow(*other)->toPoint());
    EXPECT_EQ(hub().selection(), (std::set<TrialKey>{table().key(*row), table().key(*other)}));
    QTest::mouseClick(&detail(), Qt::LeftButton, Qt::ControlModifier, at);
    EXPECT_EQ(hub().selection(), std::set<TrialKey>{table().key(*other)});
}

TEST_F(ImportanceViewTest, KeepsThePreviousResultGreyedWhileRefitting)
{
    show(demoStudies({"random", "tpe"}));
    const auto before = view_->shownResult();
    ASSERT_NE(before, nullptr);
    EXPECT_FALSE(view_->matrix()->stale());
    ImportanceService& service = ImportanceService::of(*session_);
    service.setDelay(200);
    const std::size_t lr = *table().paramColumn("learning_rate_init");
    hub().setBrush(QStringLiteral("space"), {{lr, 1e-4, 1e-2, {}}});
    hub().flush();
    QCoreApplication::processEvents();
    ASSERT_TRUE(service.busy());
    EXPECT_EQ(view_->shownResult(), before);
    EXPECT_FALSE(view_->showsPlaceholder());
    EXPECT_TRUE(view_->matrix()->stale());
    EXPECT_TRUE(detail().stale());
    EXPECT_TRUE(view_->statusText().endsWith(QStringLiteral("updating…"))) << view_->statusText().toStdString();
    ASSERT_TRUE(settle());
    EXPECT_NE(view_->shownResult(), before);
    EXPECT_FALSE(view_->matrix()->stale());
    EXPECT_FALSE(detail().stale());
    EXPECT_FALSE(view_->statusText().contains(QStringLiteral("updating")));
}

TEST_F(ImportanceViewTest, TheMetricPickerSetsTheServicesMetric)
{
    show(demoStudies({"random", "tpe"}));
    QComboBox* metric = view_->metricChooser();
    EXPECT_EQ(metric->currentData().toString(), QStringLiteral("val_acc"));
    const int loss = metric->findData(QStringLiteral("val_loss"));
    ASSERT_GE(loss, 0);
    metric->setCurrentIndex(loss);
    EXPECT_EQ(ImportanceService::of(*session_).metric(), QStringLiteral("val_loss"));
    ASSERT_TRUE(settle());
    EXPECT_EQ(view_->shownResult()->metric, QStringLiteral("val_loss"));
    EXPECT_EQ(view_->shownResult()->report.metric, "val_loss");
    ASSERT_TRUE(detail().hasScene());
    EXPECT_EQ(detail().scene().metricColumn, *table().metricColumn("val_loss"));
}

TEST_F(ImportanceViewTest, EmptyStatesSayWhatIsMissing)
{
    session_->setSelectedStudies({});
    view_ = std::make_unique<ImportanceView>(*session_);
    view_->resize(600, 400);
    view_->show();
    ASSERT_TRUE(settle());
    EXPECT_TRUE(view_->showsPlaceholder());
    EXPECT_EQ(view_->placeholderText(), emptyHeadline());

    // A study whose trials all failed: the engine's reason joins the headline.
    Study failed = test::makeSweepStudy("failed");
    for (Trial& t : failed.trials)
        t.state = TrialState::Failed;
    const QString path = dir_.filePath(QStringLiteral("failed.tendril"));
    Project(path.toStdString(), OpenMode::CreateIfMissing).addStudies({failed});
    open(path, false);
    show({QStringLiteral("failed")}, {600, 400});
    EXPECT_TRUE(view_->showsPlaceholder());
    EXPECT_TRUE(view_->placeholderText().startsWith(emptyHeadline()));
    EXPECT_TRUE(view_->placeholderText().contains(QStringLiteral("No complete trial"))) << view_->placeholderText().toStdString();
}

TEST_F(ImportanceViewTest, NarrowDockStacksTheMatrixOverTheDetail)
{
    show(demoStudies({"random", "tpe", "pbt"}), {420, 700});
    EXPECT_EQ(view_->splitter()->orientation(), Qt::Vertical);
    EXPECT_LE(view_->minimumSizeHint().width(), 420);
    EXPECT_LE(view_->matrix()->minimumSizeHint().width(), 400);
    EXPECT_LE(view_->matrix()->width(), 420);
    EXPECT_GT(detail().height(), 200);
    view_->resize(1200, 800);
    QCoreApplication::processEvents();
    EXPECT_EQ(view_->splitter()->orientation(), Qt::Horizontal);
}

TEST_F(ImportanceViewTest, FollowsTheThemeWhenItChanges)
{
    show(demoStudies({"random", "tpe"}));
    const auto corner = [&] {
        QCoreApplication::processEvents();
        return detail().grab().toImage().pixelColor(2, 2);
    };
    const QColor light = corner();
    EXPECT_EQ(light, PlotColors::of(detail()).canvas);
    EXPECT_FALSE(PlotColors::of(detail()).dark);
    setTheme(Theme::Dark, false);
    const QColor dark = corner();
    const PlotColors colors = PlotColors::of(detail());
    EXPECT_TRUE(colors.dark);
    EXPECT_EQ(dark, colors.canvas);
    EXPECT_LT(dark.lightness(), 64);
    EXPECT_EQ(view_->findChild<QLabel*>(QStringLiteral("importanceTitle"))->palette().color(QPalette::WindowText), colors.ink);
    const QImage matrixPicture = view_->matrix()->grab().toImage();
    EXPECT_EQ(matrixPicture.pixelColor(1, 1), colors.canvas);
    setTheme(Theme::Light, false);
    EXPECT_EQ(corner(), light);
}

TEST_F(ImportanceViewTest, ManyTrialsAreDrawnOnAWorkerAndThenShown)
{
    show(demoStudies({"random", "tpe"}));
    ASSERT_TRUE(view_->chooseTerm({"learning_rate_init", {}}));
    ASSERT_TRUE(settle());
    // As if the study had more trials than the plot draws on the GUI thread.
    detail().setBackgroundLayerPoints(1);
    const auto row = isolatedRow();
    ASSERT_TRUE(row.has_value());
    const QPoint at = detail().pixelOfRow(*row)->toPoint();
    const QColor canvas = PlotColors::of(detail()).canvas;
    const QColor study = studyColor(table().studyOf(*row));
    // A selection made elsewhere redraws the picture: on the worker, then on screen.
    std::optional<std::size_t> other;
    for (const std::size_t r : detail().scene().points.rows)
        if (r != *row && !other)
            other = r;
    ASSERT_TRUE(other.has_value());
    // The hub signals selection changes at once, so the paint below starts the worker and nothing
    // can deliver its picture before the event loop runs again.
    hub().setSelection({table().key(*other)});
    detail().repaint();
    EXPECT_TRUE(detail().layerPending());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (detail().layerPending() && std::chrono::steady_clock::now() < deadline)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    EXPECT_FALSE(detail().layerPending());
    const QImage picture = detail().grab().toImage();
    const QColor dot = picture.pixelColor((QPointF(at) * picture.devicePixelRatio()).toPoint());
    EXPECT_NE(dot, canvas);
    EXPECT_LE(std::abs(dot.red() - study.red()) + std::abs(dot.green() - study.green()) + std::abs(dot.blue() - study.blue()), 60)
        << dot.name().toStdString() << " vs " << study.name().toStdString();
}
