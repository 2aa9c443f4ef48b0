// The overview view on the real demo project, under the offscreen platform: the headline numbers,
// a drag on a histogram setting the hub's brush to the dragged values, other views' brushes and
// the selection reaching the bars, the empty state, and screenshots with one and three studies.
#include "session/demo_project.hpp"
#include "session/project_session.hpp"
#include "style/labels.hpp"
#include "style/plot_colors.hpp"
#include "style/state_style.hpp"
#include "style/study_colors.hpp"
#include "views/overview/histogram_chart.hpp"
#include "views/overview/overview_header.hpp"
#include "views/overview/overview_text.hpp"
#include "views/overview/overview_view.hpp"
#include "test_support.hpp"
#include "view_fit_check.hpp"

#include "tendril/store/project.hpp"
#include "tendril/store/study_recorder.hpp"

#include <QDir>
#include <QHelpEvent>
#include <QImage>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QToolTip>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>

using namespace tendril;
using namespace tendril::app;
using overview::HistogramChart;

namespace {

int shownIn(const HistogramChart& chart)
{
    int total = 0;
    for (int bin = 0; bin < chart.counts().bins(); ++bin)
        total += chart.counts().visibleIn(bin);
    return total;
}

int contextIn(const HistogramChart& chart)
{
    return std::accumulate(chart.counts().context.begin(), chart.counts().context.end(), 0);
}

class OverviewViewTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        dir_ = new QTemporaryDir;
        ASSERT_TRUE(dir_->isValid());
        ensureDemoProject(dir_->filePath(QStringLiteral("demo.tendril")));
    }
    static void TearDownTestSuite()
    {
        delete dir_;
        dir_ = nullptr;
    }

    void SetUp() override { open(dir_->filePath(QStringLiteral("demo.tendril"))); }

    void open(const QString& path)
    {
        view_.reset();
        session_ = std::make_unique<ProjectSession>(path, OpenMode::ReadOnly);
        session_->setWatchInterval(0);
        view_ = std::make_unique<OverviewView>(*session_, nullptr);
        view_->resize(1200, 800);
        view_->show();
    }

    void TearDown() override
    {
        view_.reset();
        session_.reset();
    }

    void showStudies(const QStringList& names)
    {
        session_->setSelectedStudies(names);
        ASSERT_TRUE(session_->waitUntilLoaded());
        hub().flush();
        QCoreApplication::processEvents();
    }

    SelectionHub& hub() { return session_->hub(); }
    const TrialTable& table() { return *hub().table(); }
    std::size_t column(const QString& metric) { return *table().metricColumn(metric.toStdString()); }

    // Drags across the chart with real mouse events, from and to fractions of the plot's width.
    void drag(HistogramChart& chart, double from, double to)
    {
        const QRectF plot = chart.plotRect();
        const int y = static_cast<int>(plot.center().y());
        const QPoint start(static_cast<int>(std::lround(plot.left() + from * plot.width())), y);
        const QPoint end(static_cast<int>(std::lround(plot.left() + to * plot.width())), y);
        QTest::mousePress(&chart, Qt::LeftButton, Qt::NoModifier, start);
        QTest::mouseMove(&chart, (start + end) / 2);
        QTest::mouseMove(&chart, end);
        QTest::mouseRelease(&chart, Qt::LeftButton, Qt::NoModifier, end);
        pressed_ = start;
        released_ = end;
    }

    // The median of a column's finite values: a threshold that splits the trials.
    double median(std::size_t c)
    {
        std::vector<double> finite;
        for (const double v : table().columns()[c].values)
            if (std::isfinite(v))
                finite.push_back(v);
        std::sort(finite.begin(), finite.end());
        return finite.empty() ? 0.0 : finite[finite.size() / 2];
    }

    QString objective() { return qstr(table().objective()->metric); }

    // Saves a screenshot where TENDRIL_SCREENSHOT_DIR says, for a person to look at.
    static void keepScreenshot(const QImage& image, const QString& name)
    {
        const QString folder = QProcessEnvironment::systemEnvironment().value(QStringLiteral("TENDRIL_SCREENSHOT_DIR"));
        if (!folder.isEmpty())
            image.save(QDir(folder).filePath(name));
    }

    static QTemporaryDir* dir_;
    std::unique_ptr<ProjectSession> session_;
    std::unique_ptr<OverviewView> view_;
    QPoint pressed_;
    QPoint released_;
};

