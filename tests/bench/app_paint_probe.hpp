// Instruments the desktop app's event loop for tendril_app_bench: when each view's widgets are
// painted and for how long, and which other events kept the GUI thread busy.
//
// A paint is attributed to a view when the painted widget is the view or lies inside it. A view
// counts as "on screen" at the end of the outermost event that painted it (the UpdateRequest that
// repaints the window and flushes the backing store), which is when a user would see the frame.
#pragma once

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QString>

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

class QThread;
class QWidget;

namespace tendril::bench {

// One outermost event that took long enough to matter, for the timeline of a measurement.
struct BusyEvent {
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
    QEvent::Type type = QEvent::None;
    QString receiver;  // class name, and object name when it has one
};

struct ViewPaints {
    QString name;
    QWidget* root = nullptr;
    int paints = 0;               // paint events of the view's widgets since reset()
    std::int64_t paintNs = 0;     // time spent in them
    std::int64_t lastShownNs = -1;  // end of the last outermost event that painted the view
    std::int64_t lastShownCpuNs = -1;  // the GUI thread's CPU time then
    std::map<QString, std::int64_t> paintNsByClass;  // widget class -> time, for breakdowns
};

class PaintProbe {
public:
    static constexpr std::int64_t kBusyEventThresholdNs = 1'000'000;

    // Construct on the thread that will run the GUI (before the application object).
    PaintProbe();

    // Nanoseconds on the probe's monotonic clock; every recorded time uses it.
    std::int64_t now() const { return clock_.nsecsElapsed(); }
    // CPU time of the calling thread: unlike wall time, it does not grow when other processes
    // compete for the cores.
    static std::int64_t threadCpuNs();

    void addView(const QString& name, QWidget* root);
    void clearViews() { views_.clear(); }
    const std::vector<ViewPaints>& views() const { return views_; }
    const ViewPaints* view(const QString& name) const;

    // Forgets paints and busy events recorded so far (the views stay registered).
    void reset();
    const std::vector<BusyEvent>& busyEvents() const { return busy_; }

    // Called after every paint of a registered view's widget, with the widget and the view's index.
    void setPaintListener(std::function<void(std::size_t view, QWidget* widget)> listener)
    {
        listener_ = std::move(listener);
    }
    // Called at the end of every outermost event during which some view painted.
    void setFrameListener(std::function<void()> listener) { frameListener_ = std::move(listener); }

    // The hooks ProbedApplication::notify calls.
    bool deliver(QObject* receiver, QEvent* event, const std::function<bool()>& send);

private:
    int viewOf(const QWidget* widget) const;

    QElapsedTimer clock_;
    const QThread* guiThread_;  // only its events are recorded; workers' go straight through
    std::vector<ViewPaints> views_;
    std::vector<BusyEvent> busy_;
    std::vector<std::size_t> paintedInFrame_;
    int depth_ = 0;
    std::function<void(std::size_t, QWidget*)> listener_;
    std::function<void()> frameListener_;
};

// The application object of the benchmark: QApplication whose event delivery goes through a probe.
class ProbedApplication : public QApplication {
public:
    ProbedApplication(int& argc, char** argv, PaintProbe& probe) : QApplication(argc, argv), probe_(probe) {}

    bool notify(QObject* receiver, QEvent* event) override
    {
        return probe_.deliver(receiver, event, [&] { return QApplication::notify(receiver, event); });
    }

private:
    PaintProbe& probe_;
};

} // namespace tendril::bench
