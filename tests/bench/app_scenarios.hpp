// The measurements of tendril_app_bench: opening a project in the real main window and changing the
// brush and the selection through the hub, timed until every view has repainted.
#pragma once

#include "app_paint_probe.hpp"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

class QEventLoop;
class QTimer;

namespace tendril::app {
class MainWindow;
}

namespace tendril::bench {

class AnalysisWatch;

// Milliseconds of repeated runs of one measurement.
struct Series {
    std::vector<double> ms;
    void add(double value) { ms.push_back(value); }
    double median() const;
    double max() const;
};

// What one change (a brush, a selection) cost, per repetition.
struct ChangeResult {
    Series allViews;   // from the change until the last view that reacted is on screen
    Series allViewsCpu;  // the GUI thread's CPU time over the same span
    Series hubSignal;  // the change call itself: the hub's signal and every view's handler of it
    Series curvesView; // until the curves view is on screen (when it reacted)
    Series curvesViewCpu;
    // Until the views drew the importance refit the change set off (brushes only), when there is one.
    Series analysisShown;
    std::map<QString, Series> viewShown;  // per view: until it is on screen
    std::map<QString, Series> viewPaint;  // per view: time inside its paint events
    std::map<QString, std::map<QString, double>> slowestPaintClasses;  // view -> widget class -> worst ms
};

struct OpenResult {
    Series openCall;       // MainWindow::openProject and the choice of shown studies, on the GUI thread
    Series firstDelivery;  // until the first table with every trial reached the hub (views updated)
    Series firstPaint;     // until the overview was on screen with every trial
    Series firstPaintCpu;  // the GUI thread's CPU time over the same span
    Series loaded;         // until the table with curves reached the hub
    Series loadedPainted;  // until every view had repainted after it (before the importance analysis)
    Series analysisShown;  // until the views drew the importance analysis of the table, when there is one
    int deliveries = 0;    // tables delivered per opening (1, or 2 when curves come second)
    double rssAfterFirstPaintMiB = 0;  // first opening
    double rssLoadedMiB = 0;           // first opening, after every view repainted
    double peakAfterFirstMiB = 0;      // VmHWM then
    std::vector<BusyEvent> firstTimeline;  // first opening, times relative to the open call
    std::map<QString, Series> viewPaintAfterLoad;  // time inside each view's paint events
    QStringList viewsOnScreen;  // the views that painted while opening: on screen, not behind a tab
};

struct BenchSetup {
    QString projectPath;
    QStringList studies;    // shown together
    std::size_t rows = 0;   // trials across them
    int width = 1920, height = 1080;
    int openRepeats = 5;
    int changeRepeats = 9;
};

class AppScenarios {
public:
    AppScenarios(PaintProbe& probe, app::MainWindow& window, BenchSetup setup);
    ~AppScenarios();
    AppScenarios(const AppScenarios&) = delete;
    AppScenarios& operator=(const AppScenarios&) = delete;

    OpenResult measureOpening();
    // Run after measureOpening (the project stays open). nextFrame: the hub's signal comes with its
    // next frame, as while dragging; otherwise the hub is flushed at once.
    ChangeResult measureBrush(bool nextFrame);
    ChangeResult measureSingleSelection();
    ChangeResult measureSelection200();

    // The timeline of the change that took longest in the last measureX, relative to its start.
    const std::vector<BusyEvent>& slowestChangeTimeline() const { return slowestTimeline_; }

private:
    void registerViews();
    // The registered views painted since the last reset: those on screen, not behind another tab.
    QStringList paintedViews() const;
    // Runs the event loop until done() holds after a frame reached the screen, or the time is up.
    bool runUntil(const std::function<bool()>& done, int timeoutMs);
    // Runs the event loop until no view has repainted for quietMs. False when the time is up first.
    bool runUntilQuiet(int quietMs, int timeoutMs);
    // Runs the event loop until the importance analysis is done and its result on screen.
    bool runUntilAnalysed(const AnalysisWatch& analysis);
    void settle();
    void frame();  // the probe's frame listener
    void checkDone();
    ChangeResult measureChanges(const std::function<void(int)>& change);

    PaintProbe& probe_;
    app::MainWindow& window_;
    BenchSetup setup_;
    std::vector<BusyEvent> slowestTimeline_;

    QEventLoop* loop_ = nullptr;      // runUntil's loop while it runs
    std::function<bool()> done_;
    QTimer* quiet_ = nullptr;         // runUntilQuiet's timer while it runs
    std::function<void()> onFrame_;   // the running measurement's own frame hook
};

double residentMiB();  // VmRSS
double peakResidentMiB();  // VmHWM

} // namespace tendril::bench
