#include "app_scenarios.hpp"

#include "main_window/main_window.hpp"
#include "main_window/workspace.hpp"
#include "session/importance_service.hpp"
#include "session/project_session.hpp"
#include "views/curves/curves_view.hpp"
#include "views/overview/histogram_chart.hpp"
#include "views/overview/overview_view.hpp"

#include <QDockWidget>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

namespace tendril::bench {

namespace {

// No view repainted for this long: whatever the change set off has reached the screen. Far longer
// than the hub's coalescing frame, the gap between queued layout and paint events and the views'
// background layer renders; shorter than the pause before the importance refit that a filter
// change schedules, which is analysis, not the views' response.
constexpr int kQuietMs = 300;
constexpr int kChangeTimeoutMs = 20000;
constexpr int kOpenTimeoutMs = 120000;
// Between measurements the process must be idle too (below this share of one core over a quiet
// spell), so that no background analysis of the last change competes with the next one.
constexpr double kIdleCpuShare = 0.05;
constexpr int kSettleTimeoutMs = 120000;

double toMs(std::int64_t ns)
{
    return static_cast<double>(ns) / 1e6;
}

std::int64_t processCpuNs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

double statusMiB(const char* field)
{
    std::ifstream status("/proc/self/status");
    const std::string prefix = std::string(field) + ":";
    for (std::string line; std::getline(status, line);)
        if (line.rfind(prefix, 0) == 0)
            return std::stod(line.substr(prefix.size())) / 1024.0;  // the kernel reports kB
    throw std::runtime_error(std::string("/proc/self/status: no ") + field + " line");
}

std::vector<BusyEvent> relativeTo(const std::vector<BusyEvent>& events, std::int64_t start)
{
    std::vector<BusyEvent> out;
    for (BusyEvent e : events) {
        if (e.endNs < start)
            continue;
        e.startNs -= start;
        e.endNs -= start;
        out.push_back(std::move(e));
    }
    return out;
}

// Whether every study of the table was read with its curves. A study is read whole, with or without
// them, and every trial of the benchmark's studies has curves, so the first trial of each tells.
bool hasCurves(const app::TrialTable& table)
{
    if (table.studyCount() == 0)
        return false;
    for (std::size_t s = 0; s < table.studyCount(); ++s)
        if (table.study(s).trials.empty() || table.study(s).trials.front().curves.empty())
            return false;
    return true;
}

std::size_t require(std::optional<std::size_t> column, const char* name)
{
    if (!column)
        throw std::runtime_error(std::string("the benchmark project's table has no column ") + name);
    return *column;
}

// When each view last reached the screen, as of some frame.
struct Shown {
    std::int64_t ns = -1;
    std::int64_t cpuNs = -1;
};

void snapshot(const PaintProbe& probe, std::vector<Shown>& shown)
{
    shown.resize(probe.views().size());
    for (std::size_t i = 0; i < shown.size(); ++i)
        shown[i] = {probe.views()[i].lastShownNs, probe.views()[i].lastShownCpuNs};
}

} // namespace

// The session's background importance analysis, when the views started one. A table or brush
// change schedules a refit after a pause; what the views draw once its result is in is analysis
// the change set off, not their response to it, and is timed apart.
class AnalysisWatch {
public:
    // accept: whether a result is the one waited for (by default, any).
    AnalysisWatch(app::ProjectSession& session, const PaintProbe& probe,
                  std::function<bool(const app::ImportanceResult&)> accept = {})
        : service_(session.findChild<app::ImportanceService*>())
    {
        if (!service_)
            return;
        // resultChanged also announces the reset of a new table; only a result counts.
        delivered_ = QObject::connect(service_, &app::ImportanceService::resultChanged,
                                      [this, &probe, accept = std::move(accept)] {
                                          const auto result = service_->result();
                                          if (deliveredNs_ < 0 && result && (!accept || accept(*result)))
                                              deliveredNs_ = probe.now();
                                      });
    }
    ~AnalysisWatch() { QObject::disconnect(delivered_); }
    AnalysisWatch(const AnalysisWatch&) = delete;
    AnalysisWatch& operator=(const AnalysisWatch&) = delete;

    bool exists() const { return service_ != nullptr; }
    bool delivered() const { return deliveredNs_ >= 0; }
    bool busy() const { return service_ && service_->busy(); }
    app::ImportanceService* service() const { return service_; }

private:
    app::ImportanceService* service_;
    QMetaObject::Connection delivered_;
    std::int64_t deliveredNs_ = -1;
};

double Series::median() const
{
    if (ms.empty())
        return 0;
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t n = sorted.size();
    return n % 2 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
}

double Series::max() const
{
    return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end());
}

