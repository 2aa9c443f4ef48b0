// What the tendril/1 reader accepts, read from real files.
#include "tendril/io/native_format.hpp"

#include "io_test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace tendril {
namespace {

using testing::TempDir;

NativeDocument readFileWith(const TempDir& dir, std::string_view text)
{
    return readNativeFile(dir.write("runs.json", text));
}

TEST(NativeRead, ReadsAnEmptyDocument)
{
    TempDir dir;
    const NativeDocument doc = readFileWith(dir, R"({"format": "tendril/1", "studies": []})");
    EXPECT_EQ(doc.projectName, "");
    EXPECT_TRUE(doc.studies.empty());
}

TEST(NativeRead, ReadsEveryFieldOfStudiesTrialsAndNotes)
{
    TempDir dir;
    const NativeDocument doc = readFileWith(dir, R"({
  "format": "tendril/1",
  "project": {"name": "cifar experiments"},
  "studies": [{
    "name": "pbt-1",
    "objective": {"metric": "val_acc", "direction": "maximize"},
    "metrics": [{"name": "model_size_mb", "direction": "minimize"}],
    "space": [
      {"name": "lr", "type": "float", "low": 1e-5, "high": 0.1, "log": true},
      {"name": "layers", "type": "int", "low": 20, "high": 110, "step": 18},
      {"name": "activation", "type": "categorical", "choices": ["relu", "tanh", 3, 0.5, true]}
    ],
    "algorithm": {"name": "pbt", "config": {"population": 8, "quantile": 0.25, "nested": {"a": [1, NaN]}}},
    "budget": {"max_trials": 100, "max_resource": 81, "resource": "epoch", "max_seconds": 3600.5},
    "parent": "pbt-0",
    "command": ["python3", "train.py", "--fast"],
    "created": "2026-11-20T09:00:00Z",
    "notes": [
      {"text": "weight decay under 1e-4 is where the good runs are", "created": "2026-11-20T10:00:00Z",
       "trial": "t12", "view_state": {"view": "parallel", "brushes": [[0, 1]]}},
      {"text": "plain note"}
    ],
    "trials": [
      {"id": "t12", "number": 4, "state": "complete",
       "params": {"lr": 0.01, "layers": 56, "activation": "tanh"},
       "metrics": {"val_acc": 0.91, "model_size_mb": 12},
       "curves": {"val_acc": [[1, 0.5], [2, 0.7, 12.5], [3, null]]},
       "iteration": 2, "parent": "t3", "start_step": 10, "bracket": 1, "rung": 2, "budget": 27,
       "started": "2026-11-20T09:10:00Z", "finished": "2026-11-20T09:20:00Z",
       "artifacts": {"confusion_matrix": {"labels": ["0", "1"], "matrix": [[50, 2], [3, 45]]}},
       "user_attrs": {"gpu": "a100"}},
      {"id": "t13", "state": "failed", "params": {"lr": 0.05, "layers": 110, "activation": 3},
       "error": "exit code 137"}
    ]
  }]
})");
    EXPECT_EQ(doc.projectName, "cifar experiments");
    ASSERT_EQ(doc.studies.size(), 1u);
    const Study& s = doc.studies[0];
    EXPECT_EQ(s.name, "pbt-1");
    EXPECT_EQ(s.objective, (Objective{"val_acc", Direction::Maximize}));
    EXPECT_EQ(s.metrics, (std::vector<MetricSpec>{{"model_size_mb", Direction::Minimize}}));
    EXPECT_FALSE(s.spaceInferred);
    ASSERT_EQ(s.space.size(), 3u);
    EXPECT_EQ(s.space.params[0], Param::floatRange("lr", 1e-5, 0.1, true));
    EXPECT_EQ(s.space.params[1], Param::intRange("layers", 20, 110, false, 18));
    EXPECT_EQ(s.space.params[2], Param::categorical("activation", {"relu", "tanh", 3, 0.5, true}));
    EXPECT_TRUE(s.space.params[2].choices[2].isInt());
    EXPECT_TRUE(s.space.params[2].choices[3].isReal());
    EXPECT_EQ(s.algorithm.name, "pbt");
    EXPECT_EQ(s.algorithm.configJson, R"({"population":8,"quantile":0.25,"nested":{"a":[1,"NaN"]}})");
    EXPECT_EQ(s.budget.maxTrials, 100);
    EXPECT_EQ(s.budget.maxResource, 81.0);
    EXPECT_EQ(s.budget.resource, "epoch");
    EXPECT_EQ(s.budget.maxSeconds, 3600.5);
    EXPECT_EQ(s.parent, "pbt-0");
    EXPECT_EQ(s.command, (std::vector<std::string>{"python3", "train.py", "--fast"}));
    EXPECT_EQ(s.created, "2026-11-20T09:00:00Z");
    ASSERT_EQ(s.notes.size(), 2u);
    EXPECT_EQ(s.notes[0].text, "weight decay under 1e-4 is where the good runs are");
    EXPECT_EQ(s.notes[0].created, "2026-11-20T10:00:00Z");
    EXPECT_EQ(s.notes[0].trial, "t12");
    EXPECT_EQ(s.notes[0].viewStateJson, R"({"view":"parallel","brushes":[[0,1]]})");
    EXPECT_EQ(s.notes[1], (Note{"plain note", "", "", ""}));
    EXPECT_EQ(s.userAttrsJson, "");

