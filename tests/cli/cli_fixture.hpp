// Runs the real tendril-cli binary in a temporary folder.
#pragma once

#include "process.hpp"
#include "sample_runs.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tendril::testing {

class CliTest : public ::testing::Test {
protected:
    ProcessResult cli(const std::vector<std::string>& args) { return runProcess(binDir() + "/tendril-cli", args); }

    // Writes the sample runs and imports them into a new project; returns the project path.
    std::string importSample()
    {
        const std::string runs = dir.file("runs.json");
        writeFile(runs, kSampleRuns);
        const std::string project = dir.file("p.tendril");
        const ProcessResult r = cli({"import", runs, "--project", project});
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return project;
    }

    nlohmann::json studiesJson(const std::string& project)
    {
        const ProcessResult r = cli({"studies", "--project", project, "--json"});
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return nlohmann::json::parse(r.out);
    }

    // Checks the one-line `error: ...` contract and returns the message.
    static std::string errorLine(const ProcessResult& r)
    {
        EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
        const auto newline = r.err.find('\n');
        EXPECT_NE(newline, std::string::npos);
        return r.err.substr(7, newline - 7);
    }

    TempDir dir;
};

} // namespace tendril::testing
