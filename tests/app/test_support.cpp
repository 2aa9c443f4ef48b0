#include "test_support.hpp"

#include "tendril/io/native_format.hpp"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMutex>
#include <QProcessEnvironment>
#include <QSet>
#include <QWidget>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <sstream>

namespace tendril::app::test {

QString binDir()
{
    const QString configured = QProcessEnvironment::systemEnvironment().value(QStringLiteral("TENDRIL_BIN_DIR"));
    // The build puts every program in one folder, this test binary included.
    return configured.isEmpty() ? QCoreApplication::applicationDirPath() : configured;
}

QByteArray bundledDemoJson()
{
    QFile file(QStringLiteral(":/demo/demo.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QStringList demoStudyNames()
{
    const QByteArray json = bundledDemoJson();
    const NativeDocument doc = readNativeText(std::string_view(json.constData(), static_cast<std::size_t>(json.size())),
                                              "demo.json");
    QStringList names;
    for (const Study& s : doc.studies)
        names << QString::fromStdString(s.name);
    return names;
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate)) << path.toStdString();
    ASSERT_EQ(file.write(bytes), bytes.size());
}

Study makeSweepStudy(const std::string& name)
{
    Study study;
    study.name = name;
    study.objective = {"val_acc", Direction::Maximize};
    study.metrics = {{"val_loss", Direction::Minimize}};
    study.space.params = {Param::floatRange("lr", 1e-5, 1e-1, true), Param::intRange("layers", 2, 12),
                          Param::categorical("optimizer", {Value("sgd"), Value("adam")}),
                          Param::intRange("warmup", 0, 10)};
    study.algorithm = {"random", ""};
    const double nan = std::nan("");
    struct Row {
        const char* id;
        TrialState state;
        double lr;
        int layers;
        const char* optimizer;
        std::optional<double> acc;
        std::optional<double> loss;
    };
    const Row rows[] = {
        {"t0", TrialState::Complete, 1e-3, 4, "adam", 0.81, 0.52},
        {"t1", TrialState::Failed, 0.09, 10, "sgd", nan, nan},
        {"t2", TrialState::Complete, 0.00012, 2, "sgd", 0.62, 0.95},
        {"t3", TrialState::Running, 3e-4, 8, "adam", std::nullopt, std::nullopt},
        {"t10", TrialState::Complete, 2e-3, 12, "adam", 0.88, 0.41},
        {"t4", TrialState::Pruned, 5e-5, 6, "sgd", 0.7, std::nullopt},
    };
    std::int64_t number = 0;
    for (const Row& r : rows) {
        Trial t;
        t.id = r.id;
        t.number = number++;
        t.state = r.state;
        t.setParam("lr", r.lr);
        t.setParam("layers", r.layers);
        t.setParam("optimizer", r.optimizer);
        if (r.acc)
            t.setMetric("val_acc", *r.acc);
        if (r.loss)
            t.setMetric("val_loss", *r.loss);
        if (r.state == TrialState::Failed)
            t.error = "exit status 1: loss is nan at epoch 2";
        study.trials.push_back(t);
    }
    // Reported by one trial only.
    study.trials[4].setParam("warmup", 5);
    study.trials[4].setMetric("epochs", 27);
    return study;
}

QByteArray nativeJson(const std::vector<Study>& studies)
{
    std::ostringstream out;
    writeNative(out, NativeDocument{"tests", studies});
    return QByteArray::fromStdString(out.str());
}

namespace {
QMutex logMutex;
QStringList* activeLog = nullptr;
QtMessageHandler previousHandler = nullptr;

void collect(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    {
        QMutexLocker lock(&logMutex);
        if (activeLog && context.category && QByteArray(context.category) == "qt.modeltest"
            && type >= QtWarningMsg) {
            activeLog->append(message);
            return;
        }
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

QStringList collected;
} // namespace

ModelTesterLog::ModelTesterLog()
{
    QMutexLocker lock(&logMutex);
    collected.clear();
    activeLog = &collected;
    previousHandler = qInstallMessageHandler(collect);
}

ModelTesterLog::~ModelTesterLog()
{
    QMutexLocker lock(&logMutex);
    activeLog = nullptr;
    qInstallMessageHandler(previousHandler);
}

QStringList ModelTesterLog::failures() const
{
    QMutexLocker lock(&logMutex);
    return collected;
}

QImage screenshot(QWidget& widget, const QString& name)
{
    QApplication::processEvents();
    const QImage image = widget.grab().toImage().convertToFormat(QImage::Format_RGB32);
    const QString dir = qEnvironmentVariable("TENDRIL_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        image.save(QDir(dir).filePath(name));
    }
    return image;
}

int pixelsNear(const QImage& image, const QColor& colour, int tolerance, const QRect& area)
{
    const QRect r = area.isNull() ? image.rect() : area.intersected(image.rect());
    int n = 0;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x) {
            const QRgb p = image.pixel(x, y);
            n += std::abs(qRed(p) - colour.red()) <= tolerance && std::abs(qGreen(p) - colour.green()) <= tolerance
                && std::abs(qBlue(p) - colour.blue()) <= tolerance;
        }
    return n;
}

int colourCount(const QImage& image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

} // namespace tendril::app::test
