// The tendril/1 shapes of single trials and values, as `tendril-cli trials --json` prints them.
#include "tendril/io/trial_json.hpp"

#include "tendril/io/json_reader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace tendril {
namespace {

std::string valueJson(const Value& v)
{
    std::string out;
    JsonWriter w(out);
    writeValueJson(w, v);
    return out;
}

TEST(TrialJson, WritesValuesSoThatTheirKindSurvives)
{
    EXPECT_EQ(valueJson(Value(3)), "3");
    EXPECT_EQ(valueJson(Value(3.0)), "3.0");
    EXPECT_EQ(valueJson(Value(-0.0)), "-0.0");
    EXPECT_EQ(valueJson(Value(3.5)), "3.5");
    EXPECT_EQ(valueJson(Value(1e20)), "1e+20");
    EXPECT_EQ(valueJson(Value(1e-7)), "1e-07");
    EXPECT_EQ(valueJson(Value(std::nan(""))), "\"NaN\"");
    EXPECT_EQ(valueJson(Value(-std::numeric_limits<double>::infinity())), "\"-Infinity\"");
    EXPECT_EQ(valueJson(Value(true)), "true");
    EXPECT_EQ(valueJson(Value("relu")), "\"relu\"");
    EXPECT_EQ(valueJson(Value()), "null");
    for (const Value& v : {Value(3), Value(3.0), Value(1e20), Value(0.1)}) {
        const std::string text = valueJson(v);
        JsonReader in(text, "value");
        const Value back = in.readScalar();
        EXPECT_EQ(back.kind(), v.kind()) << v.toString();
        EXPECT_EQ(back, v);
    }
}

Trial sampleTrial()
{
    Trial t;
    t.id = "t7";
    t.number = 7;
    t.state = TrialState::Pruned;
    t.params = {{"lr", 0.01}, {"n", 4}, {"skip", Value()}};
    t.metrics = {{"acc", 0.5}, {"loss", std::nan("")}};
    t.curveFor("acc").append(1, 0.25, 3.5);
    t.curveFor("acc").append(2, 0.5);
    t.parent = "t3";
    t.rung = 1;
    t.artifactsJson = R"({"a": [1, NaN]})";
    return t;
}

TEST(TrialJson, WritesATrialWithoutCurves)
{
    std::string out;
    JsonWriter w(out);
    writeTrialJson(w, sampleTrial(), false);
    EXPECT_EQ(out, R"({"id":"t7","number":7,"state":"pruned","params":{"lr":0.01,"n":4},)"
                   R"("metrics":{"acc":0.5,"loss":"NaN"},"parent":"t3","rung":1,"artifacts":{"a":[1,"NaN"]}})");
}

TEST(TrialJson, WritesATrialWithCurves)
{
    std::string out;
    JsonWriter w(out);
    writeTrialJson(w, sampleTrial(), true);
    EXPECT_EQ(out, R"({"id":"t7","number":7,"state":"pruned","params":{"lr":0.01,"n":4},)"
                   R"("metrics":{"acc":0.5,"loss":"NaN"},"curves":{"acc":[[1,0.25,3.5],[2,0.5]]},)"
                   R"("parent":"t3","rung":1,"artifacts":{"a":[1,"NaN"]}})");
}

TEST(TrialJson, RefusesUserAttrsThatAreNotAJsonObject)
{
    Trial t = sampleTrial();
    t.userAttrsJson = "[1, 2]";
    std::string out;
    JsonWriter w(out);
    try {
        writeTrialJson(w, t, false);
        ADD_FAILURE() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(std::string(e.what()), "cannot write user_attrs of trial \"t7\": expected a JSON object, got an array");
    }
}

} // namespace
} // namespace tendril
