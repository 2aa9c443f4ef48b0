// The streaming writer: layout, escaping, numbers. nlohmann/json checks independently that the
// output is valid JSON.
#include "tendril/io/json_writer.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

namespace tendril {
namespace {

TEST(JsonWriter, WritesCompactJson)
{
    std::string out;
    JsonWriter w(out);
    w.beginObject();
    w.key("a").value(1);
    w.key("b").beginArray().value(true).value(false).null().value("x").endArray();
    w.key("c").beginObject().endObject();
    w.key("d").beginInlineArray().value(1.5).endArray();
    w.endObject();
    EXPECT_EQ(out, R"({"a":1,"b":[true,false,null,"x"],"c":{},"d":[1.5]})");
}

TEST(JsonWriter, IndentsBlocksAndKeepsInlineContainersOnOneLine)
{
    std::string out;
    JsonWriter w(out, 1);
    w.beginObject();
    w.key("name").value("s");
    w.key("empty").beginArray().endArray();
    w.key("curve").beginInlineArray();
    w.beginInlineArray().value(0.0).value(0.5).endArray();
    w.beginArray().value(1.0).value(0.25).endArray();  // nested in an inline array: inline too
    w.endArray();
    w.key("trials").beginArray();
    w.beginObject().key("params").beginInlineObject().key("lr").value(0.1).key("n").value(3).endObject().endObject();
    w.endArray();
    w.endObject();
    EXPECT_EQ(out, "{\n"
                   " \"name\": \"s\",\n"
                   " \"empty\": [],\n"
                   " \"curve\": [[0, 0.5], [1, 0.25]],\n"
                   " \"trials\": [\n"
                   "  {\n"
                   "   \"params\": {\"lr\": 0.1, \"n\": 3}\n"
                   "  }\n"
                   " ]\n"
                   "}");
    EXPECT_TRUE(nlohmann::json::accept(out));
}

TEST(JsonWriter, WritesNumbersInShortestRoundTripForm)
{
    std::string out;
    JsonWriter w(out);
    w.beginArray();
    for (const double d : {0.1, 1e-05, 2.0, -0.0, 123456789.125, 1e300, 5e-324})
        w.value(d);
    w.value(std::numeric_limits<std::int64_t>::min()).value(std::numeric_limits<std::int64_t>::max());
    w.endArray();
    EXPECT_EQ(out, "[0.1,1e-05,2,-0,123456789.125,1e+300,5e-324,-9223372036854775808,9223372036854775807]");
    const auto parsed = nlohmann::json::parse(out);
    EXPECT_EQ(parsed[0].get<double>(), 0.1);
    EXPECT_EQ(parsed[6].get<double>(), 5e-324);
}

TEST(JsonWriter, WritesNonFiniteNumbersAsStrings)
{
    std::string out;
    JsonWriter w(out);
    w.beginArray()
        .value(std::nan(""))
        .value(std::numeric_limits<double>::infinity())
        .value(-std::numeric_limits<double>::infinity())
        .endArray();
    EXPECT_EQ(out, R"(["NaN","Infinity","-Infinity"])");
}

TEST(JsonWriter, EscapesStrings)
{
    std::string out;
    JsonWriter w(out);
    w.beginObject().key("k\"ey").value("q\" b\\ n\n t\t r\r b\b f\f \x01 \x1f / é 😀").endObject();
    EXPECT_EQ(out, R"({"k\"ey":"q\" b\\ n\n t\t r\r b\b f\f \u0001 \u001f / é 😀"})");
    EXPECT_EQ(nlohmann::json::parse(out)["k\"ey"].get<std::string>(), "q\" b\\ n\n t\t r\r b\b f\f \x01 \x1f / é 😀");
}

TEST(JsonWriter, ReplacesBytesThatAreNotUtf8)
{
    std::string out;
    appendJsonString(out, "caf\xE9 ok \xC3\xA9 \xED\xA0\x80 \xF4\x90\x80\x80 end\xE2\x82");
    EXPECT_EQ(out, "\"caf\xEF\xBF\xBD ok \xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                   "\xEF\xBF\xBD end\xEF\xBF\xBD\xEF\xBF\xBD\"");
    EXPECT_TRUE(nlohmann::json::accept(out));
}

TEST(JsonWriter, AppendsToWhatTheBufferHolds)
{
    std::string out = "[";
    JsonWriter(out).beginObject().key("a").raw(R"({"x":[1,2]})").endObject();
    out += ",";
    JsonWriter(out).value("b");
    out += "]";
    EXPECT_EQ(out, R"([{"a":{"x":[1,2]}},"b"])");
}

} // namespace
} // namespace tendril
