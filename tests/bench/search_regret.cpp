// Search quality: median simple regret of random search and TPE (independent, multivariate, and
// independent with normalised kernels, the Optuna >= 3.5 weighing) on Branin and Hartmann-6 after
// 50 and 100 evaluations, over 20 seeds, and the time one 100-evaluation study takes.
//
// usage: tendril_search_regret [--seeds N] [--json]
//   default: a Markdown table; --json: one JSON object per (function, sampler, evaluations) line,
//   read by search_regret_vs_optuna.py, which puts Optuna 3.1's numbers beside these.
#include "tendril/search/algorithm.hpp"

#include "tpe.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

namespace {

using namespace tendril;
using namespace tendril::search;

using Params = std::vector<std::pair<std::string, Value>>;

struct TestFunction {
    std::string name;
    SearchSpace space;
    double minimum;
    std::function<double(const Params&)> evaluate;
};

double branin(const Params& p)
{
    const double x1 = p[0].second.toDouble(), x2 = p[1].second.toDouble();
    const double pi = std::numbers::pi;
    const double b = 5.1 / (4 * pi * pi), c = 5 / pi, t = 1 / (8 * pi);
    const double q = x2 - b * x1 * x1 + c * x1 - 6;
    return q * q + 10 * (1 - t) * std::cos(x1) + 10;
}

double hartmann6(const Params& p)
{
    static constexpr double a[4][6] = {{10, 3, 17, 3.5, 1.7, 8},
                                       {0.05, 10, 17, 0.1, 8, 14},
                                       {3, 3.5, 1.7, 10, 17, 8},
                                       {17, 8, 0.05, 10, 0.1, 14}};
    static constexpr double centre[4][6] = {{0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
                                            {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
                                            {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
                                            {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};
    static constexpr double alpha[4] = {1.0, 1.2, 3.0, 3.2};
    double sum = 0;
    for (int i = 0; i < 4; ++i) {
        double exponent = 0;
        for (int j = 0; j < 6; ++j)
            exponent += a[i][j] * std::pow(p[static_cast<std::size_t>(j)].second.toDouble() - centre[i][j], 2);
        sum += alpha[i] * std::exp(-exponent);
    }
    return -sum;
}

std::vector<TestFunction> testFunctions()
{
    SearchSpace unitCube;
    for (int i = 0; i < 6; ++i)
        unitCube.params.push_back(Param::floatRange("x" + std::to_string(i), 0, 1));
    return {
        {"branin", SearchSpace{{Param::floatRange("x1", -5, 10), Param::floatRange("x2", 0, 15)}}, 0.397887357729738,
         branin},
        {"hartmann6", unitCube, -3.32236801141551, hartmann6},
    };
}

struct Sampler {
    std::string name;
    std::function<std::unique_ptr<SearchAlgorithm>(const SearchSpace&, std::uint64_t seed)> make;
};

std::vector<Sampler> samplers()
{
    auto byName = [](std::string name, std::string config) {
        return [name, config](const SearchSpace& space, std::uint64_t seed) {
            AlgorithmSetup setup;
            setup.name = name;
            setup.space = space;
            setup.objective = Objective{"value", Direction::Minimize};
            setup.budget.maxTrials = 100;
            setup.seed = seed;
            setup.configJson = config;
            return makeAlgorithm(setup);
        };
    };
    auto normalised = [](const SearchSpace& space, std::uint64_t seed) -> std::unique_ptr<SearchAlgorithm> {
        TpeOptions options;
        options.normalizedKernels = true;
        Budget budget;
        budget.maxTrials = 100;
        return std::make_unique<TpeSearch>(space, Objective{"value", Direction::Minimize}, budget, seed, options);
    };
    return {{"random", byName("random", "")},
            {"tpe", byName("tpe", "")},
            {"tpe_multivariate", byName("tpe", R"({"multivariate": true})")},
            {"tpe_normalized_kernels", normalised}};
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

std::string jsonList(const std::vector<double>& values)
{
    std::string text = "[";
    for (std::size_t i = 0; i < values.size(); ++i)
        text += (i ? ", " : "") + formatDouble(values[i]);
    return text + "]";
}

constexpr std::array<int, 2> kEvaluations = {50, 100};

} // namespace

int main(int argc, char** argv)
{
    int seeds = 20;
    bool json = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--json") == 0) {
            json = true;
        } else if (std::strcmp(argv[i], "--seeds") == 0 && i + 1 < argc) {
            seeds = std::atoi(argv[++i]);
        } else {
            std::fprintf(stderr, "usage: %s [--seeds N] [--json]\n", argv[0]);
            return 2;
        }
    }
    if (seeds < 1) {
        std::fprintf(stderr, "--seeds: expected a whole number >= 1\n");
        return 2;
    }

    if (!json) {
        std::printf("Median simple regret over %d seeds (Tendril)\n\n", seeds);
        std::printf("| function | sampler | after 50 | after 100 | ms per 100-evaluation study |\n|---|---|---|---|---|\n");
    }
    for (const TestFunction& function : testFunctions()) {
        for (const Sampler& sampler : samplers()) {
            std::array<std::vector<double>, kEvaluations.size()> regrets;
            std::vector<double> seconds;
            for (int seed = 0; seed < seeds; ++seed) {
                std::unique_ptr<SearchAlgorithm> algorithm = sampler.make(function.space, static_cast<std::uint64_t>(seed));
                double best = INFINITY;
                double evaluating = 0;
                const auto start = std::chrono::steady_clock::now();
                for (int evaluation = 1; evaluation <= kEvaluations.back(); ++evaluation) {
                    const TrialRequest request = *algorithm->ask();
                    const auto before = std::chrono::steady_clock::now();
                    const double value = function.evaluate(request.params);
                    evaluating += std::chrono::duration<double>(std::chrono::steady_clock::now() - before).count();
                    algorithm->tell(request.trialId, TrialState::Complete, value);
                    best = std::min(best, value);
                    for (std::size_t k = 0; k < kEvaluations.size(); ++k)
                        if (evaluation == kEvaluations[k])
                            regrets[k].push_back(best - function.minimum);
                }
                // The time the algorithm itself takes, without the objective's.
                seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() -
                                  evaluating);
            }
            if (json) {
                for (std::size_t k = 0; k < kEvaluations.size(); ++k)
                    std::printf("{\"function\": \"%s\", \"sampler\": \"%s\", \"evaluations\": %d, "
                                "\"median_regret\": %s, \"regrets\": %s, \"seconds_per_study\": %s}\n",
                                function.name.c_str(), sampler.name.c_str(), kEvaluations[k],
                                formatDouble(median(regrets[k])).c_str(), jsonList(regrets[k]).c_str(),
                                formatDouble(median(seconds)).c_str());
            } else {
                std::printf("| %s | %s | %.4g | %.4g | %.2f |\n", function.name.c_str(), sampler.name.c_str(),
                            median(regrets[0]), median(regrets[1]), 1000 * median(seconds));
            }
        }
    }
    return 0;
}
