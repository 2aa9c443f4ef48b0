// The exploration overview on large studies (issue 6's target: a 2,000-trial PBT study within
// 200 ms), measured on the real view under the offscreen Qt platform at 1600x1000. Two synthetic
// studies are written to a real project file and loaded through the session, as the app does:
// - PBT: population 20 over 100 generations of 2 steps, every member recorded per generation (a
//   trial whose parent is the member's previous generation), the bottom quarter replaced each
//   generation by a perturbed copy of a top-quarter member: 2,000 trials, 1,980 links;
// - Hyperband: R = 81, eta = 3, 14 rounds of its five brackets (2,000 configurations), promoted
//   configurations continuing as the same trial, 1 to 81 steps of val_acc each.
// Rows (medians over the repeats): a full render (a new view: lineage, layout, scenes, every
// layer, the composed picture), the layers alone (a colour range change redraws every layer), and
// a hover change (the hovered trial's lineage drawn over the cached layers).
//
// usage: tendril_exploration_bench [--repeats N]
#include "session/project_session.hpp"
#include "style/app_style.hpp"
#include "tendril/core/random.hpp"
#include "tendril/store/project.hpp"
#include "views/exploration/color_range_bar.hpp"
#include "views/exploration/exploration_canvas.hpp"
#include "views/exploration/exploration_view.hpp"

#include <QApplication>
#include <QVBoxLayout>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

using namespace tendril;
using namespace tendril::app;

