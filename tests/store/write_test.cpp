// Adding studies: names, refusals, and all-or-nothing transactions.
#include "store_test_support.hpp"

#include "tendril/store/project.hpp"

#include <gtest/gtest.h>

using namespace tendril;
using namespace tendril::testing;

namespace {

Study named(const std::string& name)
{
    Study s;
    s.name = name;
    s.objective = {"val_acc", Direction::Maximize};
    s.trials = {simpleTrial(name + "-t0", 0, TrialState::Complete, 0.5)};
    return s;
}

std::string addError(Project& p, const std::vector<Study>& studies, NameConflict conflict = NameConflict::Suffix)
{
    try {
        p.addStudies(studies, conflict);
    } catch (const StoreError& e) {
        return e.what();
    }
    return "(added without error)";
}

int countCommits(void* counter)
{
    ++*static_cast<int*>(counter);
    return 0;
}

} // namespace

TEST(AddStudies, SuffixRenamesAgainstTheFileAndTheSameCall)
{
    ScratchDir dir;
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    EXPECT_EQ(p.addStudies({named("x")}), std::vector<std::string>{"x"});
    EXPECT_EQ(p.addStudies({named("x"), named("x"), named("y"), named("x-2")}),
              (std::vector<std::string>{"x-2", "x-3", "y", "x-2-2"}));
    EXPECT_EQ(p.studyNames(), (std::vector<std::string>{"x", "x-2", "x-3", "y", "x-2-2"}));
    expectConsistent(p.path());
    const Study renamed = p.loadStudy("x-3");
    EXPECT_EQ(renamed.name, "x-3");
    EXPECT_EQ(renamed.trials, named("x").trials);
}

TEST(AddStudies, SuffixSkipsNamesAlreadyTaken)
{
    ScratchDir dir;
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies({named("run"), named("run-2"), named("run-3")});
    EXPECT_EQ(p.addStudies({named("run")}), std::vector<std::string>{"run-4"});
}

TEST(AddStudies, FailRefusesATakenNameAndWritesNothing)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project p(path, OpenMode::CreateIfMissing);
    p.addStudies({named("x")});
    const auto before = rowCounts(path);
    EXPECT_EQ(addError(p, {named("new"), named("x")}, NameConflict::Fail),
              "study \"x\" already exists in " + path);
    EXPECT_EQ(rowCounts(path), before);
    EXPECT_EQ(p.studyNames(), std::vector<std::string>{"x"});
    EXPECT_EQ(addError(p, {named("a"), named("a")}, NameConflict::Fail),
              "study \"a\" already exists in " + path);
    EXPECT_EQ(p.studyNames(), std::vector<std::string>{"x"});
    EXPECT_EQ(p.addStudies({named("b")}, NameConflict::Fail), std::vector<std::string>{"b"});
}

TEST(AddStudies, ALaterInvalidStudyRollsBackTheEarlierOnes)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project p(path, OpenMode::CreateIfMissing);
    p.addStudies({richStudy("existing")});
    const auto countsBefore = rowCounts(path);
    const auto summariesBefore = p.studies().size();

    Study bad = generatedStudy("bad", 30, 4, 7);
    bad.trials[20].id = bad.trials[3].id;  // written only after 20 trials and a whole study went in
    EXPECT_EQ(addError(p, {richStudy("good"), generatedStudy("good-too", 40, 4, 8), bad}),
              path + ": study \"bad\": trial id \"trial-3\" appears twice");
    EXPECT_EQ(rowCounts(path), countsBefore);
    EXPECT_EQ(p.studies().size(), summariesBefore);
    EXPECT_EQ(p.studyNames(), std::vector<std::string>{"existing"});
    expectConsistent(path);
    // The connection is usable afterwards, and the same names are still free.
    EXPECT_EQ(p.addStudies({richStudy("good")}), std::vector<std::string>{"good"});
    expectConsistent(path);
}

