// The older views under the dark theme, rendered for real (QWidget::grab) on the demo project: their
// canvases and cards are dark, no light panel is left anywhere, text and axes stand out from the
// canvas, and switching the theme while they are open paints their cached layers again.
// Pictures are saved when TENDRIL_SCREENSHOT_DIR is set, to be looked at.
#include "session/demo_project.hpp"
#include "session/project_session.hpp"
#include "style/app_style.hpp"
#include "style/plot_colors.hpp"
#include "test_support.hpp"
#include "views/control/control_panel.hpp"
#include "views/control/study_dialog.hpp"
#include "views/curves/curves_plot.hpp"
#include "views/curves/curves_view.hpp"
#include "views/overview/histogram_chart.hpp"
#include "views/overview/overview_header.hpp"
#include "views/overview/overview_view.hpp"
#include "views/selected/selected_view.hpp"
#include "views/tradeoff/scatter_plot.hpp"
#include "views/tradeoff/tradeoff_legend.hpp"
#include "views/tradeoff/tradeoff_view.hpp"
#include "views/trials/trials_view.hpp"

#include <QApplication>
#include <QCheckBox>
#include <QSlider>
#include <QDir>
#include <QImage>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <vector>

using namespace tendril;
using namespace tendril::app;

namespace {

int lightness(QRgb pixel)
{
    return QColor(pixel).lightness();
}

// The longest run of light pixels (lightness above 200) along any row: a light card or panel left
// in a dark view makes a long one, text and markers only short ones.
int longestLightRun(const QImage& image)
{
    int longest = 0;
    for (int y = 0; y < image.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        int run = 0;
        for (int x = 0; x < image.width(); ++x) {
            run = lightness(line[x]) > 200 ? run + 1 : 0;
            longest = std::max(longest, run);
        }
    }
    return longest;
}

// Pixels within tolerance of a colour on every channel, in an area of the image.
int pixelsNear(const QImage& image, const QColor& colour, const QRect& area, int tolerance = 3)
{
    int n = 0;
    const QRect r = area.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x) {
            const QRgb p = image.pixel(x, y);
            n += std::abs(qRed(p) - colour.red()) <= tolerance && std::abs(qGreen(p) - colour.green()) <= tolerance
                && std::abs(qBlue(p) - colour.blue()) <= tolerance;
        }
    return n;
}

// Pixels in an area at least `by` lighter than the background: text and lines drawn on it.
int pixelsLighterThan(const QImage& image, const QColor& background, const QRect& area, int by)
{
    int n = 0;
    const QRect r = area.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            n += lightness(image.pixel(x, y)) >= background.lightness() + by;
    return n;
}

// Pure white pixels: nothing paints them in the dark theme, a layer left from the light one does
// (the white canvas, the white halo of a selected marker).
int whitePixels(const QImage& image)
{
    return pixelsNear(image, Qt::white, image.rect(), 4);
}

class DarkThemeTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir_.isValid());
        const QString path = dir_.filePath(QStringLiteral("demo.tendril"));
        ensureDemoProject(path);
        session_ = std::make_unique<ProjectSession>(path, OpenMode::ReadWrite);
        session_->setWatchInterval(0);
        session_->setSelectedStudies(test::demoStudyNames().mid(0, 3));
        ASSERT_TRUE(session_->waitUntilLoaded());
        setTheme(Theme::Dark, false);
    }

    void TearDown() override { setTheme(Theme::Light, false); }

    // The best few trials by the objective, selected as if picked in another view.
    void selectBestTrials(std::size_t count)
    {
        const TrialTable& table = *session_->hub().table();
        const auto& values = table.columns()[*table.objectiveColumn()].values;
        std::vector<std::size_t> rows;
        for (std::size_t r = 0; r < table.rows(); ++r)
            if (std::isfinite(values[r]))
                rows.push_back(r);
        count = std::min(count, rows.size());
        std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(count), rows.end(),
                          [&values](std::size_t a, std::size_t b) { return values[a] > values[b]; });
        std::set<TrialKey> keys;
        for (std::size_t i = 0; i < count; ++i)
            keys.insert(table.key(rows[i]));
        session_->hub().setSelection(std::move(keys));
        session_->hub().flush();
    }

    template <typename View>
    std::unique_ptr<View> shown(QSize size)
    {
        auto view = std::make_unique<View>(*session_);
        view->resize(size);
        view->show();
        session_->hub().flush();
        QApplication::processEvents();
        return view;
    }

    // The whole view has no light panel and shows readable text somewhere.
    static void expectDarkView(const QImage& image, const QColor& canvas)
    {
        EXPECT_LT(canvas.lightness(), 64);
        EXPECT_LT(longestLightRun(image), 40);
        EXPECT_GT(pixelsLighterThan(image, canvas, image.rect(), 140), 200);
    }

    QTemporaryDir dir_;
    std::unique_ptr<ProjectSession> session_;
};