double residentMiB()
{
    return statusMiB("VmRSS");
}

double peakResidentMiB()
{
    return statusMiB("VmHWM");
}

AppScenarios::AppScenarios(PaintProbe& probe, app::MainWindow& window, BenchSetup setup)
    : probe_(probe), window_(window), setup_(std::move(setup))
{
    probe_.setFrameListener([this] { frame(); });
}

AppScenarios::~AppScenarios()
{
    probe_.setFrameListener({});
    probe_.setPaintListener({});
}

void AppScenarios::frame()
{
    if (onFrame_)
        onFrame_();
    if (quiet_)
        quiet_->start();
    checkDone();
}

void AppScenarios::checkDone()
{
    if (loop_ && done_ && done_())
        loop_->quit();
}

void AppScenarios::registerViews()
{
    // Every dock of the workspace by the name --view knows it by, so views added later are timed too.
    const app::Workspace* ws = window_.workspace();
    probe_.clearViews();
    for (const QString& name : ws->viewNames())
        if (auto* dock = qobject_cast<QDockWidget*>(ws->view(name)))
            probe_.addView(name, dock->widget());
}

QStringList AppScenarios::paintedViews() const
{
    QStringList names;
    for (const ViewPaints& v : probe_.views())
        if (v.paints > 0)
            names << v.name;
    return names;
}

bool AppScenarios::runUntil(const std::function<bool()>& done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    bool timedOut = false;
    QTimer::singleShot(timeoutMs, &loop, [&] {
        timedOut = true;
        loop.quit();
    });
    loop_ = &loop;
    done_ = done;
    loop.exec();
    loop_ = nullptr;
    done_ = nullptr;
    return !timedOut;
}

bool AppScenarios::runUntilQuiet(int quietMs, int timeoutMs)
{
    QEventLoop loop;
    QTimer quiet;
    quiet.setSingleShot(true);
    quiet.setInterval(quietMs);
    QObject::connect(&quiet, &QTimer::timeout, &loop, &QEventLoop::quit);
    bool timedOut = false;
    QTimer::singleShot(timeoutMs, &loop, [&] {
        timedOut = true;
        loop.quit();
    });
    quiet_ = &quiet;
    quiet.start();
    loop.exec();
    quiet_ = nullptr;
    return !timedOut;
}

bool AppScenarios::runUntilAnalysed(const AnalysisWatch& analysis)
{
    if (!analysis.exists())
        return true;
    const QMetaObject::Connection idle =
        QObject::connect(analysis.service(), &app::ImportanceService::busyChanged, [this] { checkDone(); });
    const bool done = runUntil([&] { return !analysis.busy(); }, kOpenTimeoutMs) && runUntilQuiet(kQuietMs, kChangeTimeoutMs);
    QObject::disconnect(idle);
    return done;
}

void AppScenarios::settle()
{
    const std::int64_t deadline = probe_.now() + std::int64_t{kSettleTimeoutMs} * 1'000'000;
    for (;;) {
        const std::int64_t cpu = processCpuNs();
        const std::int64_t wall = probe_.now();
        if (!runUntilQuiet(kQuietMs, kChangeTimeoutMs))
            throw std::runtime_error("the views kept repainting for 20 s without any change");
        const double share = static_cast<double>(processCpuNs() - cpu) / static_cast<double>(probe_.now() - wall);
        if (share < kIdleCpuShare)
            return;
        if (probe_.now() > deadline)
            throw std::runtime_error("the app kept working for 120 s without any change");
    }
}

