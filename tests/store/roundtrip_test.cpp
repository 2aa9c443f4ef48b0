// Studies come back from the file exactly as they were added.
#include "store_test_support.hpp"

#include "tendril/store/project.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace tendril;
using namespace tendril::testing;

namespace {

// Value::operator== calls 3 and 3.0 equal; the store must also keep which one it was.
void expectSameKinds(const Study& expected, const Study& actual)
{
    ASSERT_EQ(expected.trials.size(), actual.trials.size());
    for (std::size_t t = 0; t < expected.trials.size(); ++t) {
        ASSERT_EQ(expected.trials[t].params.size(), actual.trials[t].params.size());
        for (std::size_t p = 0; p < expected.trials[t].params.size(); ++p)
            EXPECT_EQ(expected.trials[t].params[p].second.kind(), actual.trials[t].params[p].second.kind())
                << expected.trials[t].id << " " << expected.trials[t].params[p].first;
    }
    ASSERT_EQ(expected.space.params.size(), actual.space.params.size());
    for (std::size_t p = 0; p < expected.space.params.size(); ++p) {
        ASSERT_EQ(expected.space.params[p].choices.size(), actual.space.params[p].choices.size());
        for (std::size_t c = 0; c < expected.space.params[p].choices.size(); ++c)
            EXPECT_EQ(expected.space.params[p].choices[c].kind(), actual.space.params[p].choices[c].kind());
    }
}

std::vector<std::string> trialIds(const Study& s)
{
    std::vector<std::string> ids;
    for (const Trial& t : s.trials)
        ids.push_back(t.id);
    return ids;
}

} // namespace

TEST(RoundTrip, RichStudyComesBackEqual)
{
    ScratchDir dir;
    const Study original = richStudy("rich");
    {
        Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
        EXPECT_EQ(p.addStudies({original}), std::vector<std::string>{"rich"});
    }
    expectConsistent(dir.file("x.tendril"));
    Project p(dir.file("x.tendril"), OpenMode::ReadOnly);
    const Study loaded = p.loadStudy("rich");
    EXPECT_TRUE(loaded == original) << firstDifference(original, loaded);
    expectSameKinds(original, loaded);
    // operator== covers these, but a failure is easier to read field by field.
    EXPECT_EQ(loaded.command, original.command);
    EXPECT_EQ(loaded.notes, original.notes);
    EXPECT_EQ(loaded.space, original.space);
    EXPECT_EQ(loaded.metrics, original.metrics);
    EXPECT_EQ(loaded.budget, original.budget);
    EXPECT_EQ(loaded.trials[1].curves, original.trials[1].curves);
    EXPECT_EQ(loaded.trials[0].params.at(6).second.asInt(), (std::int64_t{1} << 53) + 1);
}

TEST(RoundTrip, EmptyAndInferredFieldsComeBackEmpty)
{
    ScratchDir dir;
    Study bare;
    bare.name = "bare";
    bare.objective = {"loss", Direction::Minimize};
    Study inferred = bare;
    inferred.name = "inferred";
    inferred.trials = {simpleTrial("a", 0, TrialState::Complete, 0.5, "loss")};
    inferred.space = inferSpace(inferred.trials);
    inferred.spaceInferred = true;

    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies({bare, inferred});
    EXPECT_EQ(firstDifference(bare, p.loadStudy("bare")), "");
    const Study loaded = p.loadStudy("inferred");
    EXPECT_EQ(firstDifference(inferred, loaded), "");
    EXPECT_TRUE(loaded.spaceInferred);
}

