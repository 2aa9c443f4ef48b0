// Tree-by-tree parallelism for the fANOVA analyses. Each tree's result goes to its own slot and is
// combined in tree order afterwards, so results never depend on the number of threads.
#pragma once

#include "tendril/engine/control.hpp"

#include <cstddef>
#include <functional>
#include <mutex>

namespace tendril::engine::detail {

class TreeScheduler {
public:
    // threads <= 0: std::thread::hardware_concurrency(). Never more workers than items.
    TreeScheduler(int threads, std::size_t items, const Control& control);

    std::size_t workers() const { return workers_; }

    // Calls work(item, worker) for every item in [begin, end) on the workers, worker in
    // [0, workers()), the calling thread being one of them. Checks for cancellation before each
    // item and reports progress over all items after each, increasing. Rethrows the first
    // exception of a worker (Cancelled when the control asked to stop) after all have returned.
    void run(std::size_t begin, std::size_t end,
             const std::function<void(std::size_t item, std::size_t worker)>& work);

private:
    const Control& control_;
    std::size_t items_ = 0;
    std::size_t workers_ = 1;
    std::size_t done_ = 0;
    std::mutex progressMutex_;
};

} // namespace tendril::engine::detail