OpenResult AppScenarios::measureOpening()
{
    OpenResult result;
    for (int run = 0; run < setup_.openRepeats; ++run) {
        window_.closeProject();
        probe_.clearViews();
        settle();
        probe_.reset();

        std::int64_t firstDelivery = -1, firstPaint = -1, firstPaintCpu = -1, loaded = -1;
        bool overviewPainted = false;
        int deliveries = 0;
        double rssFirstPaint = 0;

        const std::int64_t start = probe_.now();
        const std::int64_t cpuStart = PaintProbe::threadCpuNs();
        const QString error = window_.openProject(setup_.projectPath);
        if (!error.isEmpty())
            throw std::runtime_error(error.toStdString());
        app::ProjectSession& session = *window_.session();
        // What `tendril PROJECT --study A --study B` does: open, then show the chosen studies.
        session.setSelectedStudies(setup_.studies);
        const std::int64_t opened = probe_.now();
        registerViews();
        app::OverviewView* overview = window_.workspace()->overviewView();
        if (!probe_.view(QStringLiteral("overview")))
            throw std::runtime_error("the workspace has no view named \"overview\"");

        // shownStudiesLoaded comes after the hub handed the table to the views (they rebuilt).
        const QMetaObject::Connection delivered =
            QObject::connect(&session, &app::ProjectSession::shownStudiesLoaded, [&] {
                const app::TrialTable& table = *session.hub().table();
                if (table.rows() != setup_.rows)
                    return;
                ++deliveries;
                const std::int64_t now = probe_.now();
                if (firstDelivery < 0)
                    firstDelivery = now;
                // The table with curves is the last one, whether it came first or second.
                if (loaded < 0 && hasCurves(table))
                    loaded = now;
            });
        const QMetaObject::Connection idle =
            QObject::connect(&session, &app::ProjectSession::loadingChanged, [this] { checkDone(); });
        probe_.setPaintListener([&](std::size_t, QWidget* widget) {
            if (overviewPainted || session.hub().table()->rows() != setup_.rows)
                return;
            const auto& charts = overview->charts();
            overviewPainted = std::find(charts.begin(), charts.end(), widget) != charts.end();
        });
        // The analysis of the last table; one of the first table may finish before it comes.
        AnalysisWatch analysis(session, probe_, [&](const app::ImportanceResult& r) {
            return r.table == session.hub().table() && r.table->rows() == setup_.rows && hasCurves(*r.table);
        });
        std::vector<Shown> response;
        onFrame_ = [&] {
            if (!analysis.delivered())
                snapshot(probe_, response);
            if (overviewPainted && firstPaint < 0) {
                const ViewPaints* shown = probe_.view(QStringLiteral("overview"));
                firstPaint = shown->lastShownNs;
                firstPaintCpu = shown->lastShownCpuNs;
                rssFirstPaint = residentMiB();
            }
        };
        const bool finished =
            runUntil([&] { return firstPaint >= 0 && loaded >= 0 && !session.loading(); }, kOpenTimeoutMs);
        // Every view's reaction to the last table reaches the screen, then the analysis's.
        const bool quiet = finished && runUntilQuiet(kQuietMs, kChangeTimeoutMs) && runUntilAnalysed(analysis);
        onFrame_ = nullptr;
        probe_.setPaintListener({});
        QObject::disconnect(delivered);
        QObject::disconnect(idle);
        if (!finished || !quiet)
            throw std::runtime_error("opening the project: within 120 s, the overview did not paint the trials, or "
                                     "the curves did not load, or the session stayed loading");

        std::int64_t responded = loaded, lastShown = loaded;
        for (const Shown& shown : response)
            responded = std::max(responded, shown.ns);
        for (const ViewPaints& v : probe_.views()) {
            lastShown = std::max(lastShown, v.lastShownNs);
            result.viewPaintAfterLoad[v.name].add(toMs(v.paintNs));
        }
        if (analysis.delivered())
            result.analysisShown.add(toMs(lastShown - start));
        result.openCall.add(toMs(opened - start));
        result.firstDelivery.add(toMs(firstDelivery - start));
        result.firstPaint.add(toMs(firstPaint - start));
        result.firstPaintCpu.add(toMs(firstPaintCpu - cpuStart));
        result.loaded.add(toMs(loaded - start));
        result.loadedPainted.add(toMs(responded - start));
        result.deliveries = std::max(result.deliveries, deliveries);
        if (run == 0) {
            result.viewsOnScreen = paintedViews();
            result.rssAfterFirstPaintMiB = rssFirstPaint;
            result.rssLoadedMiB = residentMiB();
            result.peakAfterFirstMiB = peakResidentMiB();
            result.firstTimeline = relativeTo(probe_.busyEvents(), start);
        }
    }
    return result;
}

