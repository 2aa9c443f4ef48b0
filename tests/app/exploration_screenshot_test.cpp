// Whole-view pictures of the exploration overview on the demo's random, Hyperband and PBT studies
// (and TPE, BOHB, ASHA), and on three studies side by side, in the light and the dark theme, wide and in a narrow dock:
// checked for their content (the performance colours in the area and the points, the canvas of the
// theme, dashed histories and mutation curves where the algorithm makes them) and saved when
// TENDRIL_SCREENSHOT_DIR is set, to be looked at.
#include "session/demo_project.hpp"
#include "session/project_session.hpp"
#include "style/app_style.hpp"
#include "style/plot_colors.hpp"
#include "style/study_colors.hpp"
#include "views/exploration/exploration_canvas.hpp"
#include "views/exploration/exploration_view.hpp"

#include "test_support.hpp"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QSet>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>

using namespace tendril;
using namespace tendril::app;
using namespace tendril::app::exploration;

namespace {

using test::colourCount;
using test::pixelsNear;
using test::screenshot;

QImage finishedScreenshot(QWidget& widget, const QString& name)
{
    QApplication::processEvents();
    // The canvas draws its cells on a worker; the picture is what a user sees once they are in.
    for (ExplorationCanvas* canvas : widget.findChildren<ExplorationCanvas*>())
        EXPECT_TRUE(canvas->waitForPicture()) << "the exploration canvas finished its picture";
    return test::screenshot(widget, name);
}

class ExplorationScreenshotTest : public ::testing::TestWithParam<Theme> {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir_.isValid());
        const QString path = dir_.filePath(QStringLiteral("demo.tendril"));
        ensureDemoProject(path);
        session_ = std::make_unique<ProjectSession>(path, OpenMode::ReadWrite);
        session_->setWatchInterval(0);
        setTheme(GetParam(), false);
    }

    void TearDown() override
    {
        view_.reset();
        setTheme(Theme::Light, false);
    }

    void show(const QStringList& studies, QSize size)
    {
        session_->setSelectedStudies(studies);
        ASSERT_TRUE(session_->waitUntilLoaded());
        view_ = std::make_unique<ExplorationView>(*session_);
        view_->resize(size);
        view_->show();
        QApplication::processEvents();
        ASSERT_FALSE(view_->showsPlaceholder()) << view_->placeholderText().toStdString();
    }

    QString name(const QString& what, QSize size) const
    {
        return QStringLiteral("exploration-%1-%2x%3-%4.png")
            .arg(what)
            .arg(size.width())
            .arg(size.height())
            .arg(GetParam() == Theme::Dark ? QStringLiteral("dark") : QStringLiteral("light"));
    }

    // The picture shows the theme's canvas, the best-so-far area in performance colours, and
    // points across the range of the ramp.
    void expectFinishedPicture(const QImage& image)
    {
        const PlotColors colors = PlotColors::of(*view_);
        EXPECT_GT(pixelsNear(image, colors.canvas, 2), image.width() * image.height() / 8) << "cards on the theme's canvas";
        EXPECT_GT(colourCount(image), 200);
        int ramp = 0;
        for (const double t : {0.25, 0.5, 0.75, 1.0})
            ramp += pixelsNear(image, performanceColor(t), 6) > 0;
        EXPECT_GE(ramp, 3) << "performance colours from pale to deep";
    }

    QTemporaryDir dir_;
    std::unique_ptr<ProjectSession> session_;
    std::unique_ptr<ExplorationView> view_;
};

TEST_P(ExplorationScreenshotTest, RandomSearch)
{
    for (const QSize size : {QSize(1200, 800), QSize(420, 700)}) {
        show({QStringLiteral("digits-random")}, size);
        const QImage image = finishedScreenshot(*view_, name(QStringLiteral("random"), size));
        expectFinishedPicture(image);
        const ExplorationCanvas& canvas = *view_->canvas();
        for (std::size_t c = 0; c < canvas.cellCount(); ++c) {
            EXPECT_TRUE(canvas.report(c).dashedSegments.empty()) << "random search evaluates each trial once";
            EXPECT_TRUE(canvas.report(c).mutationLinks.empty());
        }
    }
}

