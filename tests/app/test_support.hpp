// Shared helpers for the desktop application tests.
#pragma once

#include "tendril/core/study.hpp"

#include <QByteArray>
#include <QColor>
#include <QImage>
#include <QRect>
#include <QString>
#include <QStringList>

class QWidget;

#include <ostream>

// Readable QStrings in assertion messages (found by argument-dependent lookup, hence global).
inline void PrintTo(const QString& text, std::ostream* out)
{
    *out << '"' << text.toStdString() << '"';
}

namespace tendril::app::test {

// Where the build put the programs: TENDRIL_BIN_DIR, else the folder of this test binary.
QString binDir();
// The tendril/1 demo the app bundles, as the app itself reads it.
QByteArray bundledDemoJson();
// The names of the studies in the bundled demo, in file order.
QStringList demoStudyNames();

void writeFile(const QString& path, const QByteArray& bytes);

// The widget as it is on screen (after pending events), in RGB32; also saved as `name` in
// TENDRIL_SCREENSHOT_DIR when that is set, so the pictures can be looked at.
QImage screenshot(QWidget& widget, const QString& name);
// Pixels within tolerance of a colour on every channel, in the area (the whole image when empty).
int pixelsNear(const QImage& image, const QColor& colour, int tolerance, const QRect& area = QRect());
// Distinct colours over every other pixel: a blank or one-colour grab has a handful.
int colourCount(const QImage& image);

// A small valid study with every case a table must handle: NaN and missing metrics, a failed, a
// running and a pruned trial, ids that sort wrongly as plain text (t2, t10), and a parameter and a
// metric that only one trial reports.
Study makeSweepStudy(const std::string& name = "sweep");

// A whole tendril/1 document with the given studies, as a file would hold it.
QByteArray nativeJson(const std::vector<Study>& studies);

// Collects what QAbstractItemModelTester reports while alive, so a test can assert there was nothing.
class ModelTesterLog {
public:
    ModelTesterLog();
    ~ModelTesterLog();
    QStringList failures() const;
};

} // namespace tendril::app::test