    ASSERT_EQ(s.trials.size(), 2u);
    const Trial& t = s.trials[0];
    EXPECT_EQ(t.id, "t12");
    EXPECT_EQ(t.number, 4);
    EXPECT_EQ(t.state, TrialState::Complete);
    ASSERT_EQ(t.params.size(), 3u);
    EXPECT_EQ(t.params[0].first, "lr");
    EXPECT_EQ(*t.param("lr"), Value(0.01));
    EXPECT_TRUE(t.param("layers")->isInt());
    EXPECT_EQ(*t.param("activation"), Value("tanh"));
    EXPECT_EQ(t.metric("val_acc"), 0.91);
    EXPECT_EQ(t.metric("model_size_mb"), 12.0);
    const Curve* c = t.curve("val_acc");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->steps, (std::vector<double>{1, 2, 3}));
    EXPECT_EQ(c->values[0], 0.5);
    EXPECT_EQ(c->values[1], 0.7);
    EXPECT_TRUE(std::isnan(c->values[2]));  // null value
    ASSERT_TRUE(c->hasSeconds());
    EXPECT_TRUE(std::isnan(c->seconds[0]));
    EXPECT_EQ(c->seconds[1], 12.5);
    EXPECT_TRUE(std::isnan(c->seconds[2]));
    EXPECT_EQ(t.iteration, 2);
    EXPECT_EQ(t.parent, "t3");
    EXPECT_EQ(t.startStep, 10.0);
    EXPECT_EQ(t.bracket, 1);
    EXPECT_EQ(t.rung, 2);
    EXPECT_EQ(t.budget, 27.0);
    EXPECT_EQ(t.started, "2026-11-20T09:10:00Z");
    EXPECT_EQ(t.finished, "2026-11-20T09:20:00Z");
    EXPECT_EQ(t.artifactsJson, R"({"confusion_matrix":{"labels":["0","1"],"matrix":[[50,2],[3,45]]}})");
    EXPECT_EQ(t.userAttrsJson, R"({"gpu":"a100"})");

    const Trial& failed = s.trials[1];
    EXPECT_EQ(failed.number, 1);  // position in the list when absent
    EXPECT_EQ(failed.state, TrialState::Failed);
    EXPECT_EQ(failed.error, "exit code 137");
    EXPECT_EQ(*failed.param("activation"), Value(3));
    EXPECT_TRUE(failed.metrics.empty());
    EXPECT_TRUE(failed.curves.empty());
    EXPECT_FALSE(failed.iteration);
    EXPECT_EQ(failed.parent, "");
}

TEST(NativeRead, AcceptsBareAndQuotedNonFiniteNumbers)
{
    TempDir dir;
    const NativeDocument doc = readFileWith(dir, R"({"format": "tendril/1", "studies": [{
      "name": "s", "objective": {"metric": "loss", "direction": "minimize"},
      "budget": {"max_resource": Infinity, "max_seconds": "Infinity"},
      "trials": [{"id": "a", "state": "complete", "params": {},
        "metrics": {"bare_nan": NaN, "bare_inf": Infinity, "bare_ninf": -Infinity,
                    "str_nan": "NaN", "str_inf": "Infinity", "str_ninf": "-Infinity"},
        "curves": {"loss": [[0, NaN], [1, "Infinity"], [2, -Infinity, NaN], [3, "-Infinity", "NaN"]]},
        "start_step": "NaN", "budget": -Infinity}]}]})");
    const Trial& t = doc.studies[0].trials[0];
    EXPECT_TRUE(std::isnan(*t.metric("bare_nan")));
    EXPECT_EQ(t.metric("bare_inf"), INFINITY);
    EXPECT_EQ(t.metric("bare_ninf"), -INFINITY);
    EXPECT_TRUE(std::isnan(*t.metric("str_nan")));
    EXPECT_EQ(t.metric("str_inf"), INFINITY);
    EXPECT_EQ(t.metric("str_ninf"), -INFINITY);
    const Curve& c = *t.curve("loss");
    EXPECT_TRUE(std::isnan(c.values[0]));
    EXPECT_EQ(c.values[1], INFINITY);
    EXPECT_EQ(c.values[2], -INFINITY);
    EXPECT_EQ(c.values[3], -INFINITY);
    EXPECT_FALSE(c.hasSeconds());  // NaN seconds are no seconds
    EXPECT_TRUE(std::isnan(*t.startStep));
    EXPECT_EQ(t.budget, -INFINITY);
    EXPECT_EQ(doc.studies[0].budget.maxResource, INFINITY);
    EXPECT_EQ(doc.studies[0].budget.maxSeconds, INFINITY);
}

