// The desktop app's responsiveness on a large project (issue 5's targets), measured on the real
// main window and views under the offscreen Qt platform: a project of 10,000 trials (two studies of
// 5,000, 6 parameters, 3 metrics, 100-step curves of val_acc and val_loss) is opened in the
// application window at 1920x1080, then brushed and selected through the selection hub. Every time
// runs until the views' repaints have reached the (offscreen) screen; docs/performance.md explains
// what each row times.
//
// The project is written by a child process, so the peak memory reported is the app's alone.
//
// usage: tendril_app_bench [--json] [--timeline] [--repeats N] [--work DIR]
#include "app_paint_probe.hpp"
#include "app_scenarios.hpp"
#include "synthetic_runs.hpp"

#include "main_window/main_window.hpp"
#include "main_window/workspace.hpp"  // the window's QPointer<Workspace> needs it complete
#include "startup/allocator_settings.hpp"
#include "style/app_style.hpp"
#include "tendril/core/random.hpp"
#include "tendril/store/project.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

using namespace tendril;
using namespace tendril::bench;
namespace fs = std::filesystem;

namespace {

constexpr int kTrialsPerStudy = 5000;
constexpr int kSteps = 100;

struct Options {
    bool json = false;
    bool timeline = false;
    int repeats = 9;
    std::string work;  // empty: a temporary folder, removed afterwards
};

// The synthetic study with a sixth parameter, a categorical of numbers as batch sizes are declared.
Study benchStudy(const std::string& name, std::uint64_t seed, const std::string& parent)
{
    Study s = makeSyntheticStudy(name, {kTrialsPerStudy, kSteps, 2, seed});
    s.parent = parent;
    const std::vector<Value> batchSizes = {Value(32), Value(64), Value(128), Value(256)};
    s.space.params.push_back(Param::categorical("batch_size", batchSizes));
    Xoshiro256 rng(seed);
    for (Trial& t : s.trials)
        t.setParam("batch_size", batchSizes[rng.below(batchSizes.size())]);
    return s;
}

// Writes the project in a child process: the studies it builds in memory would otherwise count
// toward the app's peak memory.
double writeProject(const fs::path& file)
{
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid < 0)
        throw std::runtime_error("cannot fork to write the benchmark project");
    if (pid == 0) {
        try {
            Project project(file.string(), OpenMode::CreateIfMissing);
            project.addStudies({benchStudy("sweep", 1, ""), benchStudy("sweep-refined", 2, "sweep")});
        } catch (const std::exception& e) {
            std::fprintf(stderr, "error: %s\n", e.what());
            _exit(1);
        }
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error(file.string() + ": writing the benchmark project failed");
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool parseOptions(int argc, char** argv, Options& o)
{
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--json") {
            o.json = true;
        } else if (arg == "--timeline") {
            o.timeline = true;
        } else if (arg == "--repeats" && i + 1 < argc) {
            o.repeats = std::atoi(argv[++i]);
            if (o.repeats < 1) {
                std::fprintf(stderr, "--repeats: expected a whole number >= 1, got \"%s\"\n", argv[i]);
                return false;
            }
        } else if (arg == "--work" && i + 1 < argc) {
            o.work = argv[++i];
        } else {
            std::fprintf(stderr, "usage: %s [--json] [--timeline] [--repeats N] [--work DIR]\n", argv[0]);
            return false;
        }
    }
    return true;
}

struct Row {
    const char* key;          // JSON name
    const char* measurement;  // table text
    const Series* series;
    double targetMs;          // 0: no target
    const Series* cpu = nullptr;  // the GUI thread's CPU time over the same span, when measured
};

std::string verdict(const Row& r)
{
    if (r.targetMs <= 0)
        return "";
    return r.series->max() <= r.targetMs      ? "met"
           : r.series->median() <= r.targetMs ? "met by the median, not the slowest run"
                                              : "**missed**";
}

void printTable(const std::vector<Row>& rows, const OpenResult& open, double peak)
{
    std::printf("| measurement | median | max | GUI-thread CPU, median | target | |\n|---|---|---|---|---|---|\n");
    for (const Row& r : rows) {
        if (r.series->ms.empty())
            continue;  // nothing of the kind in this app (no importance analysis)
        std::printf("| %s | %.0f ms | %.0f ms | ", r.measurement, r.series->median(), r.series->max());
        if (r.cpu)
            std::printf("%.0f ms | ", r.cpu->median());
        else
            std::printf(" | ");
        if (r.targetMs > 0)
            std::printf("%.0f ms | %s |\n", r.targetMs, verdict(r).c_str());
        else
            std::printf(" | |\n");
    }
    std::printf("| resident memory after the first paint | %.0f MiB | | | | |\n", open.rssAfterFirstPaintMiB);
    std::printf("| resident memory with every curve loaded | %.0f MiB | | | | |\n", open.rssLoadedMiB);
    std::printf("| peak resident memory (VmHWM) after the first opening | %.0f MiB | | | | |\n",
                open.peakAfterFirstMiB);
    std::printf("| peak resident memory (VmHWM), whole run | %.0f MiB | | | 500 MB (477 MiB) | %s |\n", peak,
                peak * 1024 * 1024 <= 500e6 ? "met" : "**missed**");
}

