// Refine: the next study's configuration from the study it refines and the brushes on the views,
// narrowed exactly; and the dialog the control panel opens for it on a real project.
#include "session/project_session.hpp"
#include "session/trial_table.hpp"
#include "views/control/control_panel.hpp"
#include "views/control/refine_config.hpp"
#include "views/control/space_editor.hpp"
#include "views/control/study_dialog.hpp"

#include "process.hpp"
#include "test_support.hpp"

#include "tendril/io/study_config.hpp"
#include "tendril/store/project.hpp"

#include <QLabel>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace tendril::app {
namespace {

Study spaceStudy()
{
    Study s;
    s.name = "base";
    s.objective = {"acc", Direction::Maximize};
    s.space.params = {Param::floatRange("lr", 1e-5, 0.3, true),
                      Param::categorical("optimizer", {Value("sgd"), Value("momentum"), Value("adam")}),
                      Param::intRange("layers", 1, 8),
                      Param::floatRange("dropout", 0.0, 0.7, false, 0.1),
                      Param::intRange("width", 16, 1024, true),
                      Param::categorical("batch", {Value(16), Value(32), Value(64), Value(128)})};
    Trial t;
    t.id = "t0";
    t.setParam("lr", 0.01);
    t.setMetric("acc", 0.5);
    s.trials.push_back(t);
    return s;
}

std::size_t column(const TrialTable& table, const char* name)
{
    const auto c = table.paramColumn(name);
    EXPECT_TRUE(c) << name;
    return c.value_or(0);
}

TEST(NarrowSpace, BrushesBecomeExactRangesClippedToTheOldOnes)
{
    const Study study = spaceStudy();
    const TrialTable table({{1, std::make_shared<const Study>(study)}});
    const std::size_t lr = column(table, "lr");
    const std::size_t optimizer = column(table, "optimizer");
    const std::size_t layers = column(table, "layers");
    const std::size_t dropout = column(table, "dropout");
    const std::size_t batch = column(table, "batch");
    const std::size_t acc = *table.metricColumn("acc");
    std::map<QString, Brush> brushes;
    // One view: two alternative ranges on lr (their hull counts), categories, an int range.
    brushes[QStringLiteral("parallel")] = {
        {lr, 2e-3, 5e-3, {}}, {lr, 1e-3, 0.05, {}}, {optimizer, 0, 0, {0, 2}}, {layers, 2.4, 6.6, {}},
        {dropout, 0.15, 0.42, {}}, {batch, 0.5, 2.5, {}}};
    // Another view: all brushes must hold, so lr is intersected; metric brushes change nothing.
    brushes[QStringLiteral("scatter")] = {{lr, 5e-4, 0.01, {}}, {acc, 0.6, 1.0, {}}};

    const NarrowedSpace narrowed = narrowSpaceToBrushes(study.space, table, brushes);
    SearchSpace expected = study.space;
    expected.params[0].low = 1e-3;
    expected.params[0].high = 0.01;
    expected.params[1].choices = {Value("sgd"), Value("adam")};
    expected.params[2].low = 3;
    expected.params[2].high = 6;
    expected.params[3].low = 0.2;  // the step-0.1 grid from 0, rounded inwards
    expected.params[3].high = 0.4;
    expected.params[5].choices = {Value(32), Value(64)};  // a range over category indexes 1..2
    EXPECT_EQ(narrowed.space, expected);
    EXPECT_EQ(narrowed.notes, (std::vector<std::string>{"lr 0.001 – 0.01", "optimizer sgd, adam", "layers 3 – 6",
                                                        "dropout 0.2 – 0.4", "batch 32, 64"}));
}

TEST(NarrowSpace, ClipsToTheOldRangeAndKeepsWhatTheBrushesLeaveEmpty)
{
    const Study study = spaceStudy();
    const TrialTable table({{1, std::make_shared<const Study>(study)}});
    std::map<QString, Brush> brushes;
    brushes[QStringLiteral("a")] = {{column(table, "lr"), 1e-9, 1e-3, {}}, {column(table, "layers"), 2, 3, {}},
                                    {column(table, "width"), 100.5, 5000, {}}};
    brushes[QStringLiteral("b")] = {{column(table, "layers"), 5, 6, {}}, {column(table, "optimizer"), 0, 0, {1}}};
    brushes[QStringLiteral("c")] = {{column(table, "optimizer"), 0, 0, {2}}, {column(table, "dropout"), 0.31, 0.38, {}}};
    const NarrowedSpace narrowed = narrowSpaceToBrushes(study.space, table, brushes);
    EXPECT_EQ(narrowed.space.params[0], Param::floatRange("lr", 1e-5, 1e-3, true));
    EXPECT_EQ(narrowed.space.params[1], study.space.params[1]);
    EXPECT_EQ(narrowed.space.params[2], study.space.params[2]);
    // No grid point of dropout lies in [0.31, 0.38]: the one nearest the brush's middle, as written.
    EXPECT_EQ(narrowed.space.params[3].low, 0.3);
    EXPECT_EQ(narrowed.space.params[3].high, 0.3);
    Param width = study.space.params[4];
    width.low = 101;  // ints round inwards
    EXPECT_EQ(narrowed.space.params[4], width);
    EXPECT_EQ(narrowed.notes,
              (std::vector<std::string>{"lr 1e-05 – 0.001", "optimizer: the brushes hold none of its choices; choices kept",
                                        "layers: the brushes leave nothing of its range; range kept",
                                        "dropout 0.3 – 0.3", "width 101 – 1024"}));
    EXPECT_EQ(narrowSpaceToBrushes(study.space, table, {}).space, study.space);
}

TEST(RefinedConfig, ImportedStudiesAreRebuiltFromWhatTheyRecord)
{
    const Study sweep = test::makeSweepStudy("sweep");
    const RefinedConfig refined = refinedConfig(sweep, nullptr, {}, {"sweep", "sweep-refined"}, "/work/exp");
    EXPECT_EQ(refined.config.name, "sweep-refined-2");
    EXPECT_EQ(refined.config.parent, "sweep");
    EXPECT_EQ(refined.config.workdir, "/work/exp");
    EXPECT_EQ(refined.config.space, sweep.space);
    EXPECT_EQ(refined.config.objective, sweep.objective);
    EXPECT_EQ(refined.config.metrics, sweep.metrics);
    EXPECT_EQ(refined.config.algorithm, sweep.algorithm);
    EXPECT_TRUE(refined.config.command.empty());
    EXPECT_TRUE(refined.notes.empty());
    EXPECT_EQ(uniqueStudyName("a", {"b"}), "a");
}

class RefineDialogTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir_.isValid());
        path_ = dir_.filePath(QStringLiteral("p.tendril"));
        config_ = readStudyConfig(tendril::testing::sourceDir() + "/resources/examples/synthetic/random.json");
        config_.seed = 77;
        Study stored = studyForConfig(config_, "2024-05-01T10:00:00.000Z");
        for (int i = 0; i < 3; ++i) {
            Trial t;
            t.id = "t" + std::to_string(i);
            t.number = i;
            t.setParam("learning_rate", 1e-3 * (i + 1));
            t.setParam("optimizer", Value("adam"));
            t.setMetric("val_acc", 0.5 + 0.1 * i);
            stored.trials.push_back(t);
        }
        Project project(path_.toStdString(), OpenMode::CreateIfMissing);
        project.addStudies({stored, test::makeSweepStudy("synthetic-random-refined")});
    }

    QTemporaryDir dir_;
    QString path_;
    StudyConfig config_;
};