QTemporaryDir* OverviewViewTest::dir_ = nullptr;

TEST_F(OverviewViewTest, SaysWhatToDoWhenNoStudyIsShown)
{
    EXPECT_TRUE(view_->showsPlaceholder());
    EXPECT_TRUE(view_->placeholderText().contains(QStringLiteral("No study is shown")))
        << view_->placeholderText().toStdString();
    EXPECT_TRUE(view_->charts().empty());

    showStudies({test::demoStudyNames().front()});
    EXPECT_FALSE(view_->showsPlaceholder());
    EXPECT_FALSE(view_->charts().empty());
    showStudies({});
    EXPECT_TRUE(view_->showsPlaceholder());
    EXPECT_TRUE(view_->placeholderText().contains(QStringLiteral("No study is shown")));
    EXPECT_TRUE(view_->charts().empty());
}

TEST_F(OverviewViewTest, HeadlineNumbersAndOneHistogramPerMetricObjectiveFirst)
{
    for (const QString& name : test::demoStudyNames()) {
        SCOPED_TRACE(name.toStdString());
        showStudies({name});
        const auto study = session_->study(name);
        ASSERT_TRUE(study);
        const StateCounts states = study->stateCounts();
        const overview::OverviewHeader& header = *view_->header();
        EXPECT_EQ(header.experimentsText(), QStringLiteral("Experiments: %1").arg(study->trials.size()));
        for (const TrialState state : {TrialState::Running, TrialState::Complete, TrialState::Pruned, TrialState::Failed})
            EXPECT_EQ(header.stateText(state),
                      QStringLiteral("%1: %2").arg(stateLabel(state)).arg(states[static_cast<std::size_t>(state)]));
        EXPECT_EQ(header.visibleText(), QStringLiteral("%1 of %1 visible").arg(study->trials.size()));
        if (const Trial* best = study->bestTrial()) {
            EXPECT_TRUE(header.bestText().contains(QStringLiteral("trial %1 of %2").arg(qstr(best->id), name)))
                << header.bestText().toStdString();
        }

        // One histogram per metric column, the objective first, each binned over every trial.
        std::size_t metrics = 0;
        for (const TableColumn& c : table().columns())
            metrics += c.kind == TableColumn::Kind::Metric;
        ASSERT_EQ(view_->charts().size(), metrics);
        EXPECT_EQ(view_->charts()[0]->metric(), qstr(study->objective.metric));
        for (const HistogramChart* chart : view_->charts()) {
            const std::size_t c = column(chart->metric());
            EXPECT_EQ(chart->bins(), overview::HistogramBins::fit(table().columns()[c].values));
            EXPECT_EQ(contextIn(*chart) + static_cast<int>(chart->counts().excludedVisible.total()),
                      static_cast<int>(study->trials.size()));
        }
    }
}

TEST_F(OverviewViewTest, MissingAndNaNValuesAreCountedNotDrawn)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sweep.tendril"));
    {
        Project project(path.toStdString(), OpenMode::CreateIfMissing);
        project.addStudies({test::makeSweepStudy("sweep")});
    }
    open(path);
    showStudies({QStringLiteral("sweep")});
    // val_acc: t1 failed with NaN, t3 is running without a report.
    const HistogramChart& acc = *view_->chart(QStringLiteral("val_acc"));
    EXPECT_EQ(acc.counts().excludedVisible.nan, 2u);
    EXPECT_EQ(contextIn(acc), 4);
    // epochs: reported by one trial only.
    const HistogramChart& epochs = *view_->chart(QStringLiteral("epochs"));
    EXPECT_EQ(epochs.counts().excludedVisible.nan, 5u);
    EXPECT_EQ(contextIn(epochs), 1);
    EXPECT_TRUE(view_->header()->stateText(TrialState::Running).endsWith(QStringLiteral(": 1")));
    EXPECT_TRUE(view_->header()->bestText().contains(QStringLiteral("trial t10 of sweep")))
        << view_->header()->bestText().toStdString();
}

