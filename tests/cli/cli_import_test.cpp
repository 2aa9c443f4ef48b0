#include "cli_fixture.hpp"

#include <filesystem>

using namespace tendril::testing;
namespace fs = std::filesystem;

TEST_F(CliTest, HelpForEveryCommand)
{
    EXPECT_EQ(cli({"--help"}).exitCode, 0);
    for (const char* command : {"import", "studies", "trials", "export"}) {
        const ProcessResult r = cli({command, "--help"});
        EXPECT_EQ(r.exitCode, 0) << command;
        EXPECT_NE(r.out.find(std::string("usage: tendril-cli ") + command), std::string::npos) << r.out;
    }
}

TEST_F(CliTest, UsageErrorsExitTwo)
{
    EXPECT_EQ(cli({}).exitCode, 2);
    EXPECT_EQ(cli({"frobnicate"}).exitCode, 2);
    const ProcessResult missing = cli({"studies"});
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_NE(errorLine(missing).find("--project"), std::string::npos);
    const ProcessResult unknown = cli({"studies", "--project", dir.file("p.tendril"), "--colour"});
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_NE(errorLine(unknown).find("--colour"), std::string::npos);
    const ProcessResult format = cli({"import", "x.json", "--project", dir.file("p.tendril"), "--format", "xml"});
    EXPECT_EQ(format.exitCode, 2);
    EXPECT_NE(errorLine(format).find("xml"), std::string::npos);
}

TEST_F(CliTest, ImportPrintsOneLinePerStudyAndStoresThem)
{
    const std::string runs = dir.file("runs.json");
    writeFile(runs, kSampleRuns);
    const std::string project = dir.file("p.tendril");
    const ProcessResult r = cli({"import", runs, "--project", project});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "mlp-random\t4 trials\tcomplete 2, pruned 1, failed 1\n"
                     "mlp-pbt\t3 trials\tcomplete 3\n");

    const nlohmann::json studies = studiesJson(project);
    ASSERT_EQ(studies.size(), 2u);
    const nlohmann::json& random = studies[0];
    EXPECT_EQ(random["name"], "mlp-random");
    EXPECT_EQ(random["algorithm"], "random");
    EXPECT_EQ(random["objective"], (nlohmann::json{{"metric", "val_acc"}, {"direction", "maximize"}}));
    EXPECT_EQ(random["trials"], 4);
    EXPECT_EQ(random["states"]["complete"], 2);
    EXPECT_EQ(random["states"]["pruned"], 1);
    EXPECT_EQ(random["states"]["failed"], 1);
    EXPECT_EQ(random["states"]["running"], 0);
    EXPECT_EQ(random["best"]["trial"], "t1");  // the pruned 0.4 and the failed NaN never win
    EXPECT_DOUBLE_EQ(random["best"]["value"].get<double>(), 0.95);
    const nlohmann::json& pbt = studies[1];
    EXPECT_EQ(pbt["best"]["trial"], "p2");  // minimised; Infinity is worst
    EXPECT_EQ(pbt["parent"], "mlp-random");
}

TEST_F(CliTest, SameNameGetsNumberedSuffixUnlessStudyNamesIt)
{
    const std::string project = importSample();
    const std::string runs = dir.file("runs.json");
    ASSERT_EQ(cli({"import", runs, "--project", project}).exitCode, 0);
    nlohmann::json studies = studiesJson(project);
    ASSERT_EQ(studies.size(), 4u);
    EXPECT_EQ(studies[2]["name"], "mlp-random-2");
    EXPECT_EQ(studies[3]["name"], "mlp-pbt-2");
    EXPECT_EQ(studies[1]["parent"], "mlp-random");
    EXPECT_EQ(studies[3]["parent"], "mlp-random-2");  // the refined study follows its renamed parent

    // --study needs exactly one study in the input.
    const ProcessResult two = cli({"import", runs, "--project", project, "--study", "renamed"});
    EXPECT_EQ(two.exitCode, 1);
    EXPECT_NE(errorLine(two).find("2 studies"), std::string::npos);

    // A one-study file stored under the given name; a taken name is refused, not suffixed.
    const std::string one = dir.file("one.json");
    ASSERT_EQ(cli({"export", "--project", project, "--study", "mlp-pbt", "--out", one}).exitCode, 0);
    ASSERT_EQ(cli({"import", one, "--project", project, "--study", "pbt-copy"}).exitCode, 0);
    const std::string before = readFile(project);
    const ProcessResult taken = cli({"import", one, "--project", project, "--study", "pbt-copy"});
    EXPECT_EQ(taken.exitCode, 1);
    EXPECT_NE(errorLine(taken).find("pbt-copy"), std::string::npos);
    EXPECT_EQ(readFile(project), before);
    EXPECT_EQ(studiesJson(project).size(), 5u);
}

TEST_F(CliTest, RefusedFileLeavesExistingProjectByteForByte)
{
    const std::string project = importSample();
    const std::string before = readFile(project);
    const std::string good = dir.file("good.json");
    writeFile(good, kSampleRuns);
    const std::string bad = dir.file("bad.json");
    std::string broken = kSampleRuns;
    broken.replace(broken.find("\"pruned\""), 8, "\"done\"");
    writeFile(bad, broken);

    // The good file comes first: nothing of it may be stored either.
    const ProcessResult r = cli({"import", good, bad, "--project", project});
    EXPECT_EQ(r.exitCode, 1);
    const std::string message = errorLine(r);
    EXPECT_NE(message.find("bad.json"), std::string::npos) << message;
    EXPECT_NE(message.find("studies[0].trials[2].state"), std::string::npos) << message;
    EXPECT_NE(message.find("\"done\""), std::string::npos) << message;
    EXPECT_EQ(readFile(project), before);
    EXPECT_EQ(studiesJson(project).size(), 2u);
}

TEST_F(CliTest, RefusedFileCreatesNoProject)
{
    const std::string empty = dir.file("empty.json");
    writeFile(empty, "");
    const std::string project = dir.file("new.tendril");
    const ProcessResult r = cli({"import", empty, "--project", project});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(errorLine(r).find("empty.json"), std::string::npos);
    EXPECT_FALSE(fs::exists(project));

    const ProcessResult dirInput = cli({"import", dir.path().string(), "--project", project});
    EXPECT_EQ(dirInput.exitCode, 1);
    EXPECT_NE(errorLine(dirInput).find(dir.path().string()), std::string::npos);
    EXPECT_FALSE(fs::exists(project));
}

TEST_F(CliTest, ImportJsonOutput)
{
    const std::string runs = dir.file("runs.json");
    writeFile(runs, kSampleRuns);
    const ProcessResult r = cli({"import", runs, "--project", dir.file("p.tendril"), "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const nlohmann::json out = nlohmann::json::parse(r.out);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0]["name"], "mlp-random");
    EXPECT_EQ(out[0]["source"], runs);
    EXPECT_EQ(out[1]["states"]["complete"], 3);
}

TEST_F(CliTest, ProjectThatIsNotTendrilIsRefused)
{
    const std::string text = dir.file("notes.tendril");
    writeFile(text, "these are my notes, not a database\n");
    const ProcessResult r = cli({"studies", "--project", text});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(errorLine(r).find("notes.tendril"), std::string::npos);
    EXPECT_EQ(readFile(text), "these are my notes, not a database\n");

    const ProcessResult missing = cli({"studies", "--project", dir.file("absent.tendril")});
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_NE(errorLine(missing).find("absent.tendril"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir.file("absent.tendril")));
}
