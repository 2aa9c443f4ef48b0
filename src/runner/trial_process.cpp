#include "trial_process.hpp"

#include <QProcessEnvironment>

#include <csignal>
#include <cstring>

#include <signal.h>
#include <sys/types.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <algorithm>
#include <limits>

namespace tendril::runner {

namespace {

int milliseconds(double seconds)
{
    const double ms = seconds * 1000.0;
    // QTimer takes an int; anything beyond ~24 days is "never" for a trial.
    return static_cast<int>(std::clamp(ms, 0.0, static_cast<double>(std::numeric_limits<int>::max())));
}

const char* signalName(int signal)
{
    switch (signal) {
    case SIGHUP: return "SIGHUP";
    case SIGINT: return "SIGINT";
    case SIGQUIT: return "SIGQUIT";
    case SIGILL: return "SIGILL";
    case SIGTRAP: return "SIGTRAP";
    case SIGABRT: return "SIGABRT";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGKILL: return "SIGKILL";
    case SIGUSR1: return "SIGUSR1";
    case SIGSEGV: return "SIGSEGV";
    case SIGUSR2: return "SIGUSR2";
    case SIGPIPE: return "SIGPIPE";
    case SIGALRM: return "SIGALRM";
    case SIGTERM: return "SIGTERM";
    case SIGXCPU: return "SIGXCPU";
    case SIGXFSZ: return "SIGXFSZ";
    case SIGSYS: return "SIGSYS";
    default: return nullptr;
    }
}

} // namespace

std::string describeSignal(int signal)
{
    std::string text = "killed by signal " + std::to_string(signal);
    if (const char* name = signalName(signal))
        text += std::string(" (") + name + ")";
    return text;
}

TrialProcess::TrialProcess(ProcessSpec spec, ProcessListener& listener) : spec_(std::move(spec)), listener_(listener)
{
    timeout_.setSingleShot(true);
    grace_.setSingleShot(true);
    QObject::connect(&timeout_, &QTimer::timeout, &process_, [this] {
        if (!exited_)
            listener_.onTimeout();
    });
    QObject::connect(&grace_, &QTimer::timeout, &process_, [this] {
        if (!exited_)
            signalGroup(SIGKILL);
    });
    QObject::connect(&process_, &QProcess::readyReadStandardOutput, &process_, [this] {
        const QByteArray data = process_.readAllStandardOutput();
        listener_.onStdout(data.constData(), static_cast<std::size_t>(data.size()));
    });
    QObject::connect(&process_, &QProcess::readyReadStandardError, &process_, [this] {
        const QByteArray data = process_.readAllStandardError();
        listener_.onStderr(data.constData(), static_cast<std::size_t>(data.size()));
    });
    QObject::connect(&process_, &QProcess::finished, &process_, [this](int code, QProcess::ExitStatus status) {
        ProcessExit exit;
        // On Unix, QProcess keeps the signal number as the exit code of a crashed process.
        exit.kind = status == QProcess::CrashExit ? ProcessExit::Kind::Signaled : ProcessExit::Kind::Exited;
        exit.code = code;
        ended(exit);
    });
    QObject::connect(&process_, &QProcess::errorOccurred, &process_, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;  // crashes and read errors end in finished()
        ProcessExit exit;
        exit.kind = ProcessExit::Kind::FailedToStart;
        exit.message = process_.errorString().toStdString();
        // Never from inside start(): the listener may be in the middle of launching.
        QMetaObject::invokeMethod(&process_, [this, exit] { ended(exit); }, Qt::QueuedConnection);
    });
}

TrialProcess::~TrialProcess()
{
    // No callbacks into a listener that may be going away too.
    process_.disconnect();
    timeout_.disconnect();
    grace_.disconnect();
    if (running()) {
        exited_ = true;
        signalGroup(SIGKILL);
        process_.waitForFinished(2000);
    }
}

void TrialProcess::start()
{
    process_.setProgram(QString::fromStdString(spec_.program));
    QStringList args;
    args.reserve(static_cast<qsizetype>(spec_.arguments.size()));
    for (const std::string& a : spec_.arguments)
        args.append(QString::fromStdString(a));
    process_.setArguments(args);
    QProcessEnvironment env;
    for (const auto& [name, value] : spec_.environment)
        env.insert(QString::fromStdString(name), QString::fromStdString(value));
    process_.setProcessEnvironment(env);
    process_.setWorkingDirectory(QString::fromStdString(spec_.workdir));
    process_.setStandardInputFile(QProcess::nullDevice());

    const pid_t runner = ::getpid();
    process_.setChildProcessModifier([runner] {
        // Runs in the child between fork and exec: async-signal-safe calls only. A group of its
        // own lets the runner end the script's helper processes too, and keeps a Ctrl-C on the
        // terminal from reaching trials directly (the runner stops them and records why).
        ::setpgid(0, 0);
#ifdef __linux__
        // A runner killed with SIGKILL cannot stop its trials; the kernel does it then.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != runner)
            ::_exit(127);
#else
        (void)runner;
#endif
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
    });
    process_.start(QIODevice::ReadOnly);
    pid_ = process_.processId();
    if (spec_.timeoutSeconds)
        timeout_.start(milliseconds(*spec_.timeoutSeconds));
}

void TrialProcess::signalGroup(int signal)
{
    if (pid_ <= 0 || process_.state() == QProcess::NotRunning)
        return;
    if (::kill(-static_cast<pid_t>(pid_), signal) != 0)
        ::kill(static_cast<pid_t>(pid_), signal);
}

void TrialProcess::terminate()
{
    if (exited_ || grace_.isActive())
        return;
    signalGroup(SIGTERM);
    grace_.start(milliseconds(spec_.graceSeconds));
}

void TrialProcess::kill()
{
    if (!exited_)
        signalGroup(SIGKILL);
}

void TrialProcess::ended(const ProcessExit& exit)
{
    if (exited_)
        return;
    // Output still buffered in QProcess arrives before the exit.
    const QByteArray out = process_.readAllStandardOutput();
    if (!out.isEmpty())
        listener_.onStdout(out.constData(), static_cast<std::size_t>(out.size()));
    const QByteArray err = process_.readAllStandardError();
    if (!err.isEmpty())
        listener_.onStderr(err.constData(), static_cast<std::size_t>(err.size()));
    exited_ = true;
    timeout_.stop();
    grace_.stop();
    // Helper processes the script left behind would keep its pipes and files busy.
    if (pid_ > 0)
        ::kill(-static_cast<pid_t>(pid_), SIGKILL);
    listener_.onExit(exit);
}

} // namespace tendril::runner