TEST_F(OverviewViewTest, TrialsAddedByAnotherWriterArriveWithoutLosingTheBrush)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("live.tendril"));
    Project writer(path.toStdString(), OpenMode::CreateIfMissing);
    writer.addStudies({test::makeSweepStudy("sweep")});
    open(path);
    showStudies({QStringLiteral("sweep")});
    HistogramChart* acc = view_->chart(QStringLiteral("val_acc"));
    ASSERT_NE(acc, nullptr);
    drag(*acc, 0.2, 0.9);
    hub().flush();
    const Brush before = hub().brushes().at(OverviewView::sourceName());
    const int contextBefore = contextIn(*acc);

    // The runner's way of adding a trial: a batch through a recorder on its own connection.
    StudyRecorder recorder(writer, "sweep");
    RecordBatch batch;
    Trial added;
    added.id = "t20";
    added.number = 20;
    added.setParam("lr", 0.01);
    batch.starts.push_back({added, false});
    batch.ends.push_back({"t20", TrialState::Complete, {{"val_acc", 0.91}, {"val_loss", 0.3}}, "", "", ""});
    recorder.write(batch);
    session_->checkForChanges();
    ASSERT_TRUE(session_->waitUntilLoaded());
    hub().flush();

    EXPECT_EQ(view_->chart(QStringLiteral("val_acc")), acc);  // the same widget, updated in place
    EXPECT_EQ(contextIn(*acc), contextBefore + 1);
    EXPECT_EQ(view_->header()->experimentsText(), QStringLiteral("Experiments: 7"));
    EXPECT_TRUE(view_->header()->bestText().contains(QStringLiteral("trial t20"))) << view_->header()->bestText().toStdString();
    ASSERT_EQ(hub().brushes().count(OverviewView::sourceName()), 1u);
    EXPECT_EQ(hub().brushes().at(OverviewView::sourceName()), before);
    ASSERT_TRUE(acc->brush());
    EXPECT_EQ(acc->brush()->low, before.front().low);
}

