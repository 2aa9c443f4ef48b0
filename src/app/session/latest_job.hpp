// Background work whose newest request is the only one that matters: loading the studies shown
// after the user changed the choice twice, refitting importance while a brush moves. run() starts
// the work on a thread pool; its result reaches deliver (on this object's thread) only when no
// newer run() was started meanwhile, so a stale result never overwrites a fresh one. Work runs to
// its end even when superseded (the core's loops are not interruptible everywhere); what it
// returns is then dropped.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace tendril::app {

class LatestJob : public QObject {
    Q_OBJECT

public:
    explicit LatestJob(QObject* parent = nullptr) : QObject(parent) {}

    // work() runs on the pool and must not touch widgets; deliver(result) or fail(message) runs
    // here. An exception thrown by work reaches fail with its what().
    template <class Work, class Deliver, class Fail>
    void run(Work work, Deliver deliver, Fail fail)
    {
        using Result = std::invoke_result_t<Work>;
        struct Outcome {
            std::optional<Result> value;
            QString error;
        };
        const quint64 generation = ++generation_;
        setBusy(true);
        auto* watcher = new QFutureWatcher<Outcome>(this);
        connect(watcher, &QFutureWatcherBase::finished, this,
                [this, watcher, generation, deliver = std::move(deliver), fail = std::move(fail)]() mutable {
                    watcher->deleteLater();
                    if (generation != generation_)
                        return;
                    setBusy(false);
                    Outcome outcome = watcher->result();
                    if (outcome.value)
                        deliver(std::move(*outcome.value));
                    else
                        fail(outcome.error);
                });
        watcher->setFuture(QtConcurrent::run([work = std::move(work)]() mutable {
            Outcome outcome;
            try {
                outcome.value.emplace(work());
            } catch (const std::exception& e) {
                outcome.error = QString::fromUtf8(e.what());
            }
            return outcome;
        }));
    }

    // Drops the result of whatever is running.
    void cancel()
    {
        ++generation_;
        setBusy(false);
    }

    bool busy() const { return busy_; }

signals:
    void busyChanged(bool busy);

private:
    void setBusy(bool busy)
    {
        if (busy == busy_)
            return;
        busy_ = busy;
        emit busyChanged(busy);
    }

    quint64 generation_ = 0;
    bool busy_ = false;
};

} // namespace tendril::app