TEST_P(ExplorationScreenshotTest, Hyperband)
{
    for (const QSize size : {QSize(1200, 800), QSize(420, 700)}) {
        show({QStringLiteral("digits-hyperband")}, size);
        const QImage image = finishedScreenshot(*view_, name(QStringLiteral("hyperband"), size));
        expectFinishedPicture(image);
        const ExplorationCanvas& canvas = *view_->canvas();
        ASSERT_GT(canvas.cellCount(), 1u);
        EXPECT_FALSE(canvas.report(1).dashedSegments.empty()) << "survivors' histories";
        EXPECT_TRUE(canvas.report(1).mutationLinks.empty());
    }
}

TEST_P(ExplorationScreenshotTest, Pbt)
{
    for (const QSize size : {QSize(1200, 800), QSize(420, 700)}) {
        show({QStringLiteral("digits-pbt")}, size);
        const QImage image = finishedScreenshot(*view_, name(QStringLiteral("pbt"), size));
        expectFinishedPicture(image);
        const ExplorationCanvas& canvas = *view_->canvas();
        ASSERT_GT(canvas.cellCount(), 1u);
        // Every exploit of the demo's PBT (each explored new values) is one mutation curve.
        const auto study = session_->study(QStringLiteral("digits-pbt"));
        const auto exploits = std::count_if(study->trials.begin(), study->trials.end(),
                                            [](const Trial& t) { return !t.parent.empty(); });
        EXPECT_GT(exploits, 0);
        EXPECT_EQ(canvas.report(1).mutationLinks.size(), static_cast<std::size_t>(exploits));
    }
}

TEST_P(ExplorationScreenshotTest, TpeBohbAndAsha)
{
    const QSize size(1200, 800);
    for (const char* study : {"digits-tpe", "digits-bohb", "digits-asha"}) {
        show({QString::fromLatin1(study)}, size);
        expectFinishedPicture(finishedScreenshot(*view_, name(QString::fromLatin1(study).mid(7), size)));
        const ExplorationCanvas& canvas = *view_->canvas();
        const bool bandit = std::string(study) != "digits-tpe";
        EXPECT_EQ(!canvas.report(1).dashedSegments.empty(), bandit) << study;
    }
}

TEST_P(ExplorationScreenshotTest, TwoStudiesSideBySideAndOneChosen)
{
    const QSize size(1200, 800);
    show({QStringLiteral("digits-hyperband"), QStringLiteral("digits-pbt"), QStringLiteral("digits-bohb")}, size);
    EXPECT_EQ(view_->canvas()->canvasLayout().captions.size(), 3u);
    expectFinishedPicture(finishedScreenshot(*view_, name(QStringLiteral("side-by-side"), size)));
    view_->studyChooser()->setCurrentIndex(2);
    EXPECT_EQ(view_->canvas()->shownTracks(), std::vector<std::size_t>{1});
    // Hovering a PBT member highlights its lineage.
    const ExplorationCanvas& canvas = *view_->canvas();
    const CellScene& scene = canvas.scene(1);
    std::size_t deepest = 0;
    for (std::size_t i = 0; i < scene.points.size(); ++i)
        if (scene.points[i].trial > scene.points[deepest].trial)
            deepest = i;
    session_->hub().setHovered(session_->hub().table()->key(scene.points[deepest].row));
    session_->hub().flush();
    expectFinishedPicture(finishedScreenshot(*view_, name(QStringLiteral("pbt-hover"), size)));
    EXPECT_GT(canvas.highlightedRows().size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Themes, ExplorationScreenshotTest, ::testing::Values(Theme::Light, Theme::Dark),
                         [](const ::testing::TestParamInfo<Theme>& info) {
                             return info.param == Theme::Dark ? std::string("Dark") : std::string("Light");
                         });

} // namespace
