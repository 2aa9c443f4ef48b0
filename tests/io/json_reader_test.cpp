// The pull parser on its own: syntax, positions, UTF-8, numbers, paths.
#include "tendril/io/json_reader.hpp"
#include "tendril/io/json_writer.hpp"

#include "io_test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace tendril {
namespace {

using testing::refusal;

TEST(JsonReader, WalksObjectsAndArraysInDocumentOrder)
{
    JsonReader in(R"( {"b": [1, "two", true, null], "a": {}} )", "x.json");
    in.beginObject();
    ASSERT_TRUE(in.nextKey());
    EXPECT_EQ(in.key(), "b");
    in.beginArray();
    ASSERT_TRUE(in.nextElement());
    EXPECT_EQ(in.readNumber(), 1.0);
    ASSERT_TRUE(in.nextElement());
    EXPECT_EQ(in.readString(), "two");
    ASSERT_TRUE(in.nextElement());
    EXPECT_TRUE(in.readBool());
    ASSERT_TRUE(in.nextElement());
    EXPECT_TRUE(in.skipNull());
    EXPECT_FALSE(in.nextElement());
    ASSERT_TRUE(in.nextKey());
    EXPECT_EQ(in.key(), "a");
    in.beginObject();
    EXPECT_FALSE(in.nextKey());
    EXPECT_FALSE(in.nextKey());
    EXPECT_EQ(in.depth(), 0u);
    in.expectEnd();
}

TEST(JsonReader, TellsIntegersFromReals)
{
    JsonReader in("[3, 3.0, 3.5, -0, 1e2, -7, 12345678901234567890, 9007199254740993]", "x.json");
    in.beginArray();
    std::vector<Value> v;
    while (in.nextElement())
        v.push_back(in.readScalar());
    ASSERT_EQ(v.size(), 8u);
    EXPECT_TRUE(v[0].isInt());
    EXPECT_EQ(v[0].asInt(), 3);
    EXPECT_TRUE(v[1].isReal());
    EXPECT_EQ(v[1].asReal(), 3.0);
    EXPECT_TRUE(v[2].isReal());
    EXPECT_EQ(v[2].asReal(), 3.5);
    EXPECT_TRUE(v[3].isInt());
    EXPECT_EQ(v[3].asInt(), 0);
    EXPECT_TRUE(v[4].isReal());
    EXPECT_EQ(v[4].asReal(), 100.0);
    EXPECT_EQ(v[5].asInt(), -7);
    EXPECT_TRUE(v[6].isReal());  // beyond 64 bits
    EXPECT_EQ(v[6].asReal(), 12345678901234567890.0);
    EXPECT_TRUE(v[7].isInt());  // exact, although no double holds it
    EXPECT_EQ(v[7].asInt(), 9007199254740993);
}

TEST(JsonReader, ParsesNumbersExactly)
{
    JsonReader in("[0.1, 1e-05, -2.5E+3, 1.7976931348623157e308, 5e-324, 1e400, -1e400, 1e-400]", "x.json");
    in.beginArray();
    std::vector<double> v;
    while (in.nextElement())
        v.push_back(in.readNumber());
    ASSERT_EQ(v.size(), 8u);
    EXPECT_EQ(v[0], 0.1);
    EXPECT_EQ(v[1], 1e-05);
    EXPECT_EQ(v[2], -2500.0);
    EXPECT_EQ(v[3], 1.7976931348623157e308);
    EXPECT_EQ(v[4], 5e-324);
    EXPECT_EQ(v[5], INFINITY);
    EXPECT_EQ(v[6], -INFINITY);
    EXPECT_EQ(v[7], 0.0);
}

TEST(JsonReader, AcceptsBareNonFiniteTokensWhereverANumberMayStand)
{
    JsonReader in("[NaN, Infinity, -Infinity, [NaN], {\"x\": -Infinity}]", "x.json");
    in.beginArray();
    ASSERT_TRUE(in.nextElement());
    EXPECT_TRUE(std::isnan(in.readNumber()));
    ASSERT_TRUE(in.nextElement());
    EXPECT_EQ(in.readNumber(), INFINITY);
    ASSERT_TRUE(in.nextElement());
    const Value v = in.readScalar();
    EXPECT_TRUE(v.isReal());
    EXPECT_EQ(v.asReal(), -INFINITY);
    ASSERT_TRUE(in.nextElement());
    in.beginArray();
    ASSERT_TRUE(in.nextElement());
    EXPECT_EQ(in.peek(), JsonReader::Kind::Number);
    EXPECT_TRUE(std::isnan(in.readNumber()));
    EXPECT_FALSE(in.nextElement());
    ASSERT_TRUE(in.nextElement());
    in.beginObject();
    ASSERT_TRUE(in.nextKey());
    EXPECT_EQ(in.readOptionalNumber(), -INFINITY);
    EXPECT_FALSE(in.nextKey());
    EXPECT_FALSE(in.nextElement());
}

TEST(JsonReader, AcceptsNonFiniteStringsWhereANumberIsExpected)
{
    JsonReader in(R"({"a": "NaN", "b": "Infinity", "c": "-Infinity", "d": "abc"})", "x.json");
    in.beginObject();
    ASSERT_TRUE(in.nextKey());
    EXPECT_TRUE(std::isnan(in.readNumber()));
    ASSERT_TRUE(in.nextKey());
    EXPECT_EQ(in.readNumber(), INFINITY);
    ASSERT_TRUE(in.nextKey());
    EXPECT_EQ(in.readNumber(), -INFINITY);
    ASSERT_TRUE(in.nextKey());
    EXPECT_EQ(refusal([&] { in.readNumber(); }), "x.json: d: expected a number, got \"abc\"");
}

TEST(JsonReader, NamesLineAndColumnOfASyntaxError)
{
    JsonReader in("{\n  \"a\": 1\n  \"b\": 2\n}", "runs.json");
    in.beginObject();
    ASSERT_TRUE(in.nextKey());
    in.skipValue();
    EXPECT_EQ(refusal([&] { in.nextKey(); }), "runs.json:3:3: expected ',' or '}' after object member, got '\"'");
}

TEST(JsonReader, CountsColumnsInCharactersNotBytes)
{
    JsonReader in("{\"é€😀\": 1 x}", "x.json");
    EXPECT_EQ(refusal([&] { in.skipValue(); }), "x.json:1:11: expected ',' or '}' after object member, got 'x'");
}

TEST(JsonReader, NamesTheContainerWhenTheFileEndsEarly)
{
    JsonReader in("{\"studies\": [{\"trials\": [1,\n 2,\n", "runs.json");
    EXPECT_EQ(refusal([&] { in.skipValue(); }),
              "runs.json:3:1: unexpected end of file inside array (studies[0].trials)");
    JsonReader top("{\"format\": ", "runs.json");
    EXPECT_EQ(refusal([&] { top.skipValue(); }), "runs.json:1:12: unexpected end of file inside the top-level object");
    JsonReader inString("[\"abc", "runs.json");
    EXPECT_EQ(refusal([&] { inString.skipValue(); }), "runs.json:1:6: unexpected end of file inside a string ([0])");
    JsonReader blank("  \n ", "runs.json");
    EXPECT_EQ(refusal([&] { blank.skipValue(); }), "runs.json:2:2: unexpected end of file, expected a JSON value");
}

TEST(JsonReader, RefusesBytesThatAreNotUtf8AtTheirPosition)
{
    JsonReader latin1("{\"a\": \"caf\xE9\"}", "x.json");
    EXPECT_EQ(refusal([&] { latin1.skipValue(); }),
              "x.json:1:11: invalid UTF-8 byte 0xE9 (the file must be UTF-8 encoded)");
    JsonReader overlong("[\"\xC0\xAF\"]", "x.json");
    EXPECT_EQ(refusal([&] { overlong.skipValue(); }), "x.json:1:3: invalid UTF-8 byte 0xC0 (the file must be UTF-8 encoded)");
    JsonReader surrogate("[\"\xED\xA0\x80\"]", "x.json");
    EXPECT_EQ(refusal([&] { surrogate.skipValue(); }), "x.json:1:3: invalid UTF-8 byte 0xED (the file must be UTF-8 encoded)");
    JsonReader truncated("[\"\xE2\x82\"]", "x.json");
    EXPECT_EQ(refusal([&] { truncated.skipValue(); }), "x.json:1:3: invalid UTF-8 byte 0xE2 (the file must be UTF-8 encoded)");
    JsonReader outside("[1,\n \xFF]", "x.json");
    EXPECT_EQ(refusal([&] { outside.skipValue(); }), "x.json:2:2: invalid UTF-8 byte 0xFF (the file must be UTF-8 encoded)");
}

TEST(JsonReader, DecodesEscapes)
{
    JsonReader in(R"(["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u20AC\ud83d\ude00", "\u0000"])", "x.json");
    in.beginArray();
    ASSERT_TRUE(in.nextElement());
    EXPECT_EQ(in.readString(), "a\"b\\c/d\b\f\n\r\t");
    ASSERT_TRUE(in.nextElement());
    EXPECT_EQ(in.readString(), "é€😀");
    ASSERT_TRUE(in.nextElement());
    EXPECT_EQ(in.readString(), std::string(1, '\0'));
}

TEST(JsonReader, KeepsEscapedMemberNamesWhileTheirValueIsRead)
{
    JsonReader in(R"({"a\u0020b": "x\ty"})", "x.json");
    in.beginObject();
    ASSERT_TRUE(in.nextKey());
    EXPECT_EQ(in.readString(), "x\ty");
    EXPECT_EQ(in.key(), "a b");
    EXPECT_EQ(in.path(), "[\"a b\"]");
}

TEST(JsonReader, RefusesBadEscapesAndControlCharacters)
{
    JsonReader badEscape(R"(["a\qb"])", "x.json");
    EXPECT_EQ(refusal([&] { badEscape.skipValue(); }), "x.json:1:4: invalid escape '\\q' in a string");
    JsonReader shortHex(R"(["\u12"])", "x.json");
    EXPECT_EQ(refusal([&] { shortHex.skipValue(); }), "x.json:1:3: invalid \\u escape: expected four hex digits");
    JsonReader lone(R"(["\udc00"])", "x.json");
    EXPECT_EQ(refusal([&] { lone.skipValue(); }), "x.json:1:3: invalid \\u escape: a low surrogate without a high one");
    JsonReader unpaired(R"(["\ud83dx"])", "x.json");
    EXPECT_EQ(refusal([&] { unpaired.skipValue(); }),
              "x.json:1:3: invalid \\u escape: a high surrogate must be followed by a low one");
    JsonReader escapedLineBreak("[\"a\\\nb\"]", "x.json");
    EXPECT_EQ(refusal([&] { escapedLineBreak.skipValue(); }),
              "x.json:1:4: invalid escape: '\\' followed by byte 0x0A in a string");
    JsonReader tab("[\"a\tb\"]", "x.json");
    EXPECT_EQ(refusal([&] { tab.skipValue(); }), "x.json:1:4: control character 0x09 inside a string; write it as an escape");
}

TEST(JsonReader, RefusesWhatJsonDoesNotAllow)
{
    const auto message = [](std::string_view text) {
        JsonReader in(text, "x.json");
        return refusal([&] {
            in.skipValue();
            in.expectEnd();
        });
    };
    EXPECT_EQ(message("[nul]"), "x.json:1:2: invalid literal 'nul'");
    EXPECT_EQ(message("[truex]"), "x.json:1:2: invalid literal 'truex'");
    EXPECT_EQ(message("[NaNa]"), "x.json:1:2: invalid literal 'NaNa'");
    EXPECT_EQ(message("[nan]"), "x.json:1:2: invalid literal 'nan'");
    EXPECT_EQ(message("[012]"), "x.json:1:2: invalid literal '012'");
    EXPECT_EQ(message("[1.]"), "x.json:1:2: invalid literal '1.'");
    EXPECT_EQ(message("[.5]"), "x.json:1:2: expected a JSON value, got '.'");
    EXPECT_EQ(message("[-]"), "x.json:1:2: invalid literal '-'");
    EXPECT_EQ(message("[1e]"), "x.json:1:2: invalid literal '1e'");
    EXPECT_EQ(message("[+1]"), "x.json:1:2: expected a JSON value, got '+'");
    EXPECT_EQ(message("[1,]"), "x.json:1:4: expected a value after ',', got ']' (trailing commas are not JSON)");
    EXPECT_EQ(message("{\"a\": 1,}"), "x.json:1:9: expected a member name in double quotes after ',', got '}'");
    EXPECT_EQ(message("{a: 1}"), "x.json:1:2: expected a member name in double quotes or '}', got 'a'");
    EXPECT_EQ(message("{\"a\" 1}"), "x.json:1:6: expected ':' after member name, got '1'");
    EXPECT_EQ(message("[1 2]"), "x.json:1:4: expected ',' or ']' after array element, got '2'");
    EXPECT_EQ(message("['a']"), "x.json:1:2: expected a JSON value, got '''");
    EXPECT_EQ(message("{} x"), "x.json:1:4: expected the end of the file after the JSON document, got 'x'");
    EXPECT_EQ(message("[\x01]"), "x.json:1:2: expected a JSON value, got byte 0x01");
}

TEST(JsonReader, RefusesNestingDeeperThanItsLimit)
{
    const std::string deep = std::string(600, '[') + std::string(600, ']');
    JsonReader in(deep, "x.json");
    EXPECT_EQ(refusal([&] { in.skipValue(); }), "x.json:1:514: values are nested more than 512 levels deep");
}

TEST(JsonReader, SkipsAByteOrderMark)
{
    JsonReader in("\xEF\xBB\xBF{\"a\": x}", "x.json");
    in.beginObject();
    ASSERT_TRUE(in.nextKey());
    EXPECT_EQ(refusal([&] { in.skipValue(); }), "x.json:1:7: invalid literal 'x'");
}

TEST(JsonReader, NamesTheJsonPathOfAValueOfTheWrongKind)
{
    const std::string text = R"({"studies": [{"name": 42, "weird key": [1, {"x": [true]}]}]})";
    JsonReader in(text, "runs.json");
    in.beginObject();
    ASSERT_TRUE(in.nextKey());
    in.beginArray();
    ASSERT_TRUE(in.nextElement());
    in.beginObject();
    ASSERT_TRUE(in.nextKey());
    EXPECT_EQ(in.path(), "studies[0].name");
    EXPECT_EQ(refusal([&] { in.readString(); }), "runs.json: studies[0].name: expected a string, got 42");

    JsonReader deeper(text, "runs.json");
    deeper.beginObject();
    ASSERT_TRUE(deeper.nextKey());
    deeper.beginArray();
    ASSERT_TRUE(deeper.nextElement());
    deeper.beginObject();
    ASSERT_TRUE(deeper.nextKey());
    deeper.skipValue();
    ASSERT_TRUE(deeper.nextKey());
    deeper.beginArray();
    ASSERT_TRUE(deeper.nextElement());
    deeper.skipValue();
    ASSERT_TRUE(deeper.nextElement());
    deeper.beginObject();
    ASSERT_TRUE(deeper.nextKey());
    deeper.beginArray();
    ASSERT_TRUE(deeper.nextElement());
    EXPECT_EQ(deeper.path(), R"(studies[0]["weird key"][1].x[0])");
    EXPECT_EQ(deeper.path(2), "studies[0]");
    EXPECT_EQ(refusal([&] { deeper.readNumber(); }),
              R"(runs.json: studies[0]["weird key"][1].x[0]: expected a number, got true)");
}

TEST(JsonReader, ReadsWholeNumbersAsIntegers)
{
    JsonReader in("[3, 3.0, -4e2]", "x.json");
    in.beginArray();
    ASSERT_TRUE(in.nextElement());
    EXPECT_EQ(in.readInteger(), 3);
    ASSERT_TRUE(in.nextElement());
    EXPECT_EQ(in.readInteger(), 3);
    ASSERT_TRUE(in.nextElement());
    EXPECT_EQ(in.readInteger(), -400);
    EXPECT_FALSE(in.nextElement());

    const auto refused = [](std::string_view text) {
        JsonReader r(text, "x.json");
        r.beginArray();
        r.nextElement();
        return refusal([&] { r.readInteger(); });
    };
    EXPECT_EQ(refused("[2.5]"), "x.json: [0]: expected a whole number, got 2.5");
    EXPECT_EQ(refused("[\"7\"]"), "x.json: [0]: expected a whole number, got \"7\"");
    EXPECT_EQ(refused("[NaN]"), "x.json: [0]: expected a whole number, got NaN");
    EXPECT_EQ(refused("[9223372036854775808]"), "x.json: [0]: expected a whole number, got 9223372036854775808");
}

TEST(JsonReader, CopiesValuesCompactlyWithNonFiniteNumbersAsStrings)
{
    JsonReader in(R"( { "b" : [ 1, 2.50, NaN, "x\u0041" ], "a" : { "z" : -Infinity, "t" : true, "n" : null, "e": [] } } )",
                  "x.json");
    EXPECT_EQ(in.readCompactJson(), R"({"b":[1,2.50,"NaN","xA"],"a":{"z":"-Infinity","t":true,"n":null,"e":[]}})");
    in.expectEnd();
}

TEST(JsonReader, DescribesTheNextValue)
{
    JsonReader in(R"([{}, [], null, false, -1.5e3, "a\"b", "0123456789012345678901234567890123456789012345678901234567890123456789"])",
                  "x.json");
    in.beginArray();
    std::vector<std::string> seen;
    while (in.nextElement()) {
        const JsonReader::Kind kind = in.peek();
        seen.push_back(in.describeNext());
        if (kind == JsonReader::Kind::Object || kind == JsonReader::Kind::Array)
            in.skipValue();  // describing a container does not consume it
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"an object", "an array", "null", "false", "-1.5e3", R"("a\"b")",
                                              "\"012345678901234567890123456789012345678901234567890123456789...\""}));
}

} // namespace
} // namespace tendril
