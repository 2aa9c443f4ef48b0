// The search-space overview at scale (issue 6's targets): 100,000 trials on 8 axes (7
// hyperparameters and the objective) drawn by the real parallel-coordinates plot under the
// offscreen Qt platform, at 1200 x 800.
//
// - first render: a new plot handed its data (axes laid out, every trial projected) until all
//   layers (context, focus, selection) are rendered off the GUI thread and the widget has painted
//   them with its axes and brushes;
// - full render: the same on a plot already showing, for a new axis order (every trial projected
//   anew, every layer rebuilt from nothing: what a reordered or hidden axis, a resize or another
//   metric costs);
// - brush move: a brush on one axis moved by 12 pixels, from the new brush to the updated picture
//   (focus recomputed, density layers updated in place, painted);
// - hover pick: finding the line under the pointer among 100,000;
// - for comparison, every line drawn exactly: Tendril's own antialiased line rasterizer on all
//   100,000 lines, and QPainter's translucent antialiased polylines on a 5,000-line subset,
//   extrapolated to 100,000 (it takes too long to run on all of them).
//
// Each figure is the median of the repeats (minimum beside it). The machine is shared: the load
// average at the start is printed with the table.
//
// usage: tendril_space_bench [--repeats N] [--trials N] [--no-comparison]
#include "style/app_style.hpp"
#include "views/space/layer_renderer.hpp"
#include "views/space/line_layers.hpp"
#include "views/space/line_picking.hpp"
#include "views/space/parallel_plot.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QPainter>
#include <QThread>

#include <time.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace tendril;
using namespace tendril::app;
using namespace tendril::app::space;

namespace {

std::shared_ptr<const Study> syntheticStudy(int trials)
{
    auto s = std::make_shared<Study>();
    s->name = "large";
    s->objective = {"val_acc", Direction::Maximize};
    s->space.params = {Param::floatRange("lr", 1e-5, 0.1, true),       Param::floatRange("weight_decay", 1e-6, 1e-2, true),
                       Param::intRange("units", 16, 1024, true),       Param::intRange("layers", 2, 12),
                       Param::floatRange("dropout", 0.0, 0.7),         Param::floatRange("momentum", 0.8, 0.99),
                       Param::categorical("optimizer", {"sgd", "adam", "rmsprop"})};
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::normal_distribution<double> noise(0.0, 0.02);
    const char* optimizers[] = {"sgd", "adam", "rmsprop"};
    s->trials.reserve(static_cast<std::size_t>(trials));
    for (int i = 0; i < trials; ++i) {
        Trial t;
        t.id = "t" + std::to_string(i);
        t.number = i;
        const double lr = std::pow(10.0, -5 + 4 * u(rng));
        const double wd = std::pow(10.0, -6 + 4 * u(rng));
        const auto units = static_cast<std::int64_t>(std::lround(std::pow(2.0, 4 + 6 * u(rng))));
        const auto layers = static_cast<std::int64_t>(2 + std::floor(11 * u(rng)));
        const double dropout = 0.7 * u(rng), momentum = 0.8 + 0.19 * u(rng);
        const int optimizer = static_cast<int>(3 * u(rng));
        t.params = {{"lr", Value(lr)},           {"weight_decay", Value(wd)}, {"units", Value(units)},
                    {"layers", Value(layers)},   {"dropout", Value(dropout)}, {"momentum", Value(momentum)},
                    {"optimizer", Value(optimizers[optimizer])}};
        const double quality = std::exp(-std::pow(std::log10(lr) + 3, 2)) * (0.6 + 0.03 * layers) - 0.2 * dropout
            + (wd < 1e-4 ? 0.1 : 0.0) + (optimizer == 1 ? 0.05 : 0.0);
        t.setMetric("val_acc", std::clamp(0.5 + 0.45 * quality + noise(rng), 0.05, 0.995));
        s->trials.push_back(std::move(t));
    }
    return s;
}

struct Stat {
    double median = 0.0;
    double min = 0.0;
};

Stat stat(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.front()};
}