TEST_F(RefineDialogTest, PreFillsFromTheStoredConfigurationAndTheBrushes)
{
    ProjectSession session(path_, OpenMode::ReadWrite);
    session.setWatchInterval(0);
    session.setSelectedStudies({QStringLiteral("synthetic-random")});
    ASSERT_TRUE(session.waitUntilLoaded());
    const TrialTable& table = *session.hub().table();
    SelectionHub& hub = session.hub();
    hub.setBrush(QStringLiteral("parallel"), {{column(table, "learning_rate"), 1e-4, 0.02, {}},
                                              {column(table, "optimizer"), 0, 0, {1, 2}},
                                              {column(table, "layers"), 1.5, 4.2, {}}});
    hub.setBrush(QStringLiteral("overview"), {{*table.metricColumn("val_acc"), 0.55, 1.0, {}},
                                              {column(table, "dropout"), 0.1, 0.25, {}},
                                              {column(table, "batch_size"), 8, 64, {}}});
    hub.flush();

    ControlPanel panel(session);
    panel.setCurrentStudy(QStringLiteral("synthetic-random"));
    std::unique_ptr<StudyDialog> dialog(panel.createRefineDialog());
    ASSERT_TRUE(dialog);
    ConfigIssue issue;
    const std::optional<StudyConfig> form = dialog->formConfig(&issue);
    ASSERT_TRUE(form) << issue.message;

    StudyConfig expected = config_;
    expected.name = "synthetic-random-refined-2";  // "-refined" is taken
    expected.parent = "synthetic-random";
    expected.seed.reset();
    SearchSpace& space = expected.space;
    space.params[space.indexOf("learning_rate")].low = 1e-4;
    space.params[space.indexOf("learning_rate")].high = 0.02;
    space.params[space.indexOf("optimizer")].choices = {Value("momentum"), Value("adam")};
    space.params[space.indexOf("layers")].low = 2;
    space.params[space.indexOf("layers")].high = 4;
    space.params[space.indexOf("dropout")].low = 0.1;
    space.params[space.indexOf("dropout")].high = 0.25;
    space.params[space.indexOf("batch_size")].high = 64;  // low 16 stays: the brush starts below it
    EXPECT_EQ(*form, expected);

    const QString notes = dialog->findChild<QLabel*>(QStringLiteral("narrowedLabel"))->text();
    EXPECT_TRUE(notes.contains(QStringLiteral("learning_rate 1e-04 – 0.02"))) << notes.toStdString();
    EXPECT_TRUE(notes.contains(QStringLiteral("optimizer momentum, adam"))) << notes.toStdString();
    EXPECT_EQ(dialog->windowTitle(), QStringLiteral("Refine study"));
    EXPECT_TRUE(dialog->checkedConfig()) << (dialog->shownIssue() ? dialog->shownIssue()->message : std::string());
}

