// Every search algorithm runs a small study end to end through tendril-cli run.
#include "runner_fixture.hpp"

#include <set>

namespace tendril::testing {
namespace {

struct AlgorithmCase {
    std::string name;
    nlohmann::json config;  // algorithm.config
    int maxTrials;
    int workers;
};

void PrintTo(const AlgorithmCase& c, std::ostream* os) { *os << c.name; }

class AllAlgorithms : public RunnerTest, public ::testing::WithParamInterface<AlgorithmCase> {};

TEST_P(AllAlgorithms, RunToTheEndOfTheirBudget)
{
    const AlgorithmCase& c = GetParam();
    nlohmann::json j = studyJson("study-" + c.name, {kPython, scriptPath("trainer.py")});
    j["space"] = {floatParam("lr", 1e-4, 1e-1, true), intParam("layers", 1, 3), categoricalParam("act", {"relu", "tanh"})};
    j["algorithm"] = {{"name", c.name}};
    if (!c.config.is_null())
        j["algorithm"]["config"] = c.config;
    j["budget"] = {{"max_trials", c.maxTrials}, {"max_resource", 4}};
    j["resource_arg"] = "--epochs";
    j["workers"] = c.workers;
    j["seed"] = 11;
    const ProcessResult r = cli({"run", "--project", project(), "--config", writeConfig(j)});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;

    const Study s = load("study-" + c.name);
    EXPECT_EQ(s.algorithm.name, c.name);
    EXPECT_LE(s.trials.size(), static_cast<std::size_t>(c.maxTrials));
    EXPECT_GE(s.trials.size(), 4u);
    std::set<std::int64_t> numbers;
    for (const Trial& t : s.trials) {
        EXPECT_TRUE(t.state == TrialState::Complete || t.state == TrialState::Pruned)
            << t.id << " " << toString(t.state) << " " << t.error;
        // A PBT child that loaded its donor's last checkpoint has no epoch left to train.
        const nlohmann::json launch = launchInfo(s.name, t.id, 1);
        const bool nothingLeft = !t.parent.empty() && launch.is_object() && launch["restored_epoch"].is_number() &&
                                 launch["restored_epoch"] >= 4;
        EXPECT_TRUE(t.curve("score") || nothingLeft) << t.id;
        EXPECT_TRUE(t.metric("score")) << t.id;
        EXPECT_FALSE(t.started.empty());
        EXPECT_FALSE(t.finished.empty());
        EXPECT_EQ(t.params.size(), 3u);
        numbers.insert(t.number);
    }
    EXPECT_EQ(numbers.size(), s.trials.size()) << "numbers are unique";
    EXPECT_EQ(*numbers.rbegin(), static_cast<std::int64_t>(s.trials.size()) - 1) << "numbers count creation";
    EXPECT_NE(r.out.find("study \"study-" + c.name + "\": " + std::to_string(s.trials.size()) + " trials"),
              std::string::npos)
        << r.out;
}

INSTANTIATE_TEST_SUITE_P(
    Runner, AllAlgorithms,
    ::testing::Values(AlgorithmCase{"grid", {{"values", {{"lr", {0.001, 0.01}}}}}, 12, 2},
                      AlgorithmCase{"random", nullptr, 6, 2},
                      AlgorithmCase{"tpe", {{"n_startup_trials", 3}}, 8, 2},
                      AlgorithmCase{"sh", {{"min_resource", 1}, {"reduction_factor", 2}}, 8, 2},
                      AlgorithmCase{"asha", {{"min_resource", 1}, {"reduction_factor", 2}}, 8, 2},
                      AlgorithmCase{"hyperband", {{"eta", 2}, {"min_resource", 1}}, 10, 2},
                      AlgorithmCase{"bohb", {{"eta", 2}, {"min_resource", 1}}, 10, 2},
                      AlgorithmCase{"pbt", {{"population_size", 4}, {"perturbation_interval", 1}}, 8, 4}),
    [](const ::testing::TestParamInfo<AlgorithmCase>& info) { return info.param.name; });

} // namespace
} // namespace tendril::testing