TEST(AddStudies, AFailureInsideSqliteRollsBackTheWholeCall)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project p(path, OpenMode::CreateIfMissing);
    p.addStudies({richStudy("existing")});
    {
        RawDb db(path);
        db.exec("CREATE TRIGGER refuse_boom BEFORE INSERT ON curve_points "
                "WHEN NEW.value = 666 BEGIN SELECT RAISE(ABORT, 'curve point refused by test trigger'); END");
    }
    const auto countsBefore = rowCounts(path);

    Study doomed = generatedStudy("doomed", 50, 10, 9);
    doomed.trials[45].curves[1].second.values[7] = 666;
    const std::string message = addError(p, {generatedStudy("fine", 50, 10, 10), doomed});
    EXPECT_NE(message.find("curve point refused by test trigger"), std::string::npos) << message;
    EXPECT_EQ(message.rfind(path + ": ", 0), 0u) << message;
    EXPECT_EQ(rowCounts(path), countsBefore);
    EXPECT_EQ(p.studyNames(), std::vector<std::string>{"existing"});
    expectConsistent(path);
}

TEST(AddStudies, InconsistentTrialsAreRefusedWithTheirNames)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project p(path, OpenMode::CreateIfMissing);
    const std::string prefix = path + ": study \"s\": ";

    Study twiceParam = named("s");
    twiceParam.trials[0].params.emplace_back("lr", Value(0.5));
    EXPECT_EQ(addError(p, {twiceParam}), prefix + "trial \"s-t0\": parameter \"lr\" appears twice");

    Study twiceMetric = named("s");
    twiceMetric.trials[0].metrics.emplace_back("val_acc", 0.1);
    EXPECT_EQ(addError(p, {twiceMetric}), prefix + "trial \"s-t0\": metric \"val_acc\" appears twice");

    Study twiceCurve = named("s");
    twiceCurve.trials[0].curves.emplace_back("loss", Curve{});
    twiceCurve.trials[0].curves.emplace_back("loss", Curve{});
    EXPECT_EQ(addError(p, {twiceCurve}), prefix + "trial \"s-t0\": curve \"loss\" appears twice");

    Study ragged = named("s");
    Curve& c = ragged.trials[0].curveFor("loss");
    c.steps = {1, 2, 3};
    c.values = {0.1, 0.2};
    EXPECT_EQ(addError(p, {ragged}), prefix + "trial \"s-t0\": curve \"loss\" has 3 steps but 2 values");
    c.values.push_back(0.3);
    c.seconds = {1.0, 2.0};
    EXPECT_EQ(addError(p, {ragged}), prefix + "trial \"s-t0\": curve \"loss\" has 3 steps but 2 times");

    Study twiceSpace = named("s");
    twiceSpace.space.params = {Param::floatRange("lr", 0, 1), Param::intRange("lr", 0, 1)};
    EXPECT_EQ(addError(p, {twiceSpace}), prefix + "parameter \"lr\" appears twice in the search space");

    Study twiceDeclared = named("s");
    twiceDeclared.metrics = {{"loss", Direction::Minimize}, {"loss", Direction::Maximize}};
    EXPECT_EQ(addError(p, {twiceDeclared}), prefix + "metric \"loss\" is declared twice");

    Study nameless = named("");
    EXPECT_EQ(addError(p, {nameless}), path + ": cannot add a study without a name");

    EXPECT_TRUE(p.studyNames().empty());
    EXPECT_EQ(rowCounts(path), std::vector<std::int64_t>(11, 0));
}

TEST(AddStudies, AParameterAndAMetricMayShareANameAndACurveMayShadowAMetric)
{
    ScratchDir dir;
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    Study s = named("s");
    s.trials[0].setParam("val_acc", Value("as a param"));
    s.trials[0].curveFor("val_acc").append(1, 0.5);
    p.addStudies({s});
    EXPECT_EQ(firstDifference(s, p.loadStudy("s")), "");
}

TEST(AddStudies, EachWriteIsOneTransaction)
{
    ScratchDir dir;
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    int commits = 0;
    sqlite3_commit_hook(p.handle(), &countCommits, &commits);
    p.addStudies({richStudy("a"), generatedStudy("b", 200, 10, 1), richStudy("c")});
    EXPECT_EQ(commits, 1);
    p.removeStudy("b");
    EXPECT_EQ(commits, 2);
    EXPECT_EQ(addError(p, {richStudy("a")}, NameConflict::Fail), "study \"a\" already exists in " + p.path());
    EXPECT_EQ(commits, 2);
    sqlite3_commit_hook(p.handle(), nullptr, nullptr);
}

TEST(AddStudies, NothingToAddIsFine)
{
    ScratchDir dir;
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    EXPECT_TRUE(p.addStudies({}).empty());
    EXPECT_TRUE(p.studies().empty());
}