TEST_F(RefineDialogTest, AViewCanAskForRefineThroughTheSession)
{
    ProjectSession session(path_, OpenMode::ReadWrite);
    session.setWatchInterval(0);
    session.setSelectedStudies({QStringLiteral("synthetic-random")});
    ASSERT_TRUE(session.waitUntilLoaded());
    ControlPanel panel(session);
    panel.setCurrentStudy(QStringLiteral("synthetic-random"));
    panel.show();
    ASSERT_EQ(panel.findChild<StudyDialog*>(), nullptr);
    session.requestRefine();
    auto* dialog = panel.findChild<StudyDialog*>();
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(dialog->windowTitle(), QStringLiteral("Refine study"));
    EXPECT_TRUE(dialog->isVisible());
    dialog->close();
}

TEST_F(RefineDialogTest, AnImportedStudyStillPreFillsWhatItHas)
{
    ProjectSession session(path_, OpenMode::ReadWrite);
    session.setWatchInterval(0);
    ControlPanel panel(session);
    panel.setCurrentStudy(QStringLiteral("synthetic-random-refined"));
    std::unique_ptr<StudyDialog> dialog(panel.createRefineDialog());
    ASSERT_TRUE(dialog);
    ConfigIssue issue;
    EXPECT_FALSE(dialog->formConfig(&issue)) << "it recorded no command";
    EXPECT_EQ(issue.path, "command[0]");
    const Study sweep = test::makeSweepStudy("x");
    EXPECT_EQ(dialog->spaceEditor()->space(), std::optional<SearchSpace>(sweep.space));
}

} // namespace
} // namespace tendril::app