void printBreakdown(const char* title, const ChangeResult& r)
{
    std::printf("\n%s: the change call (hub signal, every view's handler) %.1f ms median, %.1f ms max\n", title,
                r.hubSignal.median(), r.hubSignal.max());
    std::printf("| view | on screen after (median) | max | painting (median) | slowest widget class (worst run) |\n"
                "|---|---|---|---|---|\n");
    for (const auto& [view, shown] : r.viewShown) {
        QString slowClass;
        double slowMs = 0;
        for (const auto& [cls, ms] : r.slowestPaintClasses.at(view))
            if (ms > slowMs) {
                slowMs = ms;
                slowClass = cls;
            }
        std::printf("| %s | %.1f ms | %.1f ms | %.1f ms | %s %.1f ms |\n", qPrintable(view), shown.median(), shown.max(),
                    r.viewPaint.at(view).median(), qPrintable(slowClass), slowMs);
    }
}

const char* eventName(QEvent::Type type)
{
    switch (type) {
    case QEvent::MetaCall: return "queued call";
    case QEvent::Timer: return "timer";
    case QEvent::UpdateRequest: return "repaint";
    case QEvent::LayoutRequest: return "layout";
    case QEvent::Paint: return "paint";
    case QEvent::Resize: return "resize";
    case QEvent::Show: return "show";
    case QEvent::Polish: return "polish";
    case QEvent::DeferredDelete: return "deferred delete";
    default: return "event";
    }
}

void printTimeline(const char* title, const std::vector<BusyEvent>& events)
{
    std::printf("\n%s: GUI-thread events over 1 ms (ms from the start)\n", title);
    for (const BusyEvent& e : events)
        std::printf("  %8.1f – %8.1f  %7.1f ms  %-15s %s\n", e.startNs / 1e6, e.endNs / 1e6,
                    (e.endNs - e.startNs) / 1e6, eventName(e.type), qPrintable(e.receiver));
}

std::string jsonSeries(const Series& s)
{
    std::string text = "{\"median_ms\": " + formatDouble(s.median()) + ", \"max_ms\": " + formatDouble(s.max()) +
                       ", \"runs_ms\": [";
    for (std::size_t i = 0; i < s.ms.size(); ++i)
        text += (i ? ", " : "") + formatDouble(s.ms[i]);
    return text + "]}";
}

void printJson(const std::vector<Row>& rows, const OpenResult& open, double peak)
{
    std::printf("{\"trials\": %d, \"studies\": 2, \"steps\": %d, \"curves_per_trial\": 2, \"cores\": %ld",
                2 * kTrialsPerStudy, kSteps, sysconf(_SC_NPROCESSORS_ONLN));
    for (const Row& r : rows) {
        if (r.series->ms.empty())
            continue;
        std::printf(", \"%s\": %s", r.key, jsonSeries(*r.series).c_str());
        if (r.cpu)
            std::printf(", \"%s_gui_cpu\": %s", r.key, jsonSeries(*r.cpu).c_str());
    }
    std::printf(", \"tables_delivered_per_open\": %d", open.deliveries);
    std::printf(", \"rss_after_first_paint_mib\": %s, \"rss_loaded_mib\": %s, \"peak_rss_first_open_mib\": %s"
                ", \"peak_rss_mib\": %s}\n",
                formatDouble(open.rssAfterFirstPaintMiB).c_str(), formatDouble(open.rssLoadedMiB).c_str(),
                formatDouble(open.peakAfterFirstMiB).c_str(), formatDouble(peak).c_str());
}

QtMessageHandler defaultMessageHandler = nullptr;

// The offscreen platform warns on every dock layout that it cannot pass size hints to a window
// manager; there is none, and the warnings would bury the tables.
void quietOffscreenWarnings(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (message.contains(QLatin1String("does not support propagateSizeHints")))
        return;
    defaultMessageHandler(type, context, message);
}

