// CSV export: columns, quoting, missing and non-finite values, safe file replacement.
#include "tendril/io/csv_format.hpp"

#include "io_test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <sstream>

namespace tendril {
namespace {

using testing::readText;
using testing::TempDir;

std::vector<Study> sampleStudies()
{
    Study a;
    a.name = "alpha";
    a.space.params = {Param::floatRange("lr", 1e-4, 1), Param::categorical("opt", {"adam", "sgd, momentum"})};
    Trial a1;
    a1.id = "a1";
    a1.state = TrialState::Complete;
    a1.params = {{"opt", "adam"}, {"lr", 0.5}};
    a1.metrics = {{"acc", 0.75}, {"loss", std::numeric_limits<double>::quiet_NaN()}};
    Trial a2;
    a2.id = "a \"quoted\"";
    a2.state = TrialState::Failed;
    a2.params = {{"lr", 3.0}, {"opt", "sgd, momentum"}};
    a2.metrics = {{"loss", std::numeric_limits<double>::infinity()}};
    a.trials = {a1, a2};

    Study b;
    b.name = "beta\nline";
    Trial b1;
    b1.id = "b1";
    b1.state = TrialState::Pruned;
    b1.params = {{"layers", 4}, {"flag", true}};
    b1.metrics = {{"acc", -std::numeric_limits<double>::infinity()}, {"time", 12}};
    b.trials = {b1};
    return {a, b};
}

constexpr std::string_view kExpected = "id,study,state,lr,opt,layers,flag,acc,loss,time\n"
                                       "a1,alpha,complete,0.5,adam,,,0.75,NaN,\n"
                                       "\"a \"\"quoted\"\"\",alpha,failed,3,\"sgd, momentum\",,,,Infinity,\n"
                                       "b1,\"beta\nline\",pruned,,,4,true,-Infinity,,12\n";

TEST(CsvFormat, WritesOneRowPerTrialWithTheUnionOfColumns)
{
    std::ostringstream out;
    writeCsv(out, sampleStudies());
    EXPECT_EQ(out.str(), kExpected);
}

TEST(CsvFormat, WritesOnlyTheHeaderWithoutTrials)
{
    std::ostringstream out;
    writeCsv(out, {});
    EXPECT_EQ(out.str(), "id,study,state\n");
}

TEST(CsvFormat, QuotesColumnNamesThatNeedIt)
{
    Study s;
    s.name = "s";
    Trial t;
    t.id = "1";
    t.params = {{"a,b", 1}};
    t.metrics = {{"say \"hi\"", 2}};
    s.trials = {t};
    std::ostringstream out;
    writeCsv(out, {s});
    EXPECT_EQ(out.str(), "id,study,state,\"a,b\",\"say \"\"hi\"\"\"\n1,s,complete,1,2\n");
}

TEST(CsvFormat, WritesAFileThroughATemporaryFile)
{
    TempDir dir;
    const std::string path = dir.write("trials.csv", "old");
    writeCsvFile(path, sampleStudies());
    EXPECT_EQ(readText(path), kExpected);
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        names.push_back(entry.path().filename().string());
    EXPECT_EQ(names, std::vector<std::string>{"trials.csv"});
}

TEST(CsvFormat, NamesThePathWhenTheFileCannotBeWritten)
{
    TempDir dir;
    const std::string path = dir.file("missing/trials.csv");
    try {
        writeCsvFile(path, sampleStudies());
        ADD_FAILURE() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_EQ(std::string(e.what()),
                  path + ": cannot create a file in " + dir.file("missing") + ": No such file or directory");
    }
    const std::string folder = dir.file("folder.csv");
    std::filesystem::create_directory(folder);
    try {
        writeCsvFile(folder, sampleStudies());
        ADD_FAILURE() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_EQ(std::string(e.what()), folder + ": is a directory");
    }
}

} // namespace
} // namespace tendril