namespace {

constexpr int kPopulation = 20;
constexpr int kGenerations = 100;
constexpr int kInterval = 2;
constexpr int kHyperbandConfigurations = 2000;
const QSize kViewSize(1600, 1000);

SearchSpace benchSpace()
{
    SearchSpace space;
    space.params = {Param::floatRange("learning_rate", 1e-5, 0.3, true),
                    Param::categorical("batch_size", {Value(16), Value(32), Value(64), Value(128)}),
                    Param::floatRange("dropout", 0.0, 0.7),
                    Param::floatRange("weight_decay", 1e-6, 1e-2, true),
                    Param::intRange("layers", 1, 8)};
    return space;
}

struct Config {
    double lr, dropout, wd;
    int batch, layers;
};

const int kBatches[] = {16, 32, 64, 128};

Config randomConfig(Xoshiro256& rng)
{
    return {std::pow(10.0, rng.uniform(-5.0, std::log10(0.3))), rng.uniform(0.0, 0.7),
            std::pow(10.0, rng.uniform(-6.0, -2.0)), static_cast<int>(rng.below(4)), 1 + static_cast<int>(rng.below(8))};
}

// How good a configuration is, in [0, 1]: best near lr 1e-3, dropout 0.2, wd 1e-4, 4 layers, batch 64.
double quality(const Config& c)
{
    const double d = std::pow(std::log10(c.lr) + 3.0, 2) / 4.0 + std::pow(c.dropout - 0.2, 2) * 2.0 +
                     std::pow(std::log10(c.wd) + 4.0, 2) / 8.0 + std::pow(c.layers - 4, 2) / 20.0 +
                     std::pow(c.batch - 2, 2) / 10.0;
    return std::exp(-d);
}

double accuracy(const Config& c, double step, Xoshiro256& rng)
{
    return 0.1 + 0.88 * quality(c) * (1.0 - std::exp(-step / 25.0)) + rng.uniform(-0.005, 0.005);
}

void setParams(Trial& t, const Config& c)
{
    t.setParam("learning_rate", c.lr);
    t.setParam("batch_size", kBatches[c.batch]);
    t.setParam("dropout", c.dropout);
    t.setParam("weight_decay", c.wd);
    t.setParam("layers", c.layers);
}

std::string isoAt(int seconds)
{
    char text[32];
    std::snprintf(text, sizeof text, "2024-05-01T%02d:%02d:%02dZ", 8 + seconds / 3600, seconds / 60 % 60, seconds % 60);
    return text;
}

Study pbtStudy()
{
    Study s;
    s.name = "bench-pbt";
    s.objective = {"val_acc", Direction::Maximize};
    s.space = benchSpace();
    s.algorithm = {"pbt", R"({"population_size": 20, "perturbation_interval": 2, "quantile_fraction": 0.25})"};
    s.budget.resource = "epoch";
    Xoshiro256 rng(11);
    std::vector<Config> members(kPopulation);
    for (Config& c : members)
        c = randomConfig(rng);
    std::vector<std::string> previous(kPopulation);
    std::vector<int> donorOf(kPopulation, -1);
    for (int g = 0; g < kGenerations; ++g) {
        std::vector<std::pair<double, int>> scores;
        std::vector<std::string> current(kPopulation);
        for (int m = 0; m < kPopulation; ++m) {
            Trial t;
            t.id = "g" + std::to_string(g) + "m" + std::to_string(m);
            t.number = g * kPopulation + m;
            t.iteration = g;
            t.started = isoAt(g * 30 + m);
            setParams(t, members[m]);
            if (g > 0) {
                t.parent = donorOf[m] >= 0 ? previous[donorOf[m]] : previous[m];
                t.startStep = g * kInterval;
            }
            double acc = 0.0;
            for (int step = g * kInterval + 1; step <= (g + 1) * kInterval; ++step) {
                acc = accuracy(members[m], step, rng);
                t.curveFor("val_acc").append(step, acc);
            }
            t.setMetric("val_acc", acc);
            t.state = g + 1 == kGenerations ? TrialState::Complete : TrialState::Pruned;
            scores.emplace_back(acc, m);
            current[m] = t.id;
            s.trials.push_back(std::move(t));
        }
        // Exploit and explore: the bottom quarter copies a top-quarter member, perturbed.
        std::sort(scores.begin(), scores.end());
        std::fill(donorOf.begin(), donorOf.end(), -1);
        const int quarter = kPopulation / 4;
        std::vector<Config> next = members;
        for (int k = 0; k < quarter; ++k) {
            const int loser = scores[static_cast<std::size_t>(k)].second;
            const int donor = scores[static_cast<std::size_t>(kPopulation - 1 - static_cast<int>(rng.below(quarter)))].second;
            Config c = members[donor];
            c.lr = std::clamp(c.lr * (rng.below(2) ? 1.2 : 0.8), 1e-5, 0.3);
            c.wd = std::clamp(c.wd * (rng.below(2) ? 1.2 : 0.8), 1e-6, 1e-2);
            c.dropout = std::clamp(c.dropout + (rng.below(2) ? 0.07 : -0.07), 0.0, 0.7);
            if (rng.below(4) == 0)
                c.batch = static_cast<int>(rng.below(4));
            next[loser] = c;
            donorOf[loser] = donor;
        }
        members = next;
        previous = current;
    }
    return s;
}

Study hyperbandStudy()
{
    Study s;
    s.name = "bench-hyperband";
    s.objective = {"val_acc", Direction::Maximize};
    s.space = benchSpace();
    s.algorithm = {"hyperband", R"({"eta": 3, "min_resource": 1, "max_resource": 81})"};
    s.budget.resource = "epoch";
    Xoshiro256 rng(12);
    struct Bracket {
        int s, n;
    };
    const Bracket round[] = {{4, 81}, {3, 34}, {2, 15}, {1, 8}, {0, 5}};
    int created = 0;
    for (int r = 0; created < kHyperbandConfigurations; ++r)
        for (const Bracket& b : round) {
            const int n = std::min(b.n, kHyperbandConfigurations - created);
            if (n <= 0)
                break;
            std::vector<std::size_t> members;
            std::vector<Config> configs;
            for (int i = 0; i < n; ++i) {
                Trial t;
                t.id = "t" + std::to_string(created);
                t.number = created++;
                t.iteration = r;
                t.bracket = b.s;
                t.started = isoAt(t.number);
                configs.push_back(randomConfig(rng));
                setParams(t, configs.back());
                members.push_back(s.trials.size());
                s.trials.push_back(std::move(t));
            }
            std::vector<std::size_t> alive(members.size());
            for (std::size_t i = 0; i < alive.size(); ++i)
                alive[i] = i;
            double reached = 0.0;
            for (int stage = 0; stage <= b.s && !alive.empty(); ++stage) {
                const double budget = 81.0 / std::pow(3.0, b.s - stage);
                std::vector<std::pair<double, std::size_t>> scores;
                for (const std::size_t i : alive) {
                    Trial& t = s.trials[members[i]];
                    t.rung = stage;
                    t.budget = budget;
                    if (stage > 0)
                        t.startStep = reached;
                    double acc = 0.0;
                    for (int step = static_cast<int>(reached) + 1; step <= static_cast<int>(budget); ++step) {
                        acc = accuracy(configs[i], step, rng);
                        t.curveFor("val_acc").append(step, acc);
                    }
                    t.setMetric("val_acc", acc);
                    t.state = stage == b.s ? TrialState::Complete : TrialState::Pruned;
                    scores.emplace_back(acc, i);
                }
                std::sort(scores.rbegin(), scores.rend());
                const auto keep = static_cast<std::size_t>(std::floor(static_cast<double>(alive.size()) / 3.0));
                alive.clear();
                for (std::size_t k = 0; k < keep; ++k)
                    alive.push_back(scores[k].second);
                reached = budget;
            }
        }
    return s;
}

double msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double measure(int repeats, const std::function<void()>& prepare, const std::function<void()>& run)
{
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        prepare();
        const auto start = std::chrono::steady_clock::now();
        run();
        times.push_back(msSince(start));
    }
    return median(times);
}

struct Breakdown {
    QString study;
    double lineage = 0.0;
    double scenes = 0.0;
    double layers = 0.0;
};

