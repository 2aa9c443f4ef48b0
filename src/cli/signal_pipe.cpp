#include "signal_pipe.hpp"

#include "cli_args.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace tendril::cli {

namespace {

volatile sig_atomic_t writeEnd = -1;

} // namespace

void SignalPipe::handle(int signal)
{
    const int savedErrno = errno;
    const unsigned char byte = static_cast<unsigned char>(signal);
    if (writeEnd >= 0) {
        // A full pipe means many signals are pending already; dropping one changes nothing.
        [[maybe_unused]] const ssize_t written = ::write(writeEnd, &byte, 1);
    }
    errno = savedErrno;
}

SignalPipe::SignalPipe(std::function<void(int)> onSignal) : onSignal_(std::move(onSignal))
{
    if (::pipe2(fds_, O_CLOEXEC | O_NONBLOCK) != 0)
        throw CommandError(std::string("cannot set up signal handling: ") + std::strerror(errno));
    writeEnd = fds_[1];
    notifier_ = std::make_unique<QSocketNotifier>(fds_[0], QSocketNotifier::Read);
    QObject::connect(notifier_.get(), &QSocketNotifier::activated, [this] { drain(); });

    struct sigaction action {};
    action.sa_handler = &SignalPipe::handle;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, &previousInt_);
    ::sigaction(SIGTERM, &action, &previousTerm_);
}

SignalPipe::~SignalPipe()
{
    ::sigaction(SIGINT, &previousInt_, nullptr);
    ::sigaction(SIGTERM, &previousTerm_, nullptr);
    writeEnd = -1;
    notifier_.reset();
    ::close(fds_[0]);
    ::close(fds_[1]);
}

void SignalPipe::drain()
{
    unsigned char bytes[64];
    for (;;) {
        const ssize_t n = ::read(fds_[0], bytes, sizeof bytes);
        if (n <= 0)
            return;
        for (ssize_t i = 0; i < n; ++i)
            onSignal_(bytes[i]);
    }
}

} // namespace tendril::cli
