// Whole-view pictures of the importance view on demo studies, in the light and the dark theme, wide
// and in a narrow dock: checked for their content (the chosen row in the accent colour, the green
// curve or heatmap, the theme's canvas) and saved when TENDRIL_SCREENSHOT_DIR is set, to be looked at.
#include "session/demo_project.hpp"
#include "session/importance_service.hpp"
#include "session/project_session.hpp"
#include "style/app_style.hpp"
#include "style/plot_colors.hpp"
#include "style/study_colors.hpp"
#include "test_support.hpp"
#include "views/importance/detail_layers.hpp"
#include "views/importance/detail_plot.hpp"
#include "views/importance/importance_view.hpp"
#include "views/importance/matrix_plot.hpp"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QScrollArea>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

using namespace tendril;
using namespace tendril::app;
using namespace tendril::app::importance;

namespace {

using test::colourCount;
using test::pixelsNear;
using test::screenshot;

class ImportanceScreenshotTest : public ::testing::TestWithParam<Theme> {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir_.isValid());
        const QString path = dir_.filePath(QStringLiteral("demo.tendril"));
        ensureDemoProject(path);
        session_ = std::make_unique<ProjectSession>(path, OpenMode::ReadWrite);
        session_->setWatchInterval(0);
        ImportanceService::of(*session_).setDelay(0);
        setTheme(GetParam(), false);
    }

    void TearDown() override { setTheme(Theme::Light, false); }

    bool settle()
    {
        ImportanceService& service = ImportanceService::of(*session_);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (std::chrono::steady_clock::now() < deadline) {
            session_->hub().flush();
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            if (!service.busy() && !view_->detailPending() && view_->shownResult() == service.result()
                && service.result() && service.result()->table == session_->hub().table())
                return true;
            QTest::qWait(5);
        }
        return false;
    }

    void show(const QStringList& studies, QSize size)
    {
        session_->setSelectedStudies(studies);
        ASSERT_TRUE(session_->waitUntilLoaded());
        view_ = std::make_unique<ImportanceView>(*session_);
        view_->resize(size);
        view_->show();
        ASSERT_TRUE(settle());
        // The three best trials selected elsewhere, to show how the detail emphasises them.
        const TrialTable& table = *session_->hub().table();
        const auto& acc = table.columns()[*table.objectiveColumn()].values;
        std::vector<std::size_t> rows(table.rows());
        for (std::size_t r = 0; r < rows.size(); ++r)
            rows[r] = r;
        std::partial_sort(rows.begin(), rows.begin() + 3, rows.end(), [&](std::size_t a, std::size_t b) {
            return (std::isfinite(acc[a]) ? acc[a] : -1) > (std::isfinite(acc[b]) ? acc[b] : -1);
        });
        session_->hub().setSelection({table.key(rows[0]), table.key(rows[1]), table.key(rows[2])});
        QCoreApplication::processEvents();
    }

    QString themeTag() const { return GetParam() == Theme::Dark ? QStringLiteral("dark") : QStringLiteral("light"); }

    // The theme's canvas covers much of the view, and the picture is not blank.
    void expectThemed(const QImage& image)
    {
        const PlotColors colors = PlotColors::of(*view_);
        EXPECT_EQ(colors.dark, GetParam() == Theme::Dark);
        EXPECT_GT(pixelsNear(image, colors.canvas, 3), image.width() * image.height() / 3);
        EXPECT_GT(colourCount(image), 60);
    }

    QTemporaryDir dir_;
    std::unique_ptr<ProjectSession> session_;
    std::unique_ptr<ImportanceView> view_;
};

QStringList studies(std::initializer_list<const char*> kinds)
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

} // namespace

TEST_P(ImportanceScreenshotTest, WideWithAMarginalCurveAndAHeatmap)
{
    show(studies({"random", "tpe", "hyperband"}), {1200, 800});
    ASSERT_FALSE(view_->showsPlaceholder());
    const PlotColors colors = PlotColors::of(*view_);
    ASSERT_TRUE(view_->chooseTerm({"learning_rate_init", {}}));
    ASSERT_TRUE(settle());
    const QImage wide = screenshot(*view_, QStringLiteral("importance_%1_curve.png").arg(themeTag()));
    expectThemed(wide);
    // The chosen row in the accent colour, the curve in its green, the three studies' dots.
    const QImage matrix = view_->matrix()->grab().toImage().convertToFormat(QImage::Format_RGB32);
    EXPECT_GT(pixelsNear(matrix, colors.accent, 10), 60);
    const QImage plot = view_->detail()->grab().toImage().convertToFormat(QImage::Format_RGB32);
    EXPECT_GT(pixelsNear(plot, curveColors(colors).line, 10), 100);
    for (std::size_t study = 0; study < 3; ++study)
        EXPECT_GT(pixelsNear(plot, studyColor(study), 10), 10) << study;

    // A pair: the heatmap spans the whole range of greens.
    std::optional<TermKey> pair;
    for (const ImportanceTerm& term : view_->matrix()->matrix().terms)
        if (term.isPair() && !pair)
            pair = term.key;
    ASSERT_TRUE(pair.has_value());
    ASSERT_TRUE(view_->chooseTerm(*pair));
    ASSERT_TRUE(settle());
    const QImage heat = screenshot(*view_, QStringLiteral("importance_%1_pair.png").arg(themeTag()));
    expectThemed(heat);
    const QImage heatPlot = view_->detail()->grab().toImage().convertToFormat(QImage::Format_RGB32);
    EXPECT_GT(pixelsNear(heatPlot, performanceColor(1.0), 6), 40);
    EXPECT_GT(pixelsNear(heatPlot, performanceColor(0.0), 6), 40);
}

TEST_P(ImportanceScreenshotTest, NarrowDockWithPbt)
{
    show(studies({"pbt", "bohb"}), {420, 700});
    ASSERT_FALSE(view_->showsPlaceholder());
    const QImage narrow = screenshot(*view_, QStringLiteral("importance_%1_narrow.png").arg(themeTag()));
    expectThemed(narrow);
    const PlotColors colors = PlotColors::of(*view_);
    // Matrix and detail both on screen, one over the other, the matrix showing its header and
    // several rows (it scrolls for the rest).
    auto* scroll = view_->findChild<QScrollArea*>(QStringLiteral("importanceMatrixScroll"));
    ASSERT_NE(scroll, nullptr);
    const QRect matrix(scroll->mapTo(view_.get(), QPoint(0, 0)), scroll->size());
    const QRect detail(view_->detail()->mapTo(view_.get(), QPoint(0, 0)), view_->detail()->size());
    EXPECT_LE(matrix.bottom(), detail.top());
    EXPECT_LE(detail.right(), 420);
    const MatrixLayout& layout = view_->matrix()->layout();
    EXPECT_GE(matrix.height(), static_cast<int>(layout.rowRect(4).bottom()));
    EXPECT_GE(detail.height(), 220);
    EXPECT_GT(pixelsNear(view_->matrix()->grab().toImage().convertToFormat(QImage::Format_RGB32), colors.accent, 10), 40);
}

INSTANTIATE_TEST_SUITE_P(Themes, ImportanceScreenshotTest, ::testing::Values(Theme::Light, Theme::Dark),
                         [](const ::testing::TestParamInfo<Theme>& info) {
                             return info.param == Theme::Dark ? std::string("Dark") : std::string("Light");
                         });
