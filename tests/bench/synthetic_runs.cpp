#include "synthetic_runs.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace tendril::bench {

Study makeSyntheticStudy(const std::string& name, const SyntheticShape& shape)
{
    Study s;
    s.name = name;
    s.objective = {"val_acc", Direction::Maximize};
    s.metrics = {{"val_loss", Direction::Minimize}, {"model_size_mb", Direction::Minimize}};
    s.space.params = {Param::floatRange("lr", 1e-5, 0.1, true), Param::floatRange("weight_decay", 1e-6, 1e-2, true),
                      Param::intRange("layers", 2, 12), Param::floatRange("dropout", 0.0, 0.7),
                      Param::categorical("optimizer", {"sgd", "adam", "rmsprop"})};
    s.algorithm = {"random", R"({"seed":1})"};
    s.budget.maxTrials = shape.trials;
    s.budget.maxResource = shape.steps;
    s.budget.resource = "epoch";
    std::mt19937_64 rng(shape.seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::normal_distribution<double> noise(0.0, 0.01);
    s.trials.reserve(static_cast<std::size_t>(shape.trials));
    for (int i = 0; i < shape.trials; ++i) {
        Trial t;
        t.id = "t" + std::to_string(i);
        t.number = i;
        const double lr = std::pow(10.0, -5 + 4 * u(rng));
        const double wd = std::pow(10.0, -6 + 4 * u(rng));
        const auto layers = static_cast<std::int64_t>(2 + std::floor(11 * u(rng)));
        const double dropout = 0.7 * u(rng);
        const char* optimizers[] = {"sgd", "adam", "rmsprop"};
        t.params = {{"lr", Value(lr)}, {"weight_decay", Value(wd)}, {"layers", Value(layers)},
                    {"dropout", Value(dropout)}, {"optimizer", Value(optimizers[i % 3])}};
        const double quality = std::exp(-std::pow(std::log10(lr) + 3, 2)) * (0.6 + 0.03 * layers) - 0.2 * dropout;
        const double ceiling = std::clamp(0.5 + 0.45 * quality, 0.1, 0.99);
        // Both curves exist before either is referenced: curveFor may move the curves it holds.
        t.curveFor("val_acc");
        if (shape.curves > 1)
            t.curveFor("val_loss");
        Curve& acc = t.curves[0].second;
        Curve* loss = shape.curves > 1 ? &t.curves[1].second : nullptr;
        double a = 0;
        for (int step = 1; step <= shape.steps; ++step) {
            a = ceiling * (1 - std::exp(-step / 12.0)) + noise(rng);
            acc.append(step, a, 1.7 * step + std::fabs(noise(rng)));
            if (loss)
                loss->append(step, 2.3 * std::exp(-step * ceiling / 15.0) + std::fabs(noise(rng)));
        }
        t.state = i % 17 == 0 ? TrialState::Pruned : TrialState::Complete;
        t.metrics = {{"val_acc", a}, {"val_loss", loss ? loss->values.back() : 0.0},
                     {"model_size_mb", 0.8 * static_cast<double>(layers)}};
        t.iteration = i;
        s.trials.push_back(std::move(t));
    }
    return s;
}

} // namespace tendril::bench