TEST_F(DarkThemeTest, OverviewCardsAreDarkWithReadableTicksAndAxes)
{
    selectBestTrials(5);
    auto view = shown<OverviewView>(QSize(1200, 800));
    ASSERT_FALSE(view->charts().empty());
    expectDarkView(test::screenshot(*view, QStringLiteral("dark-overview.png")), PlotColors::of(*view).canvas);

    overview::HistogramChart& chart = *view->charts()[0];
    const PlotColors colors = PlotColors::of(chart);
    ASSERT_TRUE(colors.dark);
    const QImage image = test::screenshot(chart, QStringLiteral("dark-overview-chart.png"));
    // The card's dark fill covers most of the chart.
    EXPECT_LT(colors.card.lightness(), 64);
    EXPECT_GT(pixelsNear(image, colors.card, image.rect()), image.width() * image.height() * 2 / 5);
    const QRect plot = chart.plotRect().toAlignedRect();
    // Tick labels under the plot and counts left of it stand out from the card.
    EXPECT_GT(pixelsLighterThan(image, colors.card, QRect(plot.left(), plot.bottom() + 4, plot.width(), 16), 100), 20);
    EXPECT_GT(pixelsLighterThan(image, colors.card, QRect(0, plot.top(), plot.left() - 2, plot.height()), 100), 10);
    // The baseline is drawn over the bars, lighter than the card.
    const int baseline = static_cast<int>(std::round(chart.plotRect().bottom()));
    EXPECT_GE(lightness(image.pixel(plot.center().x(), baseline)), colors.card.lightness() + 30);

    // The headline strip: the dark canvas with light numbers on it.
    overview::OverviewHeader& header = *view->header();
    const QImage strip = test::screenshot(header, QStringLiteral("dark-overview-header.png"));
    EXPECT_GT(pixelsNear(strip, colors.canvas, strip.rect()), strip.width() * strip.height() / 2);
    EXPECT_GT(pixelsLighterThan(strip, colors.canvas, strip.rect(), 150), 100);
}

