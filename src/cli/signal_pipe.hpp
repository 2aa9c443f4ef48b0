// SIGINT and SIGTERM turned into events of the Qt event loop: the handler only writes the signal
// number into a pipe (async-signal-safe), and a socket notifier on the other end calls back from
// the loop, where stopping the runner is safe.
#pragma once

#include <QSocketNotifier>

#include <csignal>
#include <functional>
#include <memory>

namespace tendril::cli {

class SignalPipe {
public:
    // Installs the handlers; one SignalPipe at a time. Throws CommandError when the pipe cannot be
    // made.
    explicit SignalPipe(std::function<void(int signal)> onSignal);
    // Puts back the handlers that were there before.
    ~SignalPipe();
    SignalPipe(const SignalPipe&) = delete;
    SignalPipe& operator=(const SignalPipe&) = delete;

private:
    static void handle(int signal);
    void drain();

    std::function<void(int)> onSignal_;
    int fds_[2] = {-1, -1};
    std::unique_ptr<QSocketNotifier> notifier_;
    struct sigaction previousInt_ {};
    struct sigaction previousTerm_ {};
};

} // namespace tendril::cli