Breakdown benchStudy(ProjectSession& session, const QString& name, int repeats)
{
    session.setSelectedStudies({name});
    if (!session.waitUntilLoaded(120000)) {
        std::fprintf(stderr, "error: %s did not load\n", qPrintable(name));
        std::exit(1);
    }
    SelectionHub& hub = session.hub();
    // The view opens in a window that is already on screen, as a dock of the main window does.
    QWidget host;
    auto* hostLayout = new QVBoxLayout(&host);
    hostLayout->setContentsMargins(0, 0, 0, 0);
    host.resize(kViewSize);
    host.show();
    QApplication::processEvents();
    ExplorationView* view = nullptr;
    const double full = measure(
        repeats,
        [&] {
            delete view;
            view = nullptr;
            QApplication::processEvents();
        },
        [&] {
            view = new ExplorationView(session, &host);
            hostLayout->addWidget(view);
            QApplication::processEvents();  // layout, and the first paint on screen
            view->canvas()->waitForPicture();  // the cells are drawn on a worker
            view->grab();
        });

    exploration::ExplorationCanvas& canvas = *view->canvas();
    exploration::ColorRangeBar& bar = *view->colorRange();
    const exploration::ColorRange extent = *bar.extent();
    bool narrowed = false;
    const double layers = measure(
        repeats,
        [&] {
            narrowed = !narrowed;
            bar.setRange(narrowed ? exploration::ColorRange{(extent.low + extent.high) / 2.0, extent.high} : extent);
        },
        [&] {
            canvas.waitForPicture();
            view->grab();
        });

    // Hover: a trial in the middle of the study with a lineage, then another, in turn.
    const TrialTable& table = *hub.table();
    std::vector<std::size_t> hovers;
    for (std::size_t row = table.rows() / 2; row < table.rows() && hovers.size() < 2; row += 7)
        if (view->data()->familyRows(row).size() > 1 || hovers.empty())
            hovers.push_back(row);
    std::size_t turn = 0;
    const double hover = measure(
        repeats, [&] { hub.setHovered(table.key(hovers[turn++ % hovers.size()])); },
        [&] {
            hub.flush();
            view->grab();
        });

    // Where a full render goes: the lineage and axes, the scenes (positions, bands spread), the
    // layers, and composing the picture.
    const double dataTime = measure(repeats, [] {}, [&] { exploration::ExplorationData data(hub.table()); });
    const double scenes = measure(
        repeats,
        [&] {
            canvas.setShownTracks({});
            canvas.setShownTracks({0});
        },
        [&] { canvas.scene(0); });
    const double render = measure(
        repeats,
        [&] {
            narrowed = !narrowed;
            bar.setRange(narrowed ? exploration::ColorRange{(extent.low + extent.high) / 2.0, extent.high} : extent);
        },
        [&] { canvas.renderLayers(); });

    std::size_t points = 0, links = 0, dashed = 0;
    for (std::size_t c = 0; c < canvas.cellCount(); ++c) {
        points += canvas.report(c).points;
        links += canvas.report(c).mutationLinks.size();
        dashed += canvas.report(c).dashedSegments.size();
    }
    Breakdown row{name, dataTime, scenes, render};
    std::printf("| %s | %zu | %zu | %zu | %zu | %zu | %.0f ms | %.0f ms | %.1f ms (lineage of %zu) |\n", qPrintable(name),
                table.rows(), canvas.cellCount(), points, dashed, links, full, layers, hover,
                view->data()->familyRows(hovers.front()).size());
    delete view;
    return row;
}

} // namespace

int main(int argc, char** argv)
{
    int repeats = 9;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--repeats") == 0 && i + 1 < argc) {
            repeats = std::max(1, std::atoi(argv[++i]));
        } else {
            std::fprintf(stderr, "usage: tendril_exploration_bench [--repeats N]\n");
            return 2;
        }
    }
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toLocal8Bit());
    QApplication app(argc, argv);
    applyAppStyle(app);

    const std::string path = home.filePath(QStringLiteral("bench.tendril")).toStdString();
    {
        Project project(path, OpenMode::CreateIfMissing);
        project.addStudies({pbtStudy(), hyperbandStudy()});
    }
    ProjectSession session(QString::fromStdString(path), OpenMode::ReadWrite);
    session.setWatchInterval(0);

    std::printf("## Exploration overview (%d cores, offscreen, %dx%d, median of %d)\n\n", QThread::idealThreadCount(),
                kViewSize.width(), kViewSize.height(), repeats);
    std::printf("| study | trials | plots | points | dashed segments | mutation links | full render | all layers | "
                "hover change |\n|---|---|---|---|---|---|---|---|---|\n");
    const Breakdown pbt = benchStudy(session, QStringLiteral("bench-pbt"), repeats);
    const Breakdown hyperband = benchStudy(session, QStringLiteral("bench-hyperband"), repeats);
    std::printf("\nWhere a full render goes (besides laying the widgets out and composing the picture):\n\n"
                "| study | lineage and axes | scenes (positions, bands spread) | every layer |\n|---|---|---|---|\n");
    for (const Breakdown& row : {pbt, hyperband})
        std::printf("| %s | %.1f ms | %.1f ms | %.1f ms |\n", qPrintable(row.study), row.lineage, row.scenes, row.layers);
    return 0;
}