TEST_F(OverviewViewTest, DraggingAHistogramBrushesTheDraggedValues)
{
    showStudies({test::demoStudyNames().front()});
    ASSERT_GE(view_->charts().size(), 3u);
    HistogramChart* acc = view_->charts()[0];
    HistogramChart* other = view_->charts()[1];
    const int before = shownIn(*other);

    drag(*acc, 0.3, 0.7);
    hub().flush();

    const auto brushes = hub().brushes();
    ASSERT_EQ(brushes.count(OverviewView::sourceName()), 1u);
    const Brush& brush = brushes.at(OverviewView::sourceName());
    ASSERT_EQ(brush.size(), 1u);
    const plot::AxisScale axis = acc->xAxis();
    EXPECT_EQ(brush[0].column, column(objective()));
    // Exactly the values under the pressed and released pixels: no snapping to bins.
    EXPECT_EQ(brush[0].low, axis.toValue(pressed_.x()));
    EXPECT_EQ(brush[0].high, axis.toValue(released_.x()));
    const double perPixel = (axis.high() - axis.low()) / (axis.pixelAtHigh() - axis.pixelAtLow());
    EXPECT_NEAR(brush[0].low, axis.low() + 0.3 * (axis.high() - axis.low()), perPixel);
    EXPECT_NEAR(brush[0].high, axis.low() + 0.7 * (axis.high() - axis.low()), perPixel);
    ASSERT_TRUE(acc->brush());
    EXPECT_EQ(*acc->brush(), (plot::ValueRange{brush[0].low, brush[0].high}));

    // Other views see only the brushed trials; the brushed histogram keeps showing all of them,
    // and the overview's other histograms follow the brush.
    std::size_t inRange = 0;
    for (const double v : table().columns()[column(objective())].values)
        inRange += v >= brush[0].low && v <= brush[0].high;
    ASSERT_GT(inRange, 0u);
    ASSERT_LT(inRange, table().rows());
    EXPECT_EQ(hub().visibleCount(), inRange);
    EXPECT_EQ(acc->counts().visibleRows, table().rows());
    EXPECT_EQ(other->counts().visibleRows, inRange);
    EXPECT_LT(shownIn(*other), before);
    EXPECT_EQ(view_->header()->visibleText(), QStringLiteral("%1 of %2 visible").arg(inRange).arg(table().rows()));

    // A second histogram brushed at once: one range each.
    HistogramChart* third = view_->charts()[2];
    drag(*third, 0.1, 0.5);
    hub().flush();
    const Brush& both = hub().brushes().at(OverviewView::sourceName());
    ASSERT_EQ(both.size(), 2u);
    EXPECT_EQ(both[1].column, column(third->metric()));
    EXPECT_EQ(both[1].low, third->xAxis().toValue(pressed_.x()));
    EXPECT_EQ(both[1].high, third->xAxis().toValue(released_.x()));
    std::size_t inBoth = 0;
    const auto& first = table().columns()[both[0].column].values;
    const auto& second = table().columns()[both[1].column].values;
    for (std::size_t row = 0; row < table().rows(); ++row)
        inBoth += both[0].contains(first[row]) && both[1].contains(second[row]);
    EXPECT_EQ(hub().visibleCount(), inBoth);
    EXPECT_EQ(view_->header()->visibleText(), QStringLiteral("%1 of %2 visible").arg(inBoth).arg(table().rows()));

    // The header's button clears every range the overview brushed, and nothing else.
    hub().setBrush(QStringLiteral("scatter"), {{column(third->metric()), -1e300, 1e300, {}}});
    auto* clear = view_->header()->findChild<QToolButton*>(QStringLiteral("overviewClearBrushes"));
    ASSERT_NE(clear, nullptr);
    EXPECT_TRUE(clear->isVisibleTo(view_.get()));
    QTest::mouseClick(clear, Qt::LeftButton);
    hub().flush();
    EXPECT_EQ(hub().brushes().count(OverviewView::sourceName()), 0u);
    EXPECT_EQ(hub().brushes().count(QStringLiteral("scatter")), 1u);
    EXPECT_FALSE(acc->brush());
    EXPECT_FALSE(third->brush());
    EXPECT_FALSE(clear->isVisibleTo(view_.get()));
}

TEST_F(OverviewViewTest, TooltipNamesTheBinRangeAndItsCounts)
{
    showStudies(test::demoStudyNames().mid(0, 2));
    HistogramChart& acc = *view_->charts()[0];
    int tallest = 0;
    for (int bin = 1; bin < acc.counts().bins(); ++bin)
        if (acc.counts().visibleIn(bin) > acc.counts().visibleIn(tallest))
            tallest = bin;
    const plot::AxisScale axis = acc.xAxis();
    const QPoint at(static_cast<int>((axis.toPixel(acc.bins().edge(tallest)) + axis.toPixel(acc.bins().edge(tallest + 1))) / 2),
                    static_cast<int>(acc.plotRect().bottom()) - 2);
    QHelpEvent help(QEvent::ToolTip, at, acc.mapToGlobal(at));
    QCoreApplication::sendEvent(&acc, &help);
    const QString tip = QToolTip::text();
    EXPECT_TRUE(tip.contains(overview::binRangeText(acc.bins(), tallest).toHtmlEscaped())) << tip.toStdString();
    EXPECT_TRUE(tip.contains(QStringLiteral("%1 trials shown").arg(acc.counts().visibleIn(tallest)))) << tip.toStdString();
    // Two studies: the bar's trials per study.
    for (const QString& name : test::demoStudyNames().mid(0, 2)) {
        if (acc.counts().visibleIn(tallest, static_cast<std::size_t>(test::demoStudyNames().indexOf(name))) > 0) {
            EXPECT_TRUE(tip.contains(name)) << tip.toStdString();
        }
    }
    QToolTip::hideText();
}