int run(int argc, char** argv, const Options& options, const fs::path& project)
{
    defaultMessageHandler = qInstallMessageHandler(quietOffscreenWarnings);
    // As the application's main() does: the same allocator settings and style.
    app::configureAllocator();
    PaintProbe probe;
    ProbedApplication application(argc, argv, probe);
    QApplication::setOrganizationName(QStringLiteral("Tendril"));
    QApplication::setApplicationName(QStringLiteral("tendril-app-bench"));
    app::applyAppStyle(application);

    app::MainWindow window(app::MainWindow::Options{.rememberState = false});
    BenchSetup setup;
    setup.projectPath = QString::fromStdString(project.string());
    setup.studies = {QStringLiteral("sweep"), QStringLiteral("sweep-refined")};
    setup.rows = 2 * kTrialsPerStudy;
    setup.openRepeats = std::max(3, (options.repeats + 1) / 2);
    setup.changeRepeats = options.repeats;
    window.resize(setup.width, setup.height);
    window.show();

    AppScenarios scenarios(probe, window, setup);
    const OpenResult open = scenarios.measureOpening();
    const ChangeResult brushFrame = scenarios.measureBrush(true);
    const std::vector<BusyEvent> brushTimeline = scenarios.slowestChangeTimeline();
    const ChangeResult brush = scenarios.measureBrush(false);
    const ChangeResult single = scenarios.measureSingleSelection();
    const std::vector<BusyEvent> singleTimeline = scenarios.slowestChangeTimeline();
    const ChangeResult selection = scenarios.measureSelection200();
    const std::vector<BusyEvent> selectionTimeline = scenarios.slowestChangeTimeline();
    const double peak = peakResidentMiB();

    const std::vector<Row> rows = {
        {"open_call", "openProject + show 2 studies (GUI thread)", &open.openCall, 0},
        {"first_table", "first table with all 10,000 trials in the views", &open.firstDelivery, 0},
        {"first_paint", "**first paint of the overview** with the 10,000 trials", &open.firstPaint, 1000, &open.firstPaintCpu},
        {"curves_loaded", "curves loaded (last table in the views)", &open.loaded, 0},
        {"loaded_painted", "every view repainted after the curves loaded", &open.loadedPainted, 0},
        {"importance_painted", "importance analysis of the 10,000 trials on screen", &open.analysisShown, 0},
        {"brush_all_views", "**brush → every view on screen** (hub's next frame, as in a drag)", &brushFrame.allViews, 50, &brushFrame.allViewsCpu},
        {"brush_flushed_all_views", "brush → every view on screen (hub flushed at once)", &brush.allViews, 50, &brush.allViewsCpu},
        {"brush_importance_painted", "brush → importance refit on screen (hub's next frame)", &brushFrame.analysisShown, 0},
        {"select_one_all_views", "**select 1 trial → every view on screen**", &single.allViews, 50, &single.allViewsCpu},
        {"select_200_curves", "**select 200 trials → curves (200 × 2 metrics) on screen**", &selection.curvesView, 100, &selection.curvesViewCpu},
        {"select_200_all_views", "select 200 trials → every view on screen", &selection.allViews, 0, &selection.allViewsCpu},
    };
    if (options.json) {
        printJson(rows, open, peak);
        return 0;
    }
    std::printf("## Desktop app, %d trials in 2 studies, 100-step curves of 2 metrics (%ld cores, 1920x1080 window)\n\n",
                2 * kTrialsPerStudy, sysconf(_SC_NPROCESSORS_ONLN));
    printTable(rows, open, peak);
    std::printf("\nOpenings: %zu (median and max over them); tables delivered per opening: %d; views on screen: %s\n",
                open.firstPaint.ms.size(), open.deliveries, qPrintable(open.viewsOnScreen.join(QStringLiteral(", "))));
    std::printf("Painting per view while opening (median): ");
    for (const auto& [view, s] : open.viewPaintAfterLoad)
        std::printf("%s %.1f ms  ", qPrintable(view), s.median());
    std::printf("\n");
    printBreakdown("Brush (hub's next frame)", brushFrame);
    printBreakdown("Brush (flushed)", brush);
    printBreakdown("Select 1 trial", single);
    printBreakdown("Select 200 trials", selection);
    if (options.timeline) {
        printTimeline("First opening", open.firstTimeline);
        printTimeline("Slowest brush (next frame)", brushTimeline);
        printTimeline("Slowest single selection", singleTimeline);
        printTimeline("Slowest 200-trial selection", selectionTimeline);
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    Options options;
    if (!parseOptions(argc, argv, options))
        return 2;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    fs::path work;
    const bool temporary = options.work.empty();
    try {
        if (temporary) {
            std::string pattern = (fs::temp_directory_path() / "tendril-app-bench-XXXXXX").string();
            if (!mkdtemp(pattern.data()))
                throw std::runtime_error("cannot create a temporary folder in " + fs::temp_directory_path().string());
            work = pattern;
        } else {
            work = options.work;
            fs::create_directories(work);
        }
        const fs::path project = work / "bench-10k.tendril";
        for (const char* suffix : {"", "-wal", "-shm"})
            fs::remove(project.string() + suffix);
        const double writeSeconds = writeProject(project);
        std::fprintf(stderr, "wrote %s (%d trials, %.1f MB) in %.1f s\n", project.c_str(), 2 * kTrialsPerStudy,
                     static_cast<double>(fs::file_size(project)) / 1e6, writeSeconds);
        const int code = run(argc, argv, options, project);
        if (temporary)
            fs::remove_all(work);
        return code;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        if (temporary && !work.empty())
            fs::remove_all(work);
        return 1;
    }
}
