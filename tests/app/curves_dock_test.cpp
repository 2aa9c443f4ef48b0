// The model analysis view in a dock of any size: narrow and short, the sidebar moves under the plot
// or away, the metrics go into a menu and the toolbar wraps, with nothing cut off; wide, all sits
// side by side.
#include "session/demo_project.hpp"
#include "session/project_session.hpp"
#include "test_support.hpp"
#include "view_fit_check.hpp"
#include "views/curves/curves_legend.hpp"
#include "views/curves/curves_plot.hpp"
#include "views/curves/curves_view.hpp"

#include <QApplication>
#include <QListWidget>
#include <QMenu>
#include <QTemporaryDir>
#include <QToolButton>
#include <QWheelEvent>

#include <gtest/gtest.h>

using namespace tendril;
using namespace tendril::app;
using namespace tendril::app::curves;

namespace {

class CurvesDockTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir_.isValid());
        const QString path = dir_.filePath(QStringLiteral("demo.tendril"));
        ensureDemoProject(path);
        session_ = std::make_unique<ProjectSession>(path, OpenMode::ReadOnly);
    }

    void showStudies(const QStringList& studies)
    {
        session_->setSelectedStudies(studies);
        ASSERT_TRUE(session_->waitUntilLoaded());
        session_->hub().flush();
    }

    QTemporaryDir dir_;
    std::unique_ptr<ProjectSession> session_;
};

// In a narrow dock the sidebar goes under the plot (or, in a short one, away) and the metrics into
// a menu that checks the same list; nothing in the toolbar is cut off, "Reset zoom" included.
TEST_F(CurvesDockTest, FitsANarrowShortDock)
{
    CurvesView view(*session_);
    view.resize(1200, 800);
    view.show();
    showStudies(test::demoStudyNames().mid(0, 2));
    view.setCheckedMetrics({QStringLiteral("val_acc"), QStringLiteral("val_loss")});
    QApplication::processEvents();
    CurvesPlot* plot = view.plot();
    const QPointF centre = plot->plotRect(0).center();
    QWheelEvent wheel(centre, plot->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(plot, &wheel);
    auto* reset = view.findChild<QToolButton*>(QStringLiteral("curvesResetZoom"));
    ASSERT_NE(reset, nullptr);
    ASSERT_TRUE(reset->isEnabled());
    test::expectNarrowMinimum(view);

    test::resizeAndCheck(view, QSize(420, 300), QStringLiteral("curves_420x300.png"));
    ASSERT_EQ(view.size(), QSize(420, 300));
    EXPECT_TRUE(view.metricsButton()->isVisible());
    EXPECT_FALSE(view.metricList()->isVisible());
    EXPECT_FALSE(view.legend()->isVisible());  // too short to share with the plot
    EXPECT_GT(plot->plotRect(1).bottom(), plot->plotRect(0).bottom());
    EXPECT_GE(plot->plotRect(0).width(), 250);

    // The menu is the metric list by other means.
    QMenu* menu = view.metricsButton()->menu();
    emit menu->aboutToShow();
    ASSERT_EQ(menu->actions().size(), view.availableMetrics().size());
    QAction* loss = nullptr;
    for (QAction* action : menu->actions())
        if (action->text() == QStringLiteral("val_loss"))
            loss = action;
    ASSERT_NE(loss, nullptr);
    EXPECT_TRUE(loss->isChecked());
    loss->setChecked(false);
    EXPECT_EQ(view.checkedMetrics(), QStringList{QStringLiteral("val_acc")});
    EXPECT_EQ(plot->panelCount(), 1u);

    test::resizeAndCheck(view, QSize(420, 600), QStringLiteral("curves_420x600.png"));
    ASSERT_TRUE(view.legend()->isVisible());  // under the plot
    const QRect legend(view.legend()->mapTo(&view, QPoint(0, 0)), view.legend()->size());
    EXPECT_GT(legend.top(), plot->mapTo(&view, QPoint(0, plot->height())).y() - 1);
    EXPECT_LE(legend.right(), 420);

    test::resizeAndCheck(view, QSize(1200, 800), QStringLiteral("curves_1200x800.png"));
    EXPECT_FALSE(view.metricsButton()->isVisible());
    EXPECT_TRUE(view.metricList()->isVisible());
    EXPECT_GT(view.legend()->mapTo(&view, QPoint(0, 0)).x(), plot->mapTo(&view, QPoint(plot->width() - 1, 0)).x());
}

} // namespace