TEST_F(OverviewViewTest, DraggingTheBrushMovesItAndEscapeOrDoubleClickClearsIt)
{
    showStudies({test::demoStudyNames().front()});
    HistogramChart* acc = view_->charts()[0];
    drag(*acc, 0.3, 0.5);
    const plot::ValueRange first = *acc->brush();
    // Grabbing the middle of the brush and dragging moves it, keeping its width.
    drag(*acc, 0.4, 0.6);
    ASSERT_TRUE(acc->brush());
    const plot::ValueRange moved = *acc->brush();
    EXPECT_GT(moved.low, first.low);
    EXPECT_NEAR(moved.high - moved.low, first.high - first.low, 1e-9 + (first.high - first.low) * 1e-9);
    hub().flush();
    EXPECT_EQ(hub().brushes().at(OverviewView::sourceName()).front().low, moved.low);

    // Grabbing an edge resizes from the first pixel; the other edge keeps its exact value.
    const QRectF plot = acc->plotRect();
    const double highEdge = acc->xAxis().toPixel(moved.high);
    drag(*acc, (highEdge - plot.left()) / plot.width(), 0.9);
    EXPECT_EQ(acc->brush()->low, moved.low);
    EXPECT_EQ(acc->brush()->high, acc->xAxis().toValue(released_.x()));

    acc->setFocus();
    QTest::keyClick(acc, Qt::Key_Escape);
    hub().flush();
    EXPECT_FALSE(acc->brush());
    EXPECT_EQ(hub().brushes().count(OverviewView::sourceName()), 0u);

    drag(*acc, 0.3, 0.5);
    hub().flush();
    ASSERT_EQ(hub().brushes().count(OverviewView::sourceName()), 1u);
    const std::set<TrialKey> selected{table().key(0)};
    hub().setSelection(selected);
    QTest::mouseDClick(acc, Qt::LeftButton, Qt::NoModifier, acc->plotRect().center().toPoint());
    hub().flush();
    EXPECT_FALSE(acc->brush());
    EXPECT_EQ(hub().brushes().count(OverviewView::sourceName()), 0u);
    EXPECT_EQ(hub().selection(), selected);  // the double-click's first click leaves no selection behind

    // Another part of the application clears the overview's brush: the chart follows.
    drag(*acc, 0.3, 0.5);
    hub().flush();
    ASSERT_TRUE(acc->brush());
    hub().clearBrush(OverviewView::sourceName());
    hub().flush();
    EXPECT_FALSE(acc->brush());
    drag(*acc, 0.3, 0.5);
    hub().flush();
    hub().clearAllBrushes();
    hub().flush();
    EXPECT_FALSE(acc->brush());
}

TEST_F(OverviewViewTest, OtherViewsBrushesReduceTheBarsAndLeaveGreyContext)
{
    showStudies({test::demoStudyNames().front()});
    const HistogramChart& acc = *view_->charts()[0];
    const std::size_t filterColumn = column(view_->charts()[1]->metric());
    const int shownBefore = shownIn(acc);
    const int contextBefore = contextIn(acc);
    EXPECT_EQ(shownBefore, contextBefore);

    const double threshold = median(filterColumn);
    hub().setBrush(QStringLiteral("scatter"), {{filterColumn, -1e300, threshold, {}}});
    hub().flush();
    int expected = 0;
    const auto& filterValues = table().columns()[filterColumn].values;
    const auto& accs = table().columns()[column(objective())].values;
    for (std::size_t row = 0; row < table().rows(); ++row)
        expected += filterValues[row] <= threshold && std::isfinite(accs[row]);
    EXPECT_EQ(shownIn(acc), expected);
    EXPECT_LT(shownIn(acc), shownBefore);
    EXPECT_EQ(contextIn(acc), contextBefore);  // what the filter hides stays as context

    hub().clearBrush(QStringLiteral("scatter"));
    hub().flush();
    EXPECT_EQ(shownIn(acc), shownBefore);
}