double msSince(const QElapsedTimer& t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

// CPU time of the whole process (every thread), in ms: on a busy machine the wall time says more
// about the other processes than about this one.
double processCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

// Until every requested layer has arrived, then a paint of the whole widget.
void settle(ParallelPlot& plot, QImage& target)
{
    plot.renderer().waitForIdle(600000);
    QPainter painter(&target);
    plot.render(&painter);
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    return QString::fromLatin1(file.readAll()).section(u' ', 0, 2);
}

} // namespace

int main(int argc, char** argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int repeats = 5;
    int trials = 100000;
    bool comparison = true;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--repeats") && i + 1 < argc)
            repeats = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--trials") && i + 1 < argc)
            trials = std::max(10, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--no-comparison"))
            comparison = false;
        else {
            std::fprintf(stderr, "tendril_space_bench: unknown option '%s'; expected --repeats N, --trials N or --no-comparison\n",
                         argv[i]);
            return 2;
        }
    }
    QApplication app(argc, argv);
    setTheme(Theme::Light, false);
    const QString load = loadAverage();

    std::vector<ShownStudy> shown{{1, syntheticStudy(trials)}};
    auto table = std::make_shared<const TrialTable>(std::move(shown));
    std::vector<std::size_t> axes;
    for (const char* name : {"optimizer", "momentum", "dropout", "layers", "units", "weight_decay", "lr"})
        axes.push_back(*table->paramColumn(name));
    axes.push_back(*table->objectiveColumn());
    const std::size_t lrAxis = 6;

    ParallelPlot plot;
    plot.resize(1200, 800);
    plot.show();
    QCoreApplication::processEvents();
    QImage target(plot.size(), QImage::Format_ARGB32_Premultiplied);

    // Full render: data in, every layer out and painted. A fresh plot each time, so nothing is
    // reused from the previous round.
    std::vector<double> first, full, fullBrushed, moves, picks;
    std::vector<double> firstCpu, fullCpu, fullBrushedCpu, movesCpu;
    for (int r = 0; r < repeats; ++r) {
        ParallelPlot fresh;
        fresh.resize(1200, 800);
        fresh.show();  // its pending resize is handled before the clock starts
        QCoreApplication::processEvents();
        QElapsedTimer t;
        t.start();
        const double cpu = processCpuMs();
        fresh.setData(table, axes, table->objectiveColumn(), Direction::Maximize);
        settle(fresh, target);
        first.push_back(msSince(t));
        firstCpu.push_back(processCpuMs() - cpu);
    }

    // Full renders: the hyperparameter axes rotated by one each time, the objective staying last.
    plot.setData(table, axes, table->objectiveColumn(), Direction::Maximize);
    settle(plot, target);
    std::vector<std::size_t> order = axes;
    for (int r = 0; r < repeats; ++r) {
        std::rotate(order.begin(), order.begin() + 1, order.end() - 1);
        QElapsedTimer t;
        t.start();
        const double cpu = processCpuMs();
        plot.setData(table, order, table->objectiveColumn(), Direction::Maximize);
        settle(plot, target);
        full.push_back(msSince(t));
        fullCpu.push_back(processCpuMs() - cpu);
    }

    // With a brush on the learning rate (about half the trials in focus), then the brush moved.
    plot.setData(table, axes, table->objectiveColumn(), Direction::Maximize);
    settle(plot, target);
    const AxisGeometry& lr = plot.axes()[lrAxis];
    const double top = lr.toPixel(1e-2), bottom = lr.toPixel(1e-4);
    for (int r = 0; r < repeats; ++r) {
        plot.setBrush({});
        settle(plot, target);
        QElapsedTimer t;
        t.start();
        const double cpu = processCpuMs();
        plot.setBrush({*lr.rangeFromPixels(top, bottom)});
        settle(plot, target);
        fullBrushed.push_back(msSince(t));
        fullBrushedCpu.push_back(processCpuMs() - cpu);
        for (int step = 1; step <= 4; ++step) {
            const double dy = 12.0 * step * (r % 2 ? -1 : 1);
            QElapsedTimer m;
            m.start();
            const double moveCpu = processCpuMs();
            plot.setBrush({*lr.rangeFromPixels(top + dy, bottom + dy)});
            settle(plot, target);
            moves.push_back(msSince(m));
            movesCpu.push_back(processCpuMs() - moveCpu);
        }
    }
    const LineMode focusMode = plot.focusMode(), contextMode = plot.contextMode();

    // Hover: the nearest line under a pointer in the middle of the plot.
    const QPointF pointer(0.5 * (plot.axisX()[3] + plot.axisX()[4]), plot.axesArea().center().y());
    for (int r = 0; r < repeats * 4; ++r) {
        QElapsedTimer t;
        t.start();
        volatile auto row = nearestLine(*plot.scene(), pointer, ParallelPlot::kPickRadius, plot.focusRows());
        (void)row;
        picks.push_back(msSince(t));
    }

    // Every line exactly: Tendril's rasterizer on all lines, and QPainter's translucent
    // antialiased polylines on a subset.
    double exactMs = 0.0, qtAll = 0.0;
    const LineScene& scene = *plot.scene();
    const std::size_t subset = std::min<std::size_t>(5000, scene.rows);
    if (comparison) {
        std::vector<std::uint32_t> rows(scene.rows);
        for (std::uint32_t i = 0; i < scene.rows; ++i)
            rows[i] = i;
        LinePaint paint;
        paint.color = 0xff2f6fed;
        paint.opacity = 0.5f;
        QElapsedTimer exact;
        exact.start();
        const QImage exactImage = renderExactLines(scene, rows, paint, LayerRenderer::computePool());
        exactMs = msSince(exact);

        QImage qtImage(scene.size, QImage::Format_ARGB32_Premultiplied);
        qtImage.fill(Qt::transparent);
        QElapsedTimer qt;
        qt.start();
        {
            QPainter p(&qtImage);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(QPen(QColor(0x2f, 0x6f, 0xed, 128), 1.0));
            std::vector<float> xs, ys;
            for (std::size_t i = 0; i < subset; ++i) {
                rowPolyline(scene, static_cast<std::uint32_t>(i), xs, ys);
                QPolygonF line;
                for (std::size_t a = 0; a < xs.size(); ++a)
                    line << QPointF(xs[a], ys[a]);
                p.drawPolyline(line);
            }
        }
        qtAll = msSince(qt) * static_cast<double>(scene.rows) / static_cast<double>(subset);
        if (exactImage.isNull() || qtImage.isNull())
            return 1;
    }

    const auto mode = [](LineMode m) { return m == LineMode::Density ? "density" : "exact"; };
    const Stat f0 = stat(first), f = stat(full), fb = stat(fullBrushed), mv = stat(moves), pk = stat(picks);
    const Stat f0c = stat(firstCpu), fc = stat(fullCpu), fbc = stat(fullBrushedCpu), mvc = stat(movesCpu);
    std::printf("## Search-space overview (%d trials x %zu axes, 1200 x 800, %d cores, load average %s)\n\n",
                trials, axes.size(), QThread::idealThreadCount(), load.toLatin1().constData());
    std::printf("| what | wall, median | wall, min | CPU, all threads, median | target |\n|---|---|---|---|---|\n");
    std::printf("| first render of a new plot (all layers, %s) | %.0f ms | %.0f ms | %.0f ms | |\n", mode(focusMode),
                f0.median, f0.min, f0c.median);
    std::printf("| full render: axes reordered, every layer rebuilt | %.0f ms | %.0f ms | %.0f ms | 150 ms |\n",
                f.median, f.min, fc.median);
    std::printf("| full render of a new brush (context and focus %s) | %.0f ms | %.0f ms | %.0f ms | 150 ms |\n",
                mode(contextMode), fb.median, fb.min, fbc.median);
    std::printf("| brush moved 12 px, to the updated picture | %.0f ms | %.0f ms | %.0f ms | 50 ms |\n", mv.median,
                mv.min, mvc.median);
    std::printf("| hover: nearest of %d lines | %.2f ms | %.2f ms | | 16 ms |\n", trials, pk.median, pk.min);
    if (comparison) {
        std::printf("| every line exact, Tendril's line rasterizer (%zu lines) | %.1f s | | | |\n", scene.rows,
                    exactMs / 1000.0);
        std::printf("| every line exact, QPainter translucent polylines (%zu lines, extrapolated from %zu) | %.1f s "
                    "| | | |\n",
                    scene.rows, subset, qtAll / 1000.0);
    }
    return 0;
}