TEST_F(DarkThemeTest, TradeoffPlotCanvasIsDarkWithVisibleAxesTicksAndLegend)
{
    selectBestTrials(5);
    auto view = shown<TradeoffView>(QSize(1000, 700));
    expectDarkView(test::screenshot(*view, QStringLiteral("dark-tradeoff.png")), PlotColors::of(*view).canvas);

    tradeoff::ScatterPlot& plot = *view->plot();
    ASSERT_GT(plot.drawnRows(), 0u);
    const PlotColors colors = PlotColors::of(plot);
    const QImage image = test::screenshot(plot, QStringLiteral("dark-tradeoff-plot.png"));
    const QRect area = plot.plotArea().toAlignedRect();
    EXPECT_GT(pixelsNear(image, colors.canvas, area), area.width() * area.height() / 2);
    // The y axis line runs down the left edge of the plot area, lighter than the canvas.
    int axisRows = 0;
    for (int y = area.top() + 2; y < area.bottom() - 2; ++y) {
        int brightest = 0;
        for (int x = area.left() - 2; x <= area.left() + 1; ++x)
            brightest = std::max(brightest, lightness(image.pixel(x, y)));
        axisRows += brightest >= colors.canvas.lightness() + 25;
    }
    EXPECT_GT(axisRows, (area.height() - 4) * 9 / 10);
    // Tick labels left of and under the plot area.
    EXPECT_GT(pixelsLighterThan(image, colors.canvas, QRect(0, area.top(), area.left() - 4, area.height()), 100), 30);
    EXPECT_GT(pixelsLighterThan(image, colors.canvas, QRect(area.left(), area.bottom() + 3, area.width(), 18), 100), 30);
    // No white halo around the selected trials, no white anywhere.
    EXPECT_EQ(whitePixels(image), 0);
    // The key's marker icons and words are drawn for the dark canvas too.
    const QImage legend = test::screenshot(*view->legend(), QStringLiteral("dark-tradeoff-legend.png"));
    EXPECT_EQ(whitePixels(legend), 0);
    EXPECT_GT(pixelsLighterThan(legend, colors.canvas, legend.rect(), 140), 50);
}

TEST_F(DarkThemeTest, CurvesPlotIsDarkWithReadableTitlesAndTicks)
{
    selectBestTrials(4);
    auto view = shown<CurvesView>(QSize(1200, 800));
    expectDarkView(test::screenshot(*view, QStringLiteral("dark-curves.png")), PlotColors::of(*view).canvas);

    curves::CurvesPlot& plot = *view->plot();
    ASSERT_GT(plot.panelCount(), 0u);
    const PlotColors colors = PlotColors::of(plot);
    const QImage image = test::screenshot(plot, QStringLiteral("dark-curves-plot.png"));
    const QRect area = plot.plotRect(0).toAlignedRect();
    EXPECT_GT(pixelsNear(image, colors.canvas, area), area.width() * area.height() / 2);
    EXPECT_GT(pixelsLighterThan(image, colors.canvas, QRect(0, area.top(), area.left() - 4, area.height()), 100), 30);
    // The panel's title above it, in the ink.
    EXPECT_GT(pixelsLighterThan(image, colors.canvas, QRect(area.left(), 0, area.width(), area.top()), 150), 30);
    EXPECT_EQ(whitePixels(image), 0);
}

TEST_F(DarkThemeTest, TablesAndTheControlPanelHaveNoLightPanels)
{
    selectBestTrials(6);
    auto selected = shown<SelectedView>(QSize(1000, 600));
    expectDarkView(test::screenshot(*selected, QStringLiteral("dark-selected.png")), PlotColors::of(*selected).canvas);

    // The trials view lists the first shown study.
    auto trials = shown<TrialsView>(QSize(1000, 600));
    expectDarkView(test::screenshot(*trials, QStringLiteral("dark-trials.png")), PlotColors::of(*trials).canvas);

    auto panel = shown<ControlPanel>(QSize(420, 600));
    expectDarkView(test::screenshot(*panel, QStringLiteral("dark-control.png")), PlotColors::of(*panel).canvas);

    std::unique_ptr<StudyDialog> dialog(panel->createNewStudyDialog());
    ASSERT_NE(dialog, nullptr);
    dialog->resize(900, 760);
    dialog->show();
    QApplication::processEvents();
    expectDarkView(test::screenshot(*dialog, QStringLiteral("dark-new-study-dialog.png")), PlotColors::of(*dialog).canvas);
}

