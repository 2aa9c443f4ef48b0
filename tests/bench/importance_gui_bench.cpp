// How long the GUI thread is kept from its event loop while importance is recomputed and shown
// (issue 6: "importance refresh on 10,000 trials never blocks the GUI thread for more than 16 ms").
//
// A real project file with one study of 10,000 trials and 7 parameters (two log-scaled floats, an
// int, a float, two categoricals) is opened in a real ProjectSession, and the real ImportanceView is
// shown at 1200x800 under the offscreen platform. A 1 ms QTimer probes the event loop: each gap
// between two of its ticks is how long the loop could not turn. The application object also times
// every event it delivers, so the longest single piece of GUI-thread work is named.
//
// Scenes: (0) the first analysis after the project opens; (a) a brush dragged on another view
// (30 moves, one per frame) then released, several times, so the service refits in the background;
// (b) choosing rows one after another, each computing its marginal curve or pair table off the GUI
// thread and rebuilding the detail. Reported per scene: the longest gap and the 99th percentile of
// gaps, the longest event, and the time until the fresh result (and its detail) is on screen.
//
// usage: tendril_importance_gui_bench [--trials N] [--repeats N] [--work DIR] [--screenshot PNG]
#include "synthetic_runs.hpp"

#include "session/importance_service.hpp"
#include "session/project_session.hpp"
#include "style/app_style.hpp"
#include "style/plot_colors.hpp"
#include "tendril/core/random.hpp"
#include "tendril/store/project.hpp"
#include "views/importance/detail_layers.hpp"
#include "views/importance/detail_plot.hpp"
#include "views/importance/importance_terms.hpp"
#include "views/importance/importance_view.hpp"
#include "views/importance/matrix_plot.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

using namespace tendril;
using namespace tendril::app;
namespace fs = std::filesystem;

namespace {

const char* eventTypeName(QEvent::Type type)
{
    switch (type) {
    case QEvent::MetaCall: return "queued call";
    case QEvent::Timer: return "timer";
    case QEvent::UpdateRequest: return "repaint";
    case QEvent::Paint: return "paint";
    case QEvent::LayoutRequest: return "layout";
    case QEvent::Resize: return "resize";
    case QEvent::Show: return "show";
    case QEvent::Polish: return "polish";
    case QEvent::DeferredDelete: return "deferred delete";
    default: return "other event";
    }
}

struct Options {
    int trials = 10000;
    int repeats = 5;
    std::string work;
    std::string screenshot;  // when set, a picture of the view at the end, to look at
};

// The longest event the GUI thread delivered while recording, and what it was.
struct LongestEvent {
    double ms = 0.0;
    double cpuMs = 0.0;  // the GUI thread's CPU time in it: the rest is waiting for a core
    QEvent::Type type = QEvent::None;
    QString receiver;
};

double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

class ProbedApplication : public QApplication {
public:
    ProbedApplication(int& argc, char** argv) : QApplication(argc, argv) { clock_.start(); }

    bool notify(QObject* receiver, QEvent* event) override
    {
        if (depth_++ > 0) {
            // Paints happen inside the window's repaint: time each widget's own, for the breakdown.
            const bool paint = recording && event->type() == QEvent::Paint;
            const double cpuStart = paint ? threadCpuMs() : 0.0;
            const QString name = paint ? QString::fromLatin1(receiver->metaObject()->className()) : QString();
            const bool handled = QApplication::notify(receiver, event);
            if (paint) {
                double& worst = slowestPaintCpu[name];
                worst = std::max(worst, threadCpuMs() - cpuStart);
            }
            --depth_;
            return handled;
        }
        const qint64 start = clock_.nsecsElapsed();
        const double cpuStart = recording ? threadCpuMs() : 0.0;
        const QEvent::Type type = event->type();  // the event may be gone after delivery
        const QString name = receiver ? QString::fromLatin1(receiver->metaObject()->className()) : QString();
        const bool handled = QApplication::notify(receiver, event);
        --depth_;
        const double ms = (clock_.nsecsElapsed() - start) / 1e6;
        if (recording) {
            const double cpu = threadCpuMs() - cpuStart;
            if (ms > longest.ms)
                longest = {ms, cpu, type, name};
            if (cpu > longestCpu.cpuMs)
                longestCpu = {ms, cpu, type, name};
        }
        return handled;
    }