TEST(NativeRead, KeepsIntegersAndRealsApartInParams)
{
    TempDir dir;
    const NativeDocument doc = readFileWith(dir, R"({"format": "tendril/1", "studies": [{
      "name": "s", "objective": {"metric": "m", "direction": "maximize"},
      "trials": [{"id": "a", "state": "complete", "params": {"i": 3, "r": 3.0, "h": 3.5, "e": 1e3, "b": false, "s": "3"}}]}]})");
    const Trial& t = doc.studies[0].trials[0];
    EXPECT_TRUE(t.param("i")->isInt());
    EXPECT_EQ(t.param("i")->asInt(), 3);
    EXPECT_TRUE(t.param("r")->isReal());
    EXPECT_EQ(t.param("r")->asReal(), 3.0);
    EXPECT_TRUE(t.param("h")->isReal());
    EXPECT_TRUE(t.param("e")->isReal());
    EXPECT_TRUE(t.param("b")->isBool());
    EXPECT_TRUE(t.param("s")->isString());
}

TEST(NativeRead, InfersTheSpaceWhenNoneIsDeclared)
{
    TempDir dir;
    const NativeDocument doc = readFileWith(dir, R"({"format": "tendril/1", "studies": [{
      "name": "s", "objective": {"metric": "m", "direction": "maximize"},
      "trials": [
        {"id": "1", "state": "complete", "params": {"n": 4, "x": 1, "opt": "adam", "mix": 1, "flag": true, "late": null}},
        {"id": "2", "state": "complete", "params": {"n": 16, "x": 0.5, "opt": "sgd", "mix": "auto", "flag": false}},
        {"id": "3", "state": "pruned", "params": {"n": 8, "x": 2, "opt": "adam", "mix": 1, "late": 7}}
      ]}]})");
    const Study& s = doc.studies[0];
    EXPECT_TRUE(s.spaceInferred);
    ASSERT_EQ(s.space.size(), 6u);
    EXPECT_EQ(*s.space.find("n"), Param::intRange("n", 4, 16));
    EXPECT_EQ(*s.space.find("x"), Param::floatRange("x", 0.5, 2));
    EXPECT_EQ(*s.space.find("opt"), Param::categorical("opt", {"adam", "sgd"}));
    EXPECT_EQ(*s.space.find("mix"), Param::categorical("mix", {1, "auto"}));
    EXPECT_EQ(*s.space.find("flag"), Param::categorical("flag", {true, false}));
    EXPECT_EQ(*s.space.find("late"), Param::intRange("late", 7, 7));
    // null means the parameter does not apply to that trial
    EXPECT_EQ(s.trials[0].param("late"), nullptr);
    EXPECT_EQ(s.space.params[5].name, "late");
}

TEST(NativeRead, AcceptsValuesInsideTheDeclaredSpace)
{
    TempDir dir;
    const NativeDocument doc = readFileWith(dir, R"({"format": "tendril/1", "studies": [{
      "name": "s", "objective": {"metric": "m", "direction": "maximize"},
      "space": [{"name": "lr", "type": "float", "low": 1e-5, "high": 0.1, "log": true},
                {"name": "n", "type": "int", "low": 1, "high": 9},
                {"name": "c", "type": "categorical", "choices": ["a", 2]}],
      "trials": [{"id": "1", "state": "complete", "params": {"lr": 1e-5, "n": 9.0, "c": 2.0}},
                 {"id": "2", "state": "queued", "params": {"lr": 0.1, "c": "a"}}]}]})");
    EXPECT_EQ(doc.studies[0].trials.size(), 2u);
    EXPECT_EQ(doc.studies[0].trials[1].param("n"), nullptr);
}

