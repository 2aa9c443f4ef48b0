// The all-trials view on a real project file: it shows the study the session read for every view
// (no read of its own), fills its table only while on screen, and says what it waits for or why
// the study could not be read.
#include "session/project_session.hpp"
#include "test_support.hpp"
#include "views/trials/trials_model.hpp"
#include "views/trials/trials_view.hpp"

#include "tendril/store/project.hpp"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QStackedWidget>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace tendril;
using namespace tendril::app;

namespace {

class TrialsViewTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir_.isValid());
        path_ = dir_.filePath(QStringLiteral("trials.tendril"));
        Study longer = test::makeSweepStudy("longer");
        Study extra = test::makeSweepStudy("longer");
        for (Trial& t : extra.trials) {
            t.id += "-again";
            t.number += 100;
            longer.trials.push_back(t);
        }
        Project(path_.toStdString(), OpenMode::CreateIfMissing).addStudies({test::makeSweepStudy("sweep"), longer});
        session_ = std::make_unique<ProjectSession>(path_, OpenMode::ReadOnly);
        session_->setWatchInterval(0);
        view_ = std::make_unique<TrialsView>(*session_);
        view_->resize(900, 500);
    }

    void TearDown() override
    {
        view_.reset();
        session_.reset();
    }

    void select(const QStringList& studies)
    {
        session_->setSelectedStudies(studies);
        ASSERT_TRUE(session_->waitUntilLoaded());
        QApplication::processEvents();
    }

    QString placeholderText() const
    {
        return view_->findChild<QLabel*>(QStringLiteral("trialsPlaceholder"))->text();
    }

    bool showsPlaceholder() const
    {
        const auto* pages = view_->findChild<QStackedWidget*>();
        return pages->currentWidget() == view_->findChild<QLabel*>(QStringLiteral("trialsPlaceholder"));
    }

    QTemporaryDir dir_;
    QString path_;
    std::unique_ptr<ProjectSession> session_;
    std::unique_ptr<TrialsView> view_;
};

} // namespace

TEST_F(TrialsViewTest, AViewOutOfSightReadsNothingAndCatchesUpWhenShown)
{
    select({QStringLiteral("longer"), QStringLiteral("sweep")});
    EXPECT_EQ(view_->model()->study(), nullptr) << "a hidden view fills no table";

    view_->show();
    QApplication::processEvents();
    const std::shared_ptr<const Study>& shown = view_->model()->study();
    ASSERT_NE(shown, nullptr);
    EXPECT_EQ(shown->name, "longer");
    EXPECT_EQ(view_->model()->rowCount(), 12);
    // The very study the session read for every view: the view did not read it again.
    EXPECT_EQ(shown.get(), &session_->hub().table()->study(0));
    EXPECT_FALSE(showsPlaceholder());
    EXPECT_EQ(view_->findChild<QLabel*>(QStringLiteral("trialsTitle"))->text(), QStringLiteral("longer"));

    // Changes while hidden wait for the next show, and the old study is let go meanwhile.
    view_->hide();
    select({QStringLiteral("sweep")});
    EXPECT_EQ(view_->model()->study(), nullptr);
    view_->show();
    QApplication::processEvents();
    ASSERT_NE(view_->model()->study(), nullptr);
    EXPECT_EQ(view_->model()->study()->name, "sweep");
    EXPECT_EQ(view_->model()->rowCount(), 6);
}

TEST_F(TrialsViewTest, OnScreenItFollowsTheCurrentStudyAsTheSessionReadsIt)
{
    view_->show();
    QApplication::processEvents();
    EXPECT_TRUE(showsPlaceholder());
    EXPECT_TRUE(placeholderText().contains(QStringLiteral("Select a study"))) << placeholderText().toStdString();

    session_->setSelectedStudies({QStringLiteral("sweep")});
    // Read on the session's worker; until it is in, the view says what it waits for.
    if (session_->loading()) {
        EXPECT_TRUE(showsPlaceholder());
        EXPECT_TRUE(placeholderText().contains(QStringLiteral("sweep"))) << placeholderText().toStdString();
    }
    ASSERT_TRUE(session_->waitUntilLoaded());
    QApplication::processEvents();
    ASSERT_NE(view_->model()->study(), nullptr);
    EXPECT_EQ(view_->model()->study()->name, "sweep");
    EXPECT_FALSE(showsPlaceholder());

    select({QStringLiteral("longer")});
    ASSERT_NE(view_->model()->study(), nullptr);
    EXPECT_EQ(view_->model()->study()->name, "longer");
    EXPECT_EQ(view_->model()->rowCount(), 12);

    select({});
    EXPECT_EQ(view_->model()->study(), nullptr);
    EXPECT_TRUE(showsPlaceholder());
    EXPECT_TRUE(placeholderText().contains(QStringLiteral("Select a study"))) << placeholderText().toStdString();
}

TEST_F(TrialsViewTest, SaysWhyTheStudyCouldNotBeRead)
{
    view_->show();
    // The session reads the shown studies with a connection of its own: without the file, it fails.
    ASSERT_TRUE(QFile::remove(path_));
    session_->setSelectedStudies({QStringLiteral("sweep")});
    ASSERT_TRUE(session_->waitUntilLoaded());
    QApplication::processEvents();
    EXPECT_EQ(view_->model()->study(), nullptr);
    EXPECT_TRUE(showsPlaceholder());
    EXPECT_TRUE(placeholderText().contains(QStringLiteral("could not be read"))) << placeholderText().toStdString();
    EXPECT_TRUE(placeholderText().contains(QStringLiteral("trials.tendril"))) << placeholderText().toStdString();
}