    bool recording = false;
    LongestEvent longest;     // by wall time
    LongestEvent longestCpu;  // by the GUI thread's own CPU time: the work it did
    std::map<QString, double> slowestPaintCpu;  // widget class -> the most CPU one paint took

private:
    QElapsedTimer clock_;
    int depth_ = 0;
};

// Gaps between the ticks of a 1 ms timer: how long the event loop could not turn.
class LoopProbe {
public:
    explicit LoopProbe(ProbedApplication& app) : app_(app)
    {
        timer_.setTimerType(Qt::PreciseTimer);
        timer_.setInterval(1);
        QObject::connect(&timer_, &QTimer::timeout, [this] { tick(); });
        clock_.start();
    }

    void start()
    {
        gaps_.clear();
        app_.longest = {};
        app_.longestCpu = {};
        app_.slowestPaintCpu.clear();
        app_.recording = true;
        last_ = clock_.nsecsElapsed();
        timer_.start();
    }
    void stop()
    {
        timer_.stop();
        app_.recording = false;
    }
    double nowMs() const { return clock_.nsecsElapsed() / 1e6; }

    // Runs the loop until done() holds (checked every tick) or timeoutMs passes; false on timeout.
    bool runUntil(const std::function<bool()>& done, int timeoutMs)
    {
        QEventLoop loop;
        done_ = [&] {
            if (done())
                loop.quit();
        };
        QTimer::singleShot(timeoutMs, &loop, [&] { loop.exit(1); });
        const int code = done() ? 0 : loop.exec();
        done_ = nullptr;
        return code == 0;
    }

    double maxGap() const { return gaps_.empty() ? 0.0 : *std::max_element(gaps_.begin(), gaps_.end()); }
    double percentile(double q) const
    {
        if (gaps_.empty())
            return 0.0;
        std::vector<double> sorted = gaps_;
        std::sort(sorted.begin(), sorted.end());
        return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(q * static_cast<double>(sorted.size())))];
    }
    std::size_t ticks() const { return gaps_.size(); }

private:
    void tick()
    {
        const qint64 now = clock_.nsecsElapsed();
        gaps_.push_back((now - last_) / 1e6);
        last_ = now;
        if (done_)
            done_();
    }

    ProbedApplication& app_;
    QTimer timer_;
    QElapsedTimer clock_;
    qint64 last_ = 0;
    std::vector<double> gaps_;
    std::function<void()> done_;
};

Study benchStudy(int trials)
{
    Study s = bench::makeSyntheticStudy("sweep", {trials, 3, 1, 7});
    const std::vector<Value> batchSizes = {Value(32), Value(64), Value(128), Value(256)};
    s.space.params.push_back(Param::categorical("batch_size", batchSizes));
    s.space.params.push_back(Param::floatRange("momentum", 0.8, 0.99));
    Xoshiro256 rng(7);
    for (Trial& t : s.trials) {
        t.setParam("batch_size", batchSizes[rng.below(batchSizes.size())]);
        t.setParam("momentum", Value(rng.uniform(0.8, 0.99)));
    }
    return s;
}

struct Scene {
    std::string name;
    double maxGapMs = 0;
    double p99GapMs = 0;
    std::size_t ticks = 0;
    LongestEvent longest;
    LongestEvent longestCpu;
    std::vector<double> freshMs;   // until the fresh result reached the view
    std::vector<double> detailMs;  // until its detail was on screen
    std::map<QString, double> slowestPaintCpu;
};

void record(Scene& scene, const LoopProbe& probe, const ProbedApplication& app)
{
    scene.maxGapMs = probe.maxGap();
    scene.p99GapMs = probe.percentile(0.99);
    scene.ticks = probe.ticks();
    scene.longest = app.longest;
    scene.longestCpu = app.longestCpu;
    scene.slowestPaintCpu = app.slowestPaintCpu;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double maximum(const std::vector<double>& v)
{
    return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end());
}

