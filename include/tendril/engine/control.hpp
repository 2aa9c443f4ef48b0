// Progress and cancellation for long analyses, so a GUI can run them in the background and drop
// work whose input has changed.
#pragma once

#include <atomic>
#include <functional>
#include <stdexcept>

namespace tendril::engine {

// Thrown out of an analysis whose Control asked it to stop.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("analysis cancelled") {}
};

struct Control {
    // Polled between units of work (a tree, a pair); may be called from worker threads.
    const std::atomic<bool>* cancel = nullptr;
    // Fraction done in [0, 1]; called from the thread that started the analysis or a worker, so it
    // must be thread-safe (the GUI posts it to its own thread).
    std::function<void(double)> progress;

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
    void throwIfCancelled() const
    {
        if (cancelled())
            throw Cancelled();
    }
    void report(double fraction) const
    {
        if (progress)
            progress(fraction);
    }
};

} // namespace tendril::engine