// Views opened in the light theme follow a switch to the dark one: canvases, cached layers, legend
// icons and the colours written into style sheets and rich text are all made again, so each view
// looks exactly as one opened in the dark theme, and after switching back as it did at first.
TEST_F(DarkThemeTest, SwitchingThemeAtRuntimeRepaintsCachedLayers)
{
    setTheme(Theme::Light, false);
    selectBestTrials(5);
    const QSize size(1000, 700);
    auto tradeoff = shown<TradeoffView>(size);
    auto curves = shown<CurvesView>(size);
    auto overview = shown<OverviewView>(size);
    ASSERT_FALSE(PlotColors::of(*tradeoff->plot()).dark);
    // Painted once in the light theme, so every cache holds light layers.
    const auto pictures = [&](const QString& tag) {
        return std::vector<QImage>{test::screenshot(*tradeoff, tag + QStringLiteral("-tradeoff.png")),
                                   test::screenshot(*curves, tag + QStringLiteral("-curves.png")),
                                   test::screenshot(*overview, tag + QStringLiteral("-overview.png"))};
    };
    const std::vector<QImage> light = pictures(QStringLiteral("switch-light"));
    EXPECT_GT(longestLightRun(light[0]), 400);

    setTheme(Theme::Dark, false);
    QApplication::processEvents();
    for (QWidget* view : std::initializer_list<QWidget*>{tradeoff.get(), curves.get(), overview.get()})
        EXPECT_TRUE(PlotColors::of(*view).dark);
    const std::vector<QImage> switched = pictures(QStringLiteral("switch-dark"));
    const std::vector<QImage> opened = [&] {
        auto freshTradeoff = shown<TradeoffView>(size);
        auto freshCurves = shown<CurvesView>(size);
        auto freshOverview = shown<OverviewView>(size);
        return std::vector<QImage>{test::screenshot(*freshTradeoff, QStringLiteral("opened-dark-tradeoff.png")),
                                   test::screenshot(*freshCurves, QStringLiteral("opened-dark-curves.png")),
                                   test::screenshot(*freshOverview, QStringLiteral("opened-dark-overview.png"))};
    }();
    for (std::size_t i = 0; i < switched.size(); ++i) {
        expectDarkView(switched[i], PlotColors::of(*tradeoff).canvas);
        EXPECT_EQ(whitePixels(switched[i]), 0) << i;
        EXPECT_TRUE(switched[i] == opened[i]) << "view " << i << " differs from one opened in the dark theme";
    }

    setTheme(Theme::Light, false);
    QApplication::processEvents();
    const std::vector<QImage> back = pictures(QStringLiteral("switch-back"));
    for (std::size_t i = 0; i < back.size(); ++i)
        EXPECT_TRUE(back[i] == light[i]) << "view " << i << " differs from before the switches";
}

// The style draws check boxes and slider grooves with a frame that stands out from the window in
// both themes (Fusion's own frame all but vanishes on the dark one).
TEST(ThemeIndicators, CheckBoxesAndSlidersAreFramedInBothThemes)
{
    for (const Theme theme : {Theme::Light, Theme::Dark}) {
        setTheme(theme, false);
        QWidget window;
        window.resize(200, 60);
        auto* box = new QCheckBox(&window);
        box->setGeometry(10, 10, 30, 30);
        auto* slider = new QSlider(Qt::Horizontal, &window);
        slider->setGeometry(60, 10, 120, 30);
        window.show();
        QApplication::processEvents();
        const QImage image = window.grab().toImage().convertToFormat(QImage::Format_RGB32);
        const QColor background = window.palette().color(QPalette::Window);
        const auto contrasting = [&](const QRect& area) {
            int n = 0;
            for (int y = area.top(); y <= area.bottom(); ++y)
                for (int x = area.left(); x <= area.right(); ++x)
                    n += std::abs(QColor(image.pixel(x, y)).lightness() - background.lightness()) >= 40;
            return n;
        };
        EXPECT_GT(contrasting(box->geometry()), 20) << "check box frame, theme " << static_cast<int>(theme);
        EXPECT_GT(contrasting(slider->geometry()), 40) << "slider groove and handle, theme " << static_cast<int>(theme);
    }
    setTheme(Theme::Light, false);
}

} // namespace
