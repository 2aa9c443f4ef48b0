#include "cli_fixture.hpp"

#include <cmath>
#include <random>

using namespace tendril::testing;

namespace {

// y = 1[lr < 1e-3] + x with lr log-uniform: lr explains 75 % on its log axis, about 10 % raw.
std::string logStepRuns(int n)
{
    std::mt19937_64 rng(9);
    std::uniform_real_distribution<double> u(0, 1);
    nlohmann::json trials = nlohmann::json::array();
    for (int i = 0; i < n; ++i) {
        const double lr = std::pow(10.0, -5 + 4 * u(rng)), x = u(rng);
        trials.push_back({{"id", "t" + std::to_string(i)},
                          {"state", "complete"},
                          {"params", {{"lr", lr}, {"x", x}, {"opt", i % 2 ? "adam" : "sgd"}}},
                          {"metrics", {{"y", (lr < 1e-3 ? 1.0 : 0.0) + x}}}});
    }
    nlohmann::json study = {{"name", "logstep"},
                            {"objective", {{"metric", "y"}, {"direction", "maximize"}}},
                            {"space",
                             {{{"name", "lr"}, {"type", "float"}, {"low", 1e-5}, {"high", 0.1}, {"log", true}},
                              {{"name", "x"}, {"type", "float"}, {"low", 0}, {"high", 1}},
                              {{"name", "opt"}, {"type", "categorical"}, {"choices", {"sgd", "adam"}}}}},
                            {"trials", trials}};
    return nlohmann::json{{"format", "tendril/1"}, {"studies", {study}}}.dump();
}

} // namespace

TEST_F(CliTest, ImportanceJsonFollowsTheContract)
{
    const std::string runs = dir.file("logstep.json");
    writeFile(runs, logStepRuns(600));
    const std::string project = dir.file("p.tendril");
    ASSERT_EQ(cli({"import", runs, "--project", project}).exitCode, 0);

    const ProcessResult r =
        cli({"importance", "--project", project, "--study", "logstep", "--pairs", "--seed", "3", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const nlohmann::json j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["method"], "fanova");
    EXPECT_EQ(j["metric"], "y");
    EXPECT_EQ(j["direction"], "maximize");
    EXPECT_EQ(j["trials_used"], 600);
    EXPECT_EQ(j["trees"], 64);
    EXPECT_EQ(j["seed"], 3);
    EXPECT_GE(j["seconds"].get<double>(), 0.0);
    ASSERT_EQ(j["params"].size(), 3u);
    EXPECT_EQ(j["params"][0]["name"], "lr");
    EXPECT_NEAR(j["params"][0]["importance"].get<double>(), 0.75, 0.04);
    for (std::size_t i = 1; i < j["params"].size(); ++i)
        EXPECT_LE(j["params"][i]["importance"].get<double>(), j["params"][i - 1]["importance"].get<double>());
    for (const auto& p : j["params"])
        EXPECT_GE(p["std"].get<double>(), 0.0);
    ASSERT_EQ(j["pairs"].size(), 3u);
    EXPECT_EQ(j["pairs"][0]["params"].size(), 2u);

    // Same seed, same numbers; the raw axis reproduces what Optuna reports for lr.
    const ProcessResult again =
        cli({"importance", "--project", project, "--study", "logstep", "--pairs", "--seed", "3", "--json"});
    EXPECT_EQ(nlohmann::json::parse(again.out)["params"], j["params"]);
    const ProcessResult raw =
        cli({"importance", "--project", project, "--study", "logstep", "--scale", "raw", "--json"});
    ASSERT_EQ(raw.exitCode, 0) << raw.err;
    const nlohmann::json rj = nlohmann::json::parse(raw.out);
    EXPECT_FALSE(rj.contains("pairs"));
    EXPECT_EQ(rj["params"][0]["name"], "x");
    for (const auto& p : rj["params"]) {
        if (p["name"] == "lr") {
            EXPECT_NEAR(p["importance"].get<double>(), 0.105, 0.04);
        }
    }
}

TEST_F(CliTest, ImportanceTextAndErrors)
{
    const std::string project = importSample();
    const ProcessResult text = cli({"importance", "--project", project, "--study", "mlp-random"});
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_NE(text.out.find("fANOVA importance of val_acc"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("layers"), std::string::npos);

    const ProcessResult metric =
        cli({"importance", "--project", project, "--study", "mlp-random", "--metric", "f1"});
    EXPECT_EQ(metric.exitCode, 1);
    EXPECT_NE(errorLine(metric).find("\"f1\""), std::string::npos);
    const ProcessResult study = cli({"importance", "--project", project, "--study", "nope"});
    EXPECT_EQ(study.exitCode, 1);
    EXPECT_NE(errorLine(study).find("\"nope\""), std::string::npos);
    for (const std::vector<std::string>& bad :
         {std::vector<std::string>{"--quantile", "1.5"}, {"--scale", "loglog"}, {"--trees", "0"}, {"--seed", "x"},
          {"--state", "done"}}) {
        std::vector<std::string> args = {"importance", "--project", project, "--study", "mlp-random"};
        args.insert(args.end(), bad.begin(), bad.end());
        const ProcessResult r = cli(args);
        EXPECT_EQ(r.exitCode, 2) << bad[0];
        EXPECT_NE(errorLine(r).find(bad[0]), std::string::npos) << r.err;
    }
}

TEST_F(CliTest, ImportanceOfAStudyWithoutUsableTrialsExplainsWhy)
{
    const std::string project = importSample();
    const ProcessResult r =
        cli({"importance", "--project", project, "--study", "mlp-random", "--state", "running", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const nlohmann::json j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["trials_used"], 0);
    EXPECT_TRUE(j["note"].is_string());
    for (const auto& p : j["params"])
        EXPECT_EQ(p["importance"], 0.0);
}