TEST_F(OverviewViewTest, SelectionOverlayFollowsTheHubAndClickingABarSelectsIt)
{
    showStudies({test::demoStudyNames().front()});
    HistogramChart& acc = *view_->charts()[0];
    const auto& accs = table().columns()[column(objective())].values;
    std::set<TrialKey> chosen;
    for (std::size_t row = 0; row < table().rows() && chosen.size() < 7; row += 3)
        if (std::isfinite(accs[row]))
            chosen.insert(table().key(row));
    ASSERT_EQ(chosen.size(), 7u);
    hub().setSelection(chosen);
    EXPECT_EQ(acc.counts().selectedRows, 7u);
    for (const TrialKey key : chosen) {
        const int bin = acc.bins().binOf(accs[*table().rowOf(key)]);
        EXPECT_GE(acc.counts().selectedIn(bin), 1);
    }

    // The tallest bar, clicked without dragging, becomes the selection.
    int tallest = 0;
    for (int bin = 1; bin < acc.counts().bins(); ++bin)
        if (acc.counts().visibleIn(bin) > acc.counts().visibleIn(tallest))
            tallest = bin;
    const plot::AxisScale axis = acc.xAxis();
    const double middle = (axis.toPixel(acc.bins().edge(tallest)) + axis.toPixel(acc.bins().edge(tallest + 1))) / 2;
    QTest::mouseClick(&acc, Qt::LeftButton, Qt::NoModifier,
                      QPoint(static_cast<int>(middle), static_cast<int>(acc.plotRect().bottom()) - 2));
    std::set<TrialKey> inBar;
    for (std::size_t row = 0; row < table().rows(); ++row)
        if (acc.bins().binOf(accs[row]) == tallest)
            inBar.insert(table().key(row));
    EXPECT_EQ(hub().selection(), inBar);
    EXPECT_EQ(acc.counts().selectedIn(tallest), acc.counts().visibleIn(tallest));
    EXPECT_TRUE(hub().brushes().empty());  // a click is not a brush

    hub().clearSelection();
    EXPECT_EQ(acc.counts().selectedRows, 0u);
}

TEST_F(OverviewViewTest, HoveredTrialIsMarkedInEveryHistogram)
{
    showStudies({test::demoStudyNames().front()});
    const std::size_t row = 3;
    hub().setHovered(table().key(row));
    hub().flush();
    for (HistogramChart* chart : view_->charts()) {
        const double value = table().columns()[column(chart->metric())].values[row];
        if (!std::isfinite(value)) {
            EXPECT_FALSE(chart->hoveredValue());
            continue;
        }
        ASSERT_TRUE(chart->hoveredValue()) << chart->metric().toStdString();
        EXPECT_EQ(*chart->hoveredValue(), value);
    }
    hub().setHovered(std::nullopt);
    hub().flush();
    EXPECT_FALSE(view_->charts()[0]->hoveredValue());
}

// Whether the image holds pixels of this colour (bars are drawn opaque, without antialiasing).
bool hasColour(const QImage& image, const QColor& colour)
{
    const QRgb wanted = colour.rgb();
    for (int y = 0; y < image.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            if ((line[x] | 0xff000000u) == wanted)
                return true;
    }
    return false;
}