TEST(NativeRead, KeepsUnknownFieldsAsUserAttrs)
{
    TempDir dir;
    const NativeDocument doc = readFileWith(dir, R"({"format": "tendril/1", "tool": {"ignored": true}, "studies": [{
      "name": "s", "sampler_seed": 42, "objective": {"metric": "m", "direction": "maximize", "unit": "%"},
      "user_attrs": {"owner": "ana", "sampler_seed": 7},
      "tags": ["a", "b"],
      "trials": [
        {"id": "1", "state": "complete", "params": {}, "gpu": {"name": "a100", "mem": NaN}, "user_attrs": {"note": "ok"}},
        {"id": "2", "state": "complete", "params": {}, "user_attrs": {}},
        {"id": "3", "state": "complete", "params": {}}
      ]}]})");
    const Study& s = doc.studies[0];
    // Members of the explicit object win over unknown fields of the same name.
    EXPECT_EQ(s.userAttrsJson, R"({"sampler_seed":7,"owner":"ana","tags":["a","b"]})");
    EXPECT_EQ(s.trials[0].userAttrsJson, R"({"gpu":{"name":"a100","mem":"NaN"},"note":"ok"})");
    EXPECT_EQ(s.trials[1].userAttrsJson, "{}");
    EXPECT_EQ(s.trials[2].userAttrsJson, "");
}

TEST(NativeRead, TurnsIntegerTrialIdsIntoText)
{
    TempDir dir;
    const NativeDocument doc = readFileWith(dir, R"({"format": "tendril/1", "studies": [{
      "name": "s", "objective": {"metric": "m", "direction": "maximize"},
      "notes": [{"text": "best", "trial": 12}],
      "trials": [{"id": 7, "state": "complete", "params": {}},
                 {"id": 12, "parent": 7, "state": "complete", "params": {}},
                 {"id": -3, "state": "complete", "params": {}}]}]})");
    const Study& s = doc.studies[0];
    EXPECT_EQ(s.trials[0].id, "7");
    EXPECT_EQ(s.trials[1].id, "12");
    EXPECT_EQ(s.trials[1].parent, "7");
    EXPECT_EQ(s.trials[2].id, "-3");
    EXPECT_EQ(s.notes[0].trial, "12");
}

TEST(NativeRead, TreatsNullAsAbsent)
{
    TempDir dir;
    const NativeDocument doc = readFileWith(dir, R"({"format": "tendril/1", "project": null, "studies": [{
      "name": "s", "objective": {"metric": "m", "direction": "maximize"}, "space": null, "algorithm": null,
      "budget": {"max_trials": null}, "parent": null, "command": null, "created": null, "notes": null,
      "user_attrs": null,
      "trials": [{"id": "1", "state": "running", "params": {"a": null, "b": 1}, "metrics": {"m": null},
                  "curves": {"m": null}, "iteration": null, "parent": null, "start_step": null, "bracket": null,
                  "rung": null, "budget": null, "started": null, "finished": null, "error": null,
                  "artifacts": null, "user_attrs": null}]}]})");
    const Study& s = doc.studies[0];
    EXPECT_TRUE(s.spaceInferred);
    EXPECT_TRUE(s.budget.empty());
    EXPECT_EQ(s.userAttrsJson, "");
    const Trial& t = s.trials[0];
    EXPECT_EQ(t.params.size(), 1u);
    EXPECT_TRUE(t.metrics.empty());
    EXPECT_TRUE(t.curves.empty());
    EXPECT_FALSE(t.iteration || t.startStep || t.bracket || t.rung || t.budget);
    EXPECT_EQ(t.artifactsJson, "");
    EXPECT_EQ(t.userAttrsJson, "");
}

TEST(NativeRead, FindsTheFormatAfterOtherMembers)
{
    TempDir dir;
    const NativeDocument doc = readFileWith(dir, R"({"studies": [{"name": "s",
      "objective": {"metric": "m", "direction": "maximize"}, "trials": []}], "format": "tendril/1"})");
    ASSERT_EQ(doc.studies.size(), 1u);
    EXPECT_EQ(doc.studies[0].name, "s");
}

TEST(NativeRead, ReadsTextWithADisplayName)
{
    const NativeDocument doc = readNativeText(R"({"format": "tendril/1", "studies": []})", "pasted");
    EXPECT_TRUE(doc.studies.empty());
    EXPECT_EQ(testing::refusal([] { readNativeText("{\"format\": \"tendril/1\"}", "pasted"); }),
              "pasted: missing required field \"studies\"");
}

TEST(NativeRead, AcceptsAByteOrderMarkAndCrLfLineEnds)
{
    TempDir dir;
    const NativeDocument doc = readFileWith(dir, "\xEF\xBB\xBF{\"format\": \"tendril/1\",\r\n\"studies\": []}\r\n");
    EXPECT_TRUE(doc.studies.empty());
}

} // namespace
} // namespace tendril
