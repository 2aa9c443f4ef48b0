// Recognising input files by their content, and reading studies through the chosen format.
#include "tendril/io/native_format.hpp"

#include "io_test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace tendril {
namespace {

using testing::refusal;
using testing::TempDir;

TEST(FormatDetect, NativeIsTheOnlyFormatName)
{
    EXPECT_EQ(inputFormatNames(), std::vector<std::string>{"native"});
}

TEST(FormatDetect, RecognisesTendrilFiles)
{
    TempDir dir;
    EXPECT_EQ(detectFormat(dir.write("a.json", R"({"format": "tendril/1", "studies": []})")), InputFormat::Native);
    EXPECT_EQ(detectFormat(dir.write("b.json", "\xEF\xBB\xBF\n  {\"project\": {\"name\": \"p\"}, \"format\": \"tendril/1\"")),
              InputFormat::Native);
}

TEST(FormatDetect, AnotherFormatValueIsStillNativeSoTheReaderCanNameIt)
{
    TempDir dir;
    const std::string path = dir.write("old.json", R"({"format": "tendril/0", "studies": []})");
    ASSERT_EQ(detectFormat(path), InputFormat::Native);
    EXPECT_EQ(refusal([&] { readStudies(path, InputFormat::Native); }),
              path + ": format: expected \"tendril/1\", got \"tendril/0\"");
}

TEST(FormatDetect, FindsTheFormatBehindALargeFirstMember)
{
    TempDir dir;
    std::string text = R"({"studies": [{"name": "s", "objective": {"metric": "m", "direction": "maximize"}, "trials": [)";
    for (int i = 0; i < 3000; ++i)
        text += std::string(i ? "," : "") + R"({"id": ")" + std::to_string(i) + R"(", "state": "complete", "params": {"x": 1}})";
    text += R"(]}], "format": "tendril/1"})";
    ASSERT_GT(text.size(), 100000u);
    const std::string path = dir.write("late.json", text);
    EXPECT_EQ(detectFormat(path), InputFormat::Native);
    EXPECT_EQ(readStudies(path, InputFormat::Native)[0].trials.size(), 3000u);
}

TEST(FormatDetect, RefusesEverythingElse)
{
    TempDir dir;
    for (const std::string_view text : {std::string_view(R"([{"format": "tendril/1"}])"),
                                        std::string_view(R"({"op_code": 0, "worker_id": "a"})" "\n" R"({"op_code": 4})"),
                                        std::string_view(R"({"description": "no format here"})"),
                                        std::string_view("id,study,state\n1,s,complete\n"),
                                        std::string_view("SQLite format 3\0\0\0", 18),
                                        std::string_view("{\"format\" tendril/1}")}) {
        const std::string path = dir.write("input.dat", text);
        EXPECT_EQ(refusal([&] { detectFormat(path); }),
                  path + ": not a recognised input format (expected a tendril/1 JSON file)")
            << text;
    }
}

TEST(FormatDetect, NamesFilesThatCannotBeRead)
{
    TempDir dir;
    const std::string empty = dir.write("empty.json", "");
    EXPECT_EQ(refusal([&] { detectFormat(empty); }), empty + ": file is empty");
    const std::string missing = dir.file("missing.json");
    EXPECT_EQ(refusal([&] { detectFormat(missing); }), missing + ": no such file");
    EXPECT_EQ(refusal([&] { detectFormat(dir.path().string()); }),
              dir.path().string() + ": is a directory, expected a tendril/1 JSON file");
}

TEST(FormatDetect, ReadStudiesReturnsTheStudiesOfTheFile)
{
    TempDir dir;
    const std::string path = dir.write("runs.json", R"({"format": "tendril/1", "studies": [
      {"name": "a", "objective": {"metric": "m", "direction": "maximize"}, "trials": [
        {"id": "1", "state": "complete", "params": {"x": 0.5}, "metrics": {"m": 1}}]},
      {"name": "b", "objective": {"metric": "m", "direction": "minimize"}, "trials": []}]})");
    const std::vector<Study> studies = readStudies(path, detectFormat(path));
    ASSERT_EQ(studies.size(), 2u);
    EXPECT_EQ(studies[0].name, "a");
    EXPECT_EQ(studies[0].trials[0].metric("m"), 1.0);
    EXPECT_EQ(studies[1].objective.direction, Direction::Minimize);
}

} // namespace
} // namespace tendril