bool parseOptions(int argc, char** argv, Options& o)
{
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if ((arg == "--trials" || arg == "--repeats") && i + 1 < argc) {
            const int value = std::atoi(argv[++i]);
            if (value < 1) {
                std::fprintf(stderr, "%s: expected a whole number >= 1, got \"%s\"\n", arg.c_str(), argv[i]);
                return false;
            }
            (arg == "--trials" ? o.trials : o.repeats) = value;
        } else if (arg == "--work" && i + 1 < argc) {
            o.work = argv[++i];
        } else if (arg == "--screenshot" && i + 1 < argc) {
            o.screenshot = argv[++i];
        } else {
            std::fprintf(stderr, "usage: %s [--trials N] [--repeats N] [--work DIR] [--screenshot PNG]\n", argv[0]);
            return false;
        }
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    Options options;
    if (!parseOptions(argc, argv, options))
        return 2;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    ProbedApplication app(argc, argv);
    app.setOrganizationName(QStringLiteral("Tendril"));
    app.setApplicationName(QStringLiteral("tendril-importance-bench"));
    applyAppStyle(app);

    const fs::path work = options.work.empty() ? fs::temp_directory_path() / ("tendril-importance-bench-" + std::to_string(::getpid()))
                                               : fs::path(options.work);
    fs::create_directories(work);
    const fs::path file = work / "importance.tendril";
    fs::remove(file);
    Project(file.string(), OpenMode::CreateIfMissing).addStudies({benchStudy(options.trials)});

    LoopProbe probe(app);
    std::vector<Scene> scenes;
    int failures = 0;
    {
        ProjectSession session(QString::fromStdString(file.string()), OpenMode::ReadOnly);
        session.setWatchInterval(0);
        ImportanceService& service = ImportanceService::of(session);
        session.setSelectedStudies({QStringLiteral("sweep")});
        if (!session.waitUntilLoaded(120000)) {
            std::fprintf(stderr, "error: the study did not load\n");
            return 1;
        }
        SelectionHub& hub = session.hub();
        importance::ImportanceView view(session);
        bool detailShown = false;
        QObject::connect(&view, &importance::ImportanceView::detailShown, [&] { detailShown = true; });
        bool resultArrived = false;
        double resultAt = 0;
        QObject::connect(&service, &ImportanceService::resultChanged, [&] {
            if (service.result() && service.result()->table == hub.table()) {
                resultArrived = true;
                resultAt = probe.nowMs();
            }
        });
        // On screen: the view shows the newest analysis, its detail is computed and its picture drawn.
        const auto onScreen = [&] { return !view.detailPending() && !view.detail()->layerPending(); };
        const auto fresh = [&] {
            return resultArrived && !service.busy() && view.shownResult() == service.result() && detailShown && onScreen();
        };

        // (0) The first analysis of the opened study, with the view on screen.
        Scene first{"first analysis after opening (view shown)", 0, 0, 0, {}, {}, {}, {}, {}};
        probe.start();
        const double shownAt = probe.nowMs();
        view.resize(1200, 800);
        view.show();
        if (!probe.runUntil(fresh, 120000))
            ++failures;
        probe.stop();
        record(first, probe, app);
        first.freshMs.push_back(resultAt - shownAt);
        first.detailMs.push_back(probe.nowMs() - shownAt);
        const double engineSeconds = service.result() ? service.result()->report.seconds : 0.0;
        // How finely the forest cuts the most important parameter: the cells a marginal curve has
        // before it is averaged down for the screen.
        std::size_t curveCells = 0;
        if (service.result() && service.result()->report.model && !service.result()->report.params.empty())
            curveCells = service.result()->report.model->curve(service.result()->report.params.front().name).cells();
        const std::size_t analysed = service.result() ? service.result()->report.trialsUsed : 0;
        scenes.push_back(first);

        // (a) A brush dragged on another view over the learning rate, then left to rest.
        Scene brush{"brush dragged elsewhere, then the refit", 0, 0, 0, {}, {}, {}, {}, {}};
        const std::size_t lr = *hub.table()->paramColumn("lr");
        const std::size_t dropout = *hub.table()->paramColumn("dropout");
        probe.start();
        for (int r = 0; r < options.repeats; ++r) {
            for (int step = 0; step < 30; ++step) {
                const double high = std::pow(10.0, -4.0 + 3.0 * (step + 1) / 30.0 - 0.2 * (r % 3));
                hub.setBrush(QStringLiteral("space"), {{lr, 1e-5, high, {}}, {dropout, 0.0, 0.3 + 0.05 * (r % 5), {}}});
                probe.runUntil([] { return false; }, 16);
            }
            const double releasedAt = probe.nowMs();
            resultArrived = detailShown = false;
            if (!probe.runUntil(fresh, 60000))
                ++failures;
            brush.freshMs.push_back(resultAt - releasedAt);
            brush.detailMs.push_back(probe.nowMs() - releasedAt);
        }
        probe.stop();
        record(brush, probe, app);
        scenes.push_back(brush);

        // (b) Rows chosen one after another: singles (numeric, log, categorical) and pairs.
        Scene rows{"choosing rows (curve or pair table each)", 0, 0, 0, {}, {}, {}, {}, {}};
        const importance::ImportanceMatrix& matrix = view.matrix()->matrix();
        std::vector<importance::TermKey> keys;
        for (const auto& term : matrix.terms)
            keys.push_back(term.key);
        probe.start();
        for (int r = 0; r < options.repeats; ++r)
            for (std::size_t k = 0; k < keys.size() && k < 12; ++k) {
                if (view.currentTerm() == keys[k])
                    continue;  // already shown: choosing it again computes nothing
                detailShown = false;
                const double chosenAt = probe.nowMs();
                view.chooseTerm(keys[k]);
                if (!probe.runUntil([&] { return detailShown && onScreen(); }, 60000))
                    ++failures;
                rows.detailMs.push_back(probe.nowMs() - chosenAt);
            }
        probe.stop();
        record(rows, probe, app);
        scenes.push_back(rows);
        // What drawing the trials' picture would cost the GUI thread if it were drawn there: the
        // reason it is drawn on a worker above DetailPlot::kBackgroundLayerPoints trials.
        std::vector<double> layerMs;
        view.chooseTerm(keys.front());  // the most important single: a marginal band under the dots
        probe.runUntil([&] { return onScreen(); }, 60000);
        if (view.detail()->hasScene()) {
            const auto& scene = view.detail()->scene();
            importance::LayerInput input;
            input.scene = &scene;
            input.size = view.detail()->size();
            input.colors = PlotColors::of(*view.detail());
            for (int r = 0; r < 5; ++r) {
                importance::DotSprites sprites;
                QElapsedTimer timer;
                timer.start();
                const QImage image = importance::renderDataLayer(input, sprites);
                layerMs.push_back(timer.nsecsElapsed() / 1e6);
            }
        }
        if (!options.screenshot.empty()) {
            probe.runUntil([&] { return onScreen() && !view.detail()->layerPending(); }, 60000);
            view.grab().save(QString::fromStdString(options.screenshot));
        }

        std::printf("## Importance views (%d trials × %zu parameters, %d cores, offscreen, 1200x800)\n\n", options.trials,
                    hub.table()->study(0).space.size(), static_cast<int>(std::thread::hardware_concurrency()));
        std::printf("Analysis: %zu trials analysed, 64 trees, singles and all pairs, %.2f s in the engine; the most "
                    "important parameter's marginal curve has %zu cells.\n\n",
                    analysed, engineSeconds, curveCells);
        std::printf("| scene | longest loop gap | 99th percentile gap | longest GUI event (wall / GUI-thread CPU) | "
                    "most GUI-thread CPU in one event | fresh result after | detail on screen after |\n"
                    "|---|---|---|---|---|---|---|\n");
        for (const Scene& s : scenes) {
            std::printf("| %s | %.1f ms | %.1f ms | %.1f / %.1f ms (%s, %s) | %.1f ms (%s, %s) | ", s.name.c_str(),
                        s.maxGapMs, s.p99GapMs, s.longest.ms, s.longest.cpuMs, qPrintable(s.longest.receiver),
                        eventTypeName(s.longest.type), s.longestCpu.cpuMs, qPrintable(s.longestCpu.receiver),
                        eventTypeName(s.longestCpu.type));
            if (s.freshMs.empty())
                std::printf("— | ");
            else
                std::printf("%.0f ms median, %.0f ms max | ", median(s.freshMs), maximum(s.freshMs));
            std::printf("%.0f ms median, %.0f ms max |\n", median(s.detailMs), maximum(s.detailMs));
        }
        if (!layerMs.empty())
            std::printf("\nThe marginal plot's picture of %zu trials drawn in one go: %.1f ms median (on a worker thread "
                        "in the view).\n",
                        view.detail()->scene().points.rows.size(), median(layerMs));
        std::printf("\nMost GUI-thread CPU in one paint, per widget class (ms):\n");
        for (const Scene& s : scenes) {
            std::printf("- %s:", s.name.c_str());
            for (const auto& [name, ms] : s.slowestPaintCpu)
                if (ms >= 0.5)
                    std::printf(" %s %.1f;", qPrintable(name), ms);
            std::printf("\n");
        }
        std::printf("\nTicks probed: ");
        for (const Scene& s : scenes)
            std::printf("%zu ", s.ticks);
        std::printf("\n");
    }
    if (options.work.empty())
        fs::remove_all(work);
    if (failures > 0) {
        std::fprintf(stderr, "error: %d waits timed out\n", failures);
        return 1;
    }
    return 0;
}
