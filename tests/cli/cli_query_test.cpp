#include "cli_fixture.hpp"

#include <sqlite3.h>

using namespace tendril::testing;

TEST_F(CliTest, StudiesTableListsEveryStudy)
{
    const std::string project = importSample();
    const ProcessResult r = cli({"studies", "--project", project});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("mlp-random"), std::string::npos);
    EXPECT_NE(r.out.find("complete 2, pruned 1, failed 1"), std::string::npos);
    EXPECT_NE(r.out.find("0.95"), std::string::npos);
    EXPECT_NE(r.out.find("val_loss (min)"), std::string::npos);
}

TEST_F(CliTest, TrialsJsonHasTendrilShapeWithoutCurves)
{
    const std::string project = importSample();
    const ProcessResult r = cli({"trials", "--project", project, "--study", "mlp-random", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const nlohmann::json trials = nlohmann::json::parse(r.out);
    ASSERT_EQ(trials.size(), 4u);
    const nlohmann::json& t0 = trials[0];
    EXPECT_EQ(t0["id"], "t0");
    EXPECT_EQ(t0["state"], "complete");
    EXPECT_EQ(t0["params"]["layers"], 3);
    EXPECT_TRUE(t0["params"]["layers"].is_number_integer());
    EXPECT_EQ(t0["params"]["activation"], "relu");
    EXPECT_DOUBLE_EQ(t0["params"]["lr"].get<double>(), 0.001);
    EXPECT_DOUBLE_EQ(t0["metrics"]["model_size_mb"].get<double>(), 1.5);
    EXPECT_FALSE(t0.contains("curves"));
    EXPECT_EQ(t0["artifacts"]["confusion_matrix"]["matrix"][1][0], 3);
    EXPECT_EQ(trials[3]["metrics"]["val_acc"], "NaN");  // writers write the string form
    EXPECT_EQ(trials[3]["error"], "exit code 1: loss diverged");

    const ProcessResult lineage = cli({"trials", "--project", project, "--study", "mlp-pbt", "--json"});
    const nlohmann::json pbt = nlohmann::json::parse(lineage.out);
    EXPECT_EQ(pbt[2]["parent"], "p0");
    EXPECT_EQ(pbt[2]["iteration"], 1);
    EXPECT_EQ(pbt[2]["start_step"], 2);
    EXPECT_EQ(pbt[1]["metrics"]["val_loss"], "Infinity");
}

TEST_F(CliTest, TrialsStateFilterAndTable)
{
    const std::string project = importSample();
    const ProcessResult complete =
        cli({"trials", "--project", project, "--study", "mlp-random", "--state", "complete", "--json"});
    ASSERT_EQ(complete.exitCode, 0) << complete.err;
    const nlohmann::json trials = nlohmann::json::parse(complete.out);
    ASSERT_EQ(trials.size(), 2u);
    for (const auto& t : trials)
        EXPECT_EQ(t["state"], "complete");

    const ProcessResult table = cli({"trials", "--project", project, "--study", "mlp-random"});
    ASSERT_EQ(table.exitCode, 0);
    EXPECT_NE(table.out.find("activation"), std::string::npos);
    EXPECT_NE(table.out.find("tanh, \"quoted\""), std::string::npos);

    const ProcessResult badState = cli({"trials", "--project", project, "--study", "mlp-random", "--state", "done"});
    EXPECT_EQ(badState.exitCode, 2);
    EXPECT_NE(errorLine(badState).find("\"done\""), std::string::npos);

    const ProcessResult unknown = cli({"trials", "--project", project, "--study", "nope"});
    EXPECT_EQ(unknown.exitCode, 1);
    const std::string message = errorLine(unknown);
    EXPECT_NE(message.find("\"nope\""), std::string::npos);
    EXPECT_NE(message.find("mlp-random, mlp-pbt"), std::string::npos);
}

TEST_F(CliTest, ProjectFromNewerSchemaIsRefusedUnchanged)
{
    const std::string project = importSample();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(project.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    const std::string before = readFile(project);

    const ProcessResult list = cli({"studies", "--project", project});
    EXPECT_EQ(list.exitCode, 1);
    EXPECT_NE(errorLine(list).find("99"), std::string::npos);
    const std::string runs = dir.file("runs.json");
    const ProcessResult import = cli({"import", runs, "--project", project});
    EXPECT_EQ(import.exitCode, 1);
    EXPECT_NE(errorLine(import).find("p.tendril"), std::string::npos);
    EXPECT_EQ(readFile(project), before);
}

TEST_F(CliTest, EmptyProjectListsNothing)
{
    const std::string runs = dir.file("none.json");
    writeFile(runs, R"({"format": "tendril/1", "studies": []})");
    const std::string project = dir.file("p.tendril");
    ASSERT_EQ(cli({"import", runs, "--project", project}).exitCode, 0);
    EXPECT_EQ(studiesJson(project), nlohmann::json::array());
}

TEST_F(CliTest, TrialsJsonAcrossManyPagesKeepsEveryTrialInOrder)
{
    // More trials than one page of the paged reader (4096), numbered out of insertion order.
    nlohmann::json trials = nlohmann::json::array();
    const int n = 9000;
    for (int i = 0; i < n; ++i) {
        const int number = (i * 7919) % n;  // a permutation of 0..n-1
        trials.push_back({{"id", "t" + std::to_string(number)},
                          {"number", number},
                          {"state", number % 5 ? "complete" : "pruned"},
                          {"params", {{"x", number * 0.5}}},
                          {"metrics", {{"y", number * 2.0}}}});
    }
    const nlohmann::json doc = {
        {"format", "tendril/1"},
        {"studies", {{{"name", "big"}, {"objective", {{"metric", "y"}, {"direction", "minimize"}}}, {"trials", trials}}}}};
    const std::string runs = dir.file("big.json");
    writeFile(runs, doc.dump());
    const std::string project = dir.file("big.tendril");
    ASSERT_EQ(cli({"import", runs, "--project", project}).exitCode, 0);

    const ProcessResult all = cli({"trials", "--project", project, "--study", "big", "--json"});
    ASSERT_EQ(all.exitCode, 0) << all.err;
    const nlohmann::json listed = nlohmann::json::parse(all.out);
    ASSERT_EQ(listed.size(), static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        ASSERT_EQ(listed[i]["number"], i);
        ASSERT_EQ(listed[i]["id"], "t" + std::to_string(i));
        ASSERT_EQ(listed[i]["metrics"]["y"], i * 2.0);
    }
    const ProcessResult pruned = cli({"trials", "--project", project, "--study", "big", "--state", "pruned", "--json"});
    const nlohmann::json prunedList = nlohmann::json::parse(pruned.out);
    ASSERT_EQ(prunedList.size(), static_cast<std::size_t>(n / 5));
    for (std::size_t i = 0; i < prunedList.size(); ++i)
        ASSERT_EQ(prunedList[i]["number"], static_cast<int>(i * 5));
}