TEST(RoundTrip, NaNAndInfinitiesKeepTheirIdentity)
{
    ScratchDir dir;
    const double nan = std::nan("");
    const double inf = std::numeric_limits<double>::infinity();
    Study s;
    s.name = "s";
    s.objective = {"m", Direction::Maximize};
    Trial t;
    t.id = "t";
    t.params = {{"p-nan", Value(nan)}, {"p-inf", Value(inf)}, {"p-ninf", Value(-inf)}, {"p-max", Value(1.7e308)},
                {"p-min", Value(4.9e-324)}, {"p-negzero", Value(-0.0)}};
    t.metrics = {{"m", nan}, {"inf", inf}, {"ninf", -inf}};
    Curve& c = t.curveFor("m");
    c.append(nan, inf, nan);
    c.append(1, -inf, inf);
    c.append(-inf, nan, 2);
    s.trials = {t};

    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies({s});
    const Trial back = p.loadStudy("s").trials.at(0);
    ASSERT_EQ(back.params.size(), t.params.size());
    EXPECT_EQ(back.params[0].first, "p-nan");
    ASSERT_TRUE(back.params[0].second.isReal());
    EXPECT_TRUE(std::isnan(back.params[0].second.asReal()));
    // Value's operator== never calls two NaNs equal, so compare the rest without that parameter.
    Trial backWithoutNaN = back;
    Trial sentWithoutNaN = t;
    backWithoutNaN.params.erase(backWithoutNaN.params.begin());
    sentWithoutNaN.params.erase(sentWithoutNaN.params.begin());
    EXPECT_EQ(backWithoutNaN, sentWithoutNaN);

    EXPECT_EQ(back.params[1].second.asReal(), inf);
    EXPECT_EQ(back.params[2].second.asReal(), -inf);
    EXPECT_EQ(back.params[3].second.asReal(), 1.7e308);
    EXPECT_EQ(back.params[4].second.asReal(), 4.9e-324);
    EXPECT_TRUE(std::signbit(back.params[5].second.asReal()));
    EXPECT_TRUE(std::isnan(*back.metric("m")));
    EXPECT_EQ(*back.metric("inf"), inf);
    EXPECT_EQ(*back.metric("ninf"), -inf);
    const Curve& curve = *back.curve("m");
    ASSERT_EQ(curve.size(), 3u);
    EXPECT_TRUE(std::isnan(curve.steps[0]));
    EXPECT_EQ(curve.values[0], inf);
    EXPECT_TRUE(std::isnan(curve.seconds[0]));
    EXPECT_EQ(curve.values[1], -inf);
    EXPECT_EQ(curve.seconds[1], inf);
    EXPECT_EQ(curve.steps[2], -inf);
    EXPECT_TRUE(std::isnan(curve.values[2]));
}

TEST(RoundTrip, CurveWithoutTimesStaysWithoutAndAllNaNTimesStay)
{
    ScratchDir dir;
    Study s;
    s.name = "s";
    s.objective = {"m", Direction::Maximize};
    Trial t;
    t.id = "t";
    Curve& plain = t.curveFor("plain");
    plain.append(1, 0.5);
    plain.append(2, 0.6);
    Curve& unknownTimes = t.curveFor("unknown-times");
    unknownTimes.steps = {1, 2};
    unknownTimes.values = {0.1, 0.2};
    unknownTimes.seconds = {std::nan(""), std::nan("")};
    s.trials = {t};

    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies({s});
    const Trial back = p.loadStudy("s").trials.at(0);
    EXPECT_FALSE(back.curve("plain")->hasSeconds());
    EXPECT_EQ(back.curve("unknown-times")->seconds.size(), 2u);
    EXPECT_EQ(back, t);
}

TEST(RoundTrip, TrialsComeInNumberOrderThenInsertionOrder)
{
    ScratchDir dir;
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies({shuffledNumbersStudy("s")});
    const Study back = p.loadStudy("s");
    EXPECT_EQ(trialIds(back), (std::vector<std::string>{"z", "a1", "a2", "a3", "b", "c"}));
    EXPECT_EQ(*back.findTrial("a2")->metric("val_acc"), 0.4);
    EXPECT_EQ(*back.findTrial("c")->param("lr"), Value(0.01 * 4));
}

TEST(RoundTrip, StateFilterKeepsOnlyThatStateWithEverythingItHolds)
{
    ScratchDir dir;
    const Study rich = richStudy("rich");
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies({rich, generatedStudy("other", 50, 5, 1)});

    LoadOptions pruned;
    pruned.state = TrialState::Pruned;
    const Study onlyPruned = p.loadStudy("rich", pruned);
    ASSERT_EQ(onlyPruned.trials.size(), 1u);
    EXPECT_EQ(onlyPruned.trials[0], rich.trials[1]);
    EXPECT_EQ(onlyPruned.space, rich.space);
    EXPECT_EQ(onlyPruned.notes, rich.notes);

    LoadOptions complete;
    complete.state = TrialState::Complete;
    const Study generated = generatedStudy("other", 50, 5, 1);
    const Study onlyComplete = p.loadStudy("other", complete);
    std::vector<Trial> expected;
    for (const Trial& t : generated.trials)
        if (t.state == TrialState::Complete)
            expected.push_back(t);
    EXPECT_EQ(onlyComplete.trials, expected);

    LoadOptions none;
    none.state = TrialState::Queued;
    EXPECT_TRUE(p.loadStudy("other", none).trials.empty());
}

TEST(RoundTrip, CurvesAndNotesCanBeLeftOut)
{
    ScratchDir dir;
    const Study rich = richStudy("rich");
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies({rich});
    LoadOptions options;
    options.curves = false;
    options.notes = false;
    const Study light = p.loadStudy("rich", options);
    EXPECT_TRUE(light.notes.empty());
    ASSERT_EQ(light.trials.size(), rich.trials.size());
    for (std::size_t i = 0; i < rich.trials.size(); ++i) {
        EXPECT_TRUE(light.trials[i].curves.empty());
        Trial withoutCurves = rich.trials[i];
        withoutCurves.curves.clear();
        EXPECT_EQ(light.trials[i], withoutCurves);
    }
}

