// The search-space overview at scale (issue 6's targets): 100,000 trials on 8 axes (7
// hyperparameters and the objective) drawn by the real parallel-coordinates plot under the
// offscreen Qt platform, at 1200 x 800.
//
// - full render: from handing the plot its data (axes laid out, every trial projected) until all
//   layers (context, focus, selection) are rendered off the GUI thread and the widget has painted
//   them with its axes, brushes and importance strip;
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
// usage: tendril_space_bench [--repeats N] [--trials N]
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
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--repeats") && i + 1 < argc)
            repeats = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--trials") && i + 1 < argc)
            trials = std::max(10, std::atoi(argv[++i]));
        else {
            std::fprintf(stderr, "tendril_space_bench: unknown option '%s'; expected --repeats N or --trials N\n",
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
    std::vector<double> full, fullBrushed, moves, picks;
    for (int r = 0; r < repeats; ++r) {
        ParallelPlot fresh;
        fresh.resize(1200, 800);
        fresh.show();  // its pending resize is handled before the clock starts
        QCoreApplication::processEvents();
        QElapsedTimer t;
        t.start();
        fresh.setData(table, axes, table->objectiveColumn(), Direction::Maximize);
        settle(fresh, target);
        full.push_back(msSince(t));
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
        plot.setBrush({*lr.rangeFromPixels(top, bottom)});
        settle(plot, target);
        fullBrushed.push_back(msSince(t));
        for (int step = 1; step <= 4; ++step) {
            const double dy = 12.0 * step * (r % 2 ? -1 : 1);
            QElapsedTimer m;
            m.start();
            plot.setBrush({*lr.rangeFromPixels(top + dy, bottom + dy)});
            settle(plot, target);
            moves.push_back(msSince(m));
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

    // Every line exactly: Tendril's rasterizer on all lines.
    const LineScene& scene = *plot.scene();
    std::vector<std::uint32_t> rows(scene.rows);
    for (std::uint32_t i = 0; i < scene.rows; ++i)
        rows[i] = i;
    LinePaint paint;
    paint.color = 0xff2f6fed;
    paint.opacity = 0.5f;
    QElapsedTimer exact;
    exact.start();
    const QImage exactImage = renderExactLines(scene, rows, paint);
    const double exactMs = msSince(exact);

    // QPainter's translucent antialiased polylines on a subset.
    const std::size_t subset = std::min<std::size_t>(5000, scene.rows);
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
    const double qtMs = msSince(qt);
    const double qtAll = qtMs * static_cast<double>(scene.rows) / static_cast<double>(subset);

    const auto mode = [](LineMode m) { return m == LineMode::Density ? "density" : "exact"; };
    const Stat f = stat(full), fb = stat(fullBrushed), mv = stat(moves), pk = stat(picks);
    std::printf("## Search-space overview (%d trials x %zu axes, 1200 x 800, %d cores, load average %s)\n\n",
                trials, axes.size(), QThread::idealThreadCount(), load.toLatin1().constData());
    std::printf("| what | median | min | target |\n|---|---|---|---|\n");
    std::printf("| full render, no brush (all layers, %s) | %.0f ms | %.0f ms | 150 ms |\n", mode(focusMode), f.median,
                f.min);
    std::printf("| full render of a new brush (context and focus %s) | %.0f ms | %.0f ms | 150 ms |\n",
                mode(contextMode), fb.median, fb.min);
    std::printf("| brush moved 12 px, to the updated picture | %.0f ms | %.0f ms | 50 ms |\n", mv.median, mv.min);
    std::printf("| hover: nearest of %d lines | %.2f ms | %.2f ms | 16 ms |\n", trials, pk.median, pk.min);
    std::printf("| every line exact, Tendril's line rasterizer (%zu lines) | %.0f ms | | |\n", scene.rows, exactMs);
    std::printf("| every line exact, QPainter translucent polylines (%zu lines, extrapolated from %zu) | %.1f s "
                "| | |\n",
                scene.rows, subset, qtAll / 1000.0);
    return exactImage.isNull() || qtImage.isNull() ? 1 : 0;
}