QImage grabbed(QWidget& widget)
{
    return widget.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

TEST_F(OverviewViewTest, ScreenshotsWithOneAndThreeStudies)
{
    const QStringList names = test::demoStudyNames();
    ASSERT_GE(names.size(), 3);
    showStudies({names[0]});
    const std::size_t filterColumn = column(view_->charts()[1]->metric());
    hub().setBrush(QStringLiteral("scatter"), {{filterColumn, -1e300, median(filterColumn), {}}});
    hub().flush();
    const QImage one = grabbed(*view_);
    keepScreenshot(one, QStringLiteral("overview-1-study.png"));
    ASSERT_EQ(one.size(), QSize(1200, 800));
    const QImage accOne = grabbed(*view_->charts()[0]);
    EXPECT_TRUE(hasColour(accOne, studyColor(0)));
    EXPECT_FALSE(hasColour(accOne, studyColor(1)));
    hub().clearBrush(QStringLiteral("scatter"));

    showStudies(names.mid(0, 3));
    // Stacked per study, each in its colour.
    const QImage stacked = grabbed(*view_->charts()[0]);
    for (std::size_t s = 0; s < 3; ++s)
        EXPECT_TRUE(hasColour(stacked, studyColor(s))) << s;

    drag(*view_->charts()[0], 0.55, 0.85);
    hub().flush();
    const std::size_t rows = table().rows();
    hub().setSelection({table().key(rows / 7), table().key(rows / 2), table().key(rows - 5)});
    hub().setHovered(table().key(rows / 2));
    hub().flush();
    const QImage three = grabbed(*view_);
    keepScreenshot(three, QStringLiteral("overview-3-studies.png"));
    ASSERT_EQ(three.size(), QSize(1200, 800));
    // The selected trials' darker overlay shows in the histograms the brush does not cut.
    bool selectedDrawn = false;
    for (std::size_t c = 1; c < view_->charts().size(); ++c) {
        const QImage chart = grabbed(*view_->charts()[c]);
        for (std::size_t s = 0; s < 3; ++s)
            selectedDrawn = selectedDrawn || hasColour(chart, overview::barColors(s, PlotColors::of(*view_->charts()[c])).selected);
    }
    EXPECT_TRUE(selectedDrawn);
}

// In a narrow, short dock the headline tiles wrap, the histograms go one a row, and the brush's
// "Clear" button is not cut off.
TEST_F(OverviewViewTest, FitsANarrowShortDock)
{
    const QStringList names = test::demoStudyNames();
    ASSERT_GE(names.size(), 3);
    showStudies(names.mid(0, 3));
    drag(*view_->charts()[0], 0.3, 0.6);
    hub().flush();
    auto* clear = view_->findChild<QToolButton*>(QStringLiteral("overviewClearBrushes"));
    ASSERT_NE(clear, nullptr);
    ASSERT_TRUE(clear->isVisibleTo(view_.get()));
    test::expectNarrowMinimum(*view_);

    test::resizeAndCheck(*view_, QSize(420, 300), QStringLiteral("overview_420x300.png"));
    ASSERT_EQ(view_->size(), QSize(420, 300));
    const QWidget* best = view_->findChild<QWidget*>(QStringLiteral("overviewBest"));
    ASSERT_NE(best, nullptr);
    EXPECT_LE(best->mapTo(view_.get(), QPoint(best->width(), 0)).x(), 420);
    auto* scroll = view_->findChild<QWidget*>(QStringLiteral("overviewScroll"));
    ASSERT_NE(scroll, nullptr);
    EXPECT_GT(scroll->height(), 60);  // the histograms keep room to scroll through

    test::resizeAndCheck(*view_, QSize(420, 600), QStringLiteral("overview_420x600.png"));
    for (const HistogramChart* chart : view_->charts())
        EXPECT_LE(chart->mapTo(view_.get(), QPoint(chart->width(), 0)).x(), 420) << chart->metric().toStdString();

    test::resizeAndCheck(*view_, QSize(1200, 800), QStringLiteral("overview_1200x800.png"));
}

} // namespace