ChangeResult AppScenarios::measureChanges(const std::function<void(int)>& change)
{
    ChangeResult result;
    double slowest = -1;
    for (int run = 0; run < setup_.changeRepeats; ++run) {
        settle();
        probe_.reset();
        const std::int64_t start = probe_.now();
        const std::int64_t cpuStart = PaintProbe::threadCpuNs();
        AnalysisWatch analysis(*window_.session(), probe_);
        std::vector<Shown> response;
        snapshot(probe_, response);
        onFrame_ = [&] {
            if (!analysis.delivered())
                snapshot(probe_, response);
        };
        change(run);
        const std::int64_t returned = probe_.now();
        const std::int64_t cpuReturned = PaintProbe::threadCpuNs();
        const bool quiet = runUntilQuiet(kQuietMs, kChangeTimeoutMs) && runUntilAnalysed(analysis);
        onFrame_ = nullptr;
        if (!quiet)
            throw std::runtime_error("a change kept the views repainting, or the analysis running, for 20 s");

        std::int64_t lastShown = returned;
        std::int64_t lastShownCpu = cpuReturned;
        std::int64_t lastOfAll = returned;
        for (std::size_t i = 0; i < probe_.views().size(); ++i) {
            const ViewPaints& v = probe_.views()[i];
            lastOfAll = std::max(lastOfAll, v.lastShownNs);
            if (response[i].ns < start)
                continue;  // did not react, or only to the analysis
            lastShown = std::max(lastShown, response[i].ns);
            lastShownCpu = std::max(lastShownCpu, response[i].cpuNs);
            result.viewShown[v.name].add(toMs(response[i].ns - start));
            result.viewPaint[v.name].add(toMs(v.paintNs));
            for (const auto& [cls, ns] : v.paintNsByClass) {
                double& worst = result.slowestPaintClasses[v.name][cls];
                worst = std::max(worst, toMs(ns));
            }
            if (v.name == QStringLiteral("curves")) {
                result.curvesView.add(toMs(response[i].ns - start));
                result.curvesViewCpu.add(toMs(response[i].cpuNs - cpuStart));
            }
        }
        if (analysis.delivered())
            result.analysisShown.add(toMs(lastOfAll - start));
        const double all = toMs(lastShown - start);
        result.allViews.add(all);
        result.allViewsCpu.add(toMs(lastShownCpu - cpuStart));
        result.hubSignal.add(toMs(returned - start));
        if (all > slowest) {
            slowest = all;
            slowestTimeline_ = relativeTo(probe_.busyEvents(), start);
        }
    }
    return result;
}

ChangeResult AppScenarios::measureBrush(bool nextFrame)
{
    app::SelectionHub& hub = window_.session()->hub();
    const app::TrialTable& table = *hub.table();
    const std::size_t accuracy = require(table.metricColumn("val_acc"), "val_acc");
    const std::size_t rate = require(table.paramColumn("lr"), "lr");
    // A brush as the overview and the trade-off plot set them: a range on the objective and one
    // on the log-scaled learning rate. Two brushes take turns so that every call is a change. The
    // source is none of the views', so every view filters by it.
    ChangeResult result = measureChanges([&](int run) {
        const double low = run % 2 ? 0.55 : 0.6;
        hub.setBrush(QStringLiteral("benchmark"), {{accuracy, low, 0.95, {}}, {rate, 1e-4, 1e-2, {}}});
        if (!nextFrame)
            hub.flush();
    });
    hub.clearAllBrushes();
    hub.flush();
    return result;
}

ChangeResult AppScenarios::measureSingleSelection()
{
    app::SelectionHub& hub = window_.session()->hub();
    const app::TrialTable& table = *hub.table();
    // One trial of each study in turn, as a click on a point would pick it.
    const std::size_t rows[] = {setup_.rows / 2 + 17, 7};
    return measureChanges([&](int run) { hub.setSelection({table.key(rows[run % 2])}); });
}

ChangeResult AppScenarios::measureSelection200()
{
    app::SelectionHub& hub = window_.session()->hub();
    const app::TrialTable& table = *hub.table();
    app::CurvesView* curves = window_.workspace()->curvesView();
    // Both metrics' curves, in two panels.
    curves->setCheckedMetrics({QStringLiteral("val_acc"), QStringLiteral("val_loss")});
    const std::size_t stride = setup_.rows / 200;
    std::set<app::TrialKey> sets[2];
    for (std::size_t i = 0; i < 200; ++i) {
        sets[0].insert(table.key(i * stride));
        sets[1].insert(table.key(i * stride + stride / 2));
    }
    ChangeResult result = measureChanges([&](int run) {
        hub.setSelection(sets[run % 2]);
    });
    const app::curves::CurveSet& drawn = curves->curveSet();
    if (drawn.trials.size() != 200 || drawn.drawnTrialCount() != 200 || drawn.metrics().size() != 2)
        throw std::runtime_error("the curves view does not show 200 selected trials x 2 metrics (it shows " +
                                 std::to_string(drawn.drawnTrialCount()) + " trials x " +
                                 std::to_string(drawn.metrics().size()) + " metrics)");
    hub.clearSelection();
    return result;
}

} // namespace tendril::bench
