#include "fanova_parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <system_error>
#include <thread>
#include <vector>

namespace tendril::engine::detail {

TreeScheduler::TreeScheduler(int threads, std::size_t items, const Control& control)
    : control_(control), items_(items)
{
    std::size_t wanted = threads > 0 ? static_cast<std::size_t>(threads)
                                     : static_cast<std::size_t>(std::thread::hardware_concurrency());
    workers_ = std::clamp<std::size_t>(wanted, 1, std::max<std::size_t>(items, 1));
}

void TreeScheduler::run(std::size_t begin, std::size_t end,
                        const std::function<void(std::size_t, std::size_t)>& work)
{
    std::atomic<std::size_t> next{begin};
    std::atomic<bool> stop{false};
    std::mutex errorMutex;
    std::exception_ptr error;
    auto fail = [&](std::exception_ptr e) {
        std::lock_guard lock(errorMutex);
        if (!error)
            error = std::move(e);
        stop.store(true);
    };
    auto loop = [&](std::size_t worker) {
        while (!stop.load()) {
            if (control_.cancelled()) {
                fail(std::make_exception_ptr(Cancelled()));
                return;
            }
            const std::size_t item = next.fetch_add(1);
            if (item >= end)
                return;
            try {
                work(item, worker);
                // Under the lock, so the reports arrive in increasing order.
                std::lock_guard lock(progressMutex_);
                ++done_;
                control_.report(static_cast<double>(done_) / static_cast<double>(items_));
            } catch (...) {
                fail(std::current_exception());
                return;
            }
        }
    };

    const std::size_t helpers = std::min(workers_, end > begin ? end - begin : 0);
    std::vector<std::thread> threads;
    threads.reserve(helpers > 0 ? helpers - 1 : 0);
    try {
        for (std::size_t w = 1; w < helpers; ++w)
            threads.emplace_back(loop, w);
    } catch (const std::system_error&) {
        // Items are handed out one by one, so the threads that did start still do all of them.
    }
    loop(0);
    for (std::thread& t : threads)
        t.join();
    if (error)
        std::rethrow_exception(error);
}

} // namespace tendril::engine::detail
