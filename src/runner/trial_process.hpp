// One trial run as an operating-system process: started without a shell in a process group of its
// own, read as its output arrives, ended on request (SIGTERM, then SIGKILL after a grace period) or
// after its time limit, and reported once when it is gone.
#pragma once

#include "trial_launch.hpp"

#include <QProcess>
#include <QTimer>

#include <optional>
#include <string>
#include <vector>

namespace tendril::runner {

// How the process ended.
struct ProcessExit {
    enum class Kind { Exited, Signaled, FailedToStart };
    Kind kind = Kind::Exited;
    int code = 0;          // Exited: the exit code; Signaled: the signal number
    std::string message;   // FailedToStart: why
};

// "killed by signal 11 (SIGSEGV)".
std::string describeSignal(int signal);

class ProcessListener {
public:
    virtual ~ProcessListener() = default;
    virtual void onStdout(const char* data, std::size_t size) = 0;
    virtual void onStderr(const char* data, std::size_t size) = 0;
    // trial_timeout_seconds passed; the process keeps running until the listener ends it.
    virtual void onTimeout() = 0;
    // Called once, after the last output, never from inside start().
    virtual void onExit(const ProcessExit& exit) = 0;
};

struct ProcessSpec {
    std::string program;  // absolute path
    std::vector<std::string> arguments;
    EnvironmentList environment;  // the whole environment
    std::string workdir;
    std::optional<double> timeoutSeconds;
    double graceSeconds = 5.0;
};

class TrialProcess {
public:
    TrialProcess(ProcessSpec spec, ProcessListener& listener);
    // Kills a process still running (only when the runner itself goes away).
    ~TrialProcess();
    TrialProcess(const TrialProcess&) = delete;
    TrialProcess& operator=(const TrialProcess&) = delete;

    void start();
    // SIGTERM to the process group, SIGKILL after the grace period if it is still there.
    void terminate();
    // SIGKILL to the process group now.
    void kill();
    bool running() const { return process_.state() != QProcess::NotRunning; }
    qint64 pid() const { return pid_; }

private:
    void signalGroup(int signal);
    void deliverOutput();
    void ended(const ProcessExit& exit);

    ProcessSpec spec_;
    ProcessListener& listener_;
    QProcess process_;
    QTimer timeout_;
    QTimer grace_;
    qint64 pid_ = 0;
    bool exited_ = false;
};

} // namespace tendril::runner
