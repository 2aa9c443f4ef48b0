#include "tendril/engine/forest.hpp"

#include "forest_tree_builder.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

namespace tendril::engine {
namespace {

void requireAtLeast(const char* option, int value, int minimum, const char* meaning = nullptr)
{
    if (value >= minimum)
        return;
    std::string message = std::string(option) + " must be ";
    message += meaning ? meaning : "at least " + std::to_string(minimum);
    throw std::invalid_argument(message + ", got " + std::to_string(value));
}

int threadCount(const ForestOptions& options)
{
    int threads = options.threads;
    if (threads == 0)
        threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return std::min(threads, options.trees);
}

void checkFits(const Dataset& data, const ForestOptions& options)
{
    if (data.rows() == 0)
        throw std::invalid_argument("cannot fit a forest: the dataset has no rows");
    // Node sample counts are ints and sample rows are renumbered in 32 bits.
    if (data.rows() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        throw std::invalid_argument("cannot fit a forest: the dataset has " +
                                    std::to_string(data.rows()) + " rows, at most " +
                                    std::to_string(std::numeric_limits<int>::max()) +
                                    " are supported");
    if (static_cast<std::size_t>(options.maxFeatures) > data.cols())
        throw std::invalid_argument("maxFeatures must be at most the dataset's " +
                                    std::to_string(data.cols()) + " columns, got " +
                                    std::to_string(options.maxFeatures));
}

} // namespace

void ForestOptions::validate() const
{
    requireAtLeast("trees", trees, 1);
    requireAtLeast("maxDepth", maxDepth, 1);
    requireAtLeast("minSamplesSplit", minSamplesSplit, 2);
    requireAtLeast("minSamplesLeaf", minSamplesLeaf, 1);
    requireAtLeast("maxFeatures", maxFeatures, 0, "0 (all columns) or positive");
    requireAtLeast("threads", threads, 0, "0 (all cores) or positive");
}

Forest fitForest(const Dataset& data, const ForestOptions& options, const Control& control)
{
    options.validate();
    checkFits(data, options);
    control.throwIfCancelled();

    const detail::SortedColumns sorted(data);
    Forest forest;
    forest.trees.resize(static_cast<std::size_t>(options.trees));

    std::atomic<int> nextTree{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;  // guards the fields below and serialises progress calls
    int finished = 0;
    std::exception_ptr failure;

    const auto work = [&] {
        try {
            detail::TreeBuilder builder(data, sorted, options, control);
            for (;;) {
                const int t = nextTree.fetch_add(1, std::memory_order_relaxed);
                if (t >= options.trees || stop.load(std::memory_order_relaxed))
                    return;
                control.throwIfCancelled();
                forest.trees[static_cast<std::size_t>(t)] =
                    builder.build(detail::treeSeed(options.seed, static_cast<std::uint64_t>(t)));
                const std::lock_guard lock(mutex);
                ++finished;
                control.report(static_cast<double>(finished) / options.trees);
            }
        } catch (...) {
            const std::lock_guard lock(mutex);
            if (!failure)
                failure = std::current_exception();
            stop = true;
        }
    };

    const int threads = threadCount(options);
    std::vector<std::thread> workers;
    workers.reserve(static_cast<std::size_t>(threads - 1));
    try {
        for (int i = 1; i < threads; ++i)
            workers.emplace_back(work);
    } catch (...) {
        // Could not start another thread: fall through with those already running.
    }
    work();
    for (std::thread& worker : workers)
        worker.join();
    if (failure)
        std::rethrow_exception(failure);
    return forest;
}

double predict(const Forest& forest, std::span<const double> row)
{
    if (forest.trees.empty())
        throw std::invalid_argument("cannot predict with a forest that has no trees");
    double sum = 0.0;
    for (const Tree& tree : forest.trees)
        sum += tree.predict(row.data());
    return sum / static_cast<double>(forest.trees.size());
}

double predict(const Forest& forest, const Dataset& data, std::size_t row)
{
    if (forest.trees.empty())
        throw std::invalid_argument("cannot predict with a forest that has no trees");
    if (row >= data.rows())
        throw std::out_of_range("dataset row " + std::to_string(row) + " out of range (" +
                                std::to_string(data.rows()) + " rows)");
    double sum = 0.0;
    for (const Tree& tree : forest.trees)
        sum += tree.predict(data.x().data() + row, data.rows());
    return sum / static_cast<double>(forest.trees.size());
}

std::vector<double> predict(const Forest& forest, const Dataset& data)
{
    std::vector<double> predictions(data.rows());
    for (std::size_t row = 0; row < data.rows(); ++row)
        predictions[row] = predict(forest, data, row);
    return predictions;
}

} // namespace tendril::engine