namespace {

// Appends a trial "late" (number 100, one param, one metric, one curve of two points) to a study
// behind the store's back, as a runner appending to several studies in turns would leave the rows.
Trial appendLateTrial(RawDb& db, const std::string& study)
{
    Trial late;
    late.id = "late";
    late.number = 100;
    late.params = {{"layers", Value(7)}};
    late.metrics = {{"val_acc", 0.5}};
    Curve& loss = late.curveFor("loss");
    loss.append(1, 0.25, 2.5);
    loss.append(2, std::nan(""));
    appendTrialRows(db, study, late);
    return late;
}

} // namespace

// A study's trials are usually consecutive rows; these cases make them not, and check each way
// of reading per-trial rows: a scanned range holding other studies' rows, a join per trial, and
// trials so far apart that they are found through a hash map.
TEST(RoundTrip, TrialsAppendedAfterOtherStudiesStillLoadCompletely)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project p(path, OpenMode::CreateIfMissing);
    p.addStudies({generatedStudy("small", 2, 3, 1), generatedStudy("big", 10, 3, 2),
                  generatedStudy("tail", 2, 3, 3)});
    RawDb db(path);
    Study small = generatedStudy("small", 2, 3, 1);
    small.trials.push_back(appendLateTrial(db, "small"));  // rows 1, 2 and 15: joined per trial
    Study big = generatedStudy("big", 10, 3, 2);
    big.trials.push_back(appendLateTrial(db, "big"));  // rows 3..12 and 16: a range holding 13..15

    EXPECT_EQ(firstDifference(small, p.loadStudy("small")), "");
    EXPECT_EQ(firstDifference(big, p.loadStudy("big")), "");
    EXPECT_EQ(firstDifference(generatedStudy("tail", 2, 3, 3), p.loadStudy("tail")), "");
    expectConsistent(path);

    LoadOptions complete;
    complete.state = TrialState::Complete;
    for (const Study* s : {&small, &big}) {
        std::vector<Trial> expected;
        for (const Trial& t : s->trials)
            if (t.state == TrialState::Complete)
                expected.push_back(t);
        EXPECT_EQ(p.loadStudy(s->name, complete).trials, expected) << s->name;
    }
}

TEST(RoundTrip, TrialsThousandsOfRowsApartLoadCompletely)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project p(path, OpenMode::CreateIfMissing);
    p.addStudies({generatedStudy("early", 3, 2, 1), generatedStudy("between", 4200, 0, 2)});
    RawDb db(path);
    Study early = generatedStudy("early", 3, 2, 1);
    early.trials.push_back(appendLateTrial(db, "early"));
    EXPECT_EQ(firstDifference(early, p.loadStudy("early")), "");
}

TEST(RoundTrip, MissingStudyIsAClearError)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project p(path, OpenMode::CreateIfMissing);
    try {
        p.loadStudy("nope");
        FAIL() << "loaded a study that does not exist";
    } catch (const StoreError& e) {
        EXPECT_EQ(std::string(e.what()), path + ": no study named \"nope\"");
    }
}

TEST(RoundTrip, RemoveStudyRemovesEverythingItHeldAndNothingElse)
{
    ScratchDir dir;
    const std::string path = dir.file("x.tendril");
    Project p(path, OpenMode::CreateIfMissing);
    p.addStudies({richStudy("keep")});
    const auto countsWithKeepOnly = rowCounts(path);
    p.addStudies({richStudy("drop"), generatedStudy("drop-too", 20, 4, 5)});
    p.removeStudy("drop");
    p.removeStudy("drop-too");
    EXPECT_EQ(rowCounts(path), countsWithKeepOnly);
    expectConsistent(path);
    EXPECT_EQ(p.studyNames(), std::vector<std::string>{"keep"});
    EXPECT_EQ(firstDifference(richStudy("keep"), p.loadStudy("keep")), "");

    try {
        p.removeStudy("drop");
        FAIL() << "removed a study twice";
    } catch (const StoreError& e) {
        EXPECT_EQ(std::string(e.what()), path + ": no study named \"drop\"");
    }
}

TEST(RoundTrip, LargerGeneratedStudyRoundTrips)
{
    ScratchDir dir;
    const Study s = generatedStudy("gen", 300, 20, 42);
    Project p(dir.file("x.tendril"), OpenMode::CreateIfMissing);
    p.addStudies({s});
    expectConsistent(dir.file("x.tendril"));
    EXPECT_EQ(firstDifference(s, p.loadStudy("gen")), "");
}
