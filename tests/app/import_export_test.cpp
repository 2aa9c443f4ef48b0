#include "session/export_studies.hpp"
#include "session/import_job.hpp"
#include "session/project_session.hpp"
#include "test_support.hpp"

#include "tendril/io/native_format.hpp"
#include "tendril/store/project.hpp"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace tendril;
using namespace tendril::app;

namespace {

class ImportExportTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir_.isValid());
        project_ = dir_.filePath(QStringLiteral("project.tendril"));
        Project(project_.toStdString(), OpenMode::CreateIfMissing).addStudies({test::makeSweepStudy("existing")});
    }

    QString file(const QString& name) const { return dir_.filePath(name); }

    std::vector<std::string> storedNames() const
    {
        return Project(project_.toStdString(), OpenMode::ReadOnly).studyNames();
    }

    QTemporaryDir dir_;
    QString project_;
};

} // namespace

TEST_F(ImportExportTest, ImportsEveryFileInOneGo)
{
    test::writeFile(file(QStringLiteral("a.json")), test::nativeJson({test::makeSweepStudy("first")}));
    test::writeFile(file(QStringLiteral("b.json")),
                    test::nativeJson({test::makeSweepStudy("second"), test::makeSweepStudy("existing")}));
    const ImportOutcome outcome = importIntoProject(project_, {file(QStringLiteral("a.json")), file(QStringLiteral("b.json"))});
    ASSERT_TRUE(outcome.ok()) << outcome.error.toStdString();
    // A taken name gets a numbered suffix rather than replacing the study.
    EXPECT_EQ(outcome.storedNames, (QStringList{QStringLiteral("first"), QStringLiteral("second"),
                                               QStringLiteral("existing-2")}));
    EXPECT_EQ(storedNames().size(), 4u);
}

TEST_F(ImportExportTest, ABadFileChangesNothingAndIsNamed)
{
    test::writeFile(file(QStringLiteral("good.json")), test::nativeJson({test::makeSweepStudy("good")}));
    QByteArray broken = test::nativeJson({test::makeSweepStudy("broken")});
    broken.replace("\"complete\"", "\"done\"");
    test::writeFile(file(QStringLiteral("broken.json")), broken);

    const ImportOutcome outcome =
        importIntoProject(project_, {file(QStringLiteral("good.json")), file(QStringLiteral("broken.json"))});
    ASSERT_FALSE(outcome.ok());
    EXPECT_TRUE(outcome.storedNames.isEmpty());
    EXPECT_TRUE(outcome.error.contains(QStringLiteral("broken.json"))) << outcome.error.toStdString();
    EXPECT_TRUE(outcome.error.contains(QStringLiteral("done"))) << outcome.error.toStdString();
    EXPECT_EQ(storedNames(), std::vector<std::string>{"existing"});
}

TEST_F(ImportExportTest, MissingProjectIsAnError)
{
    test::writeFile(file(QStringLiteral("good.json")), test::nativeJson({test::makeSweepStudy("good")}));
    const ImportOutcome outcome = importIntoProject(file(QStringLiteral("nowhere.tendril")), {file(QStringLiteral("good.json"))});
    EXPECT_FALSE(outcome.ok());
    EXPECT_TRUE(outcome.error.contains(QStringLiteral("nowhere.tendril"))) << outcome.error.toStdString();
}

TEST_F(ImportExportTest, JobRunsInTheBackgroundAndReportsOnce)
{
    test::writeFile(file(QStringLiteral("a.json")), test::nativeJson({test::makeSweepStudy("first")}));
    ImportJob job;
    QSignalSpy started(&job, &ImportJob::started);
    QSignalSpy finished(&job, &ImportJob::finished);
    ASSERT_TRUE(job.start(project_, {file(QStringLiteral("a.json"))}));
    EXPECT_FALSE(job.start(project_, {file(QStringLiteral("a.json"))}));  // one at a time
    EXPECT_EQ(started.count(), 1);
    ASSERT_TRUE(finished.wait(30000));
    const auto outcome = finished.first().first().value<ImportOutcome>();
    EXPECT_EQ(outcome.storedNames, QStringList{QStringLiteral("first")});
    EXPECT_FALSE(job.isRunning());
}

TEST_F(ImportExportTest, NativeExportReadsBackToTheSameStudies)
{
    ProjectSession session(project_, OpenMode::ReadWrite);
    const QString out = file(QStringLiteral("out.json"));
    exportStudies(session, {QStringLiteral("existing")}, out, ExportFormat::Native);
    const NativeDocument doc = readNativeFile(out.toStdString());
    ASSERT_EQ(doc.studies.size(), 1u);
    EXPECT_EQ(doc.projectName, "project");
    EXPECT_EQ(doc.studies[0], *session.study(QStringLiteral("existing")));
}

TEST_F(ImportExportTest, CsvExportHasOneRowPerTrial)
{
    ProjectSession session(project_, OpenMode::ReadWrite);
    const QString out = file(QStringLiteral("out.csv"));
    exportStudies(session, {QStringLiteral("existing")}, out, ExportFormat::Csv);
    QFile csv(out);
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    ASSERT_EQ(lines.size(), 7);  // header + 6 trials
    EXPECT_TRUE(lines[0].startsWith("id,study,state,lr,layers,optimizer")) << lines[0].toStdString();
}

TEST_F(ImportExportTest, ExportNamesWhatIsWrong)
{
    ProjectSession session(project_, OpenMode::ReadWrite);
    try {
        exportStudies(session, {QStringLiteral("ghost")}, file(QStringLiteral("x.json")), ExportFormat::Native);
        FAIL() << "exported a study that does not exist";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("ghost"), std::string::npos) << e.what();
    }
    EXPECT_THROW(exportStudies(session, {}, file(QStringLiteral("x.json")), ExportFormat::Native), std::runtime_error);
    EXPECT_THROW(exportStudies(session, {QStringLiteral("existing")}, file(QStringLiteral("no/such/dir/x.json")),
                               ExportFormat::Native),
                 std::exception);
}

TEST(ExportFormat, FollowsTheFileExtension)
{
    EXPECT_EQ(exportFormatForPath(QStringLiteral("/x/runs.JSON")), ExportFormat::Native);
    EXPECT_EQ(exportFormatForPath(QStringLiteral("runs.csv")), ExportFormat::Csv);
    EXPECT_FALSE(exportFormatForPath(QStringLiteral("runs.txt")).has_value());
    EXPECT_FALSE(exportFormatForPath(QStringLiteral("runs")).has_value());
}
