#include "cli_fixture.hpp"

#include "tendril/io/native_format.hpp"

#include <filesystem>
#include <sstream>

using namespace tendril;
using namespace tendril::testing;
namespace fs = std::filesystem;

TEST_F(CliTest, NativeExportImportsBackToTheSameStudies)
{
    const std::string project = importSample();
    const std::string first = dir.file("first.json");
    const ProcessResult r = cli({"export", "--project", project, "--format", "native", "--out", first});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "exported 2 studies (7 trials) to " + first + "\n");

    const std::string copy = dir.file("copy.tendril");
    ASSERT_EQ(cli({"import", first, "--project", copy}).exitCode, 0);
    const std::string second = dir.file("second.json");
    ASSERT_EQ(cli({"export", "--project", copy, "--out", second}).exitCode, 0);

    const NativeDocument original = readNativeText(kSampleRuns, "runs.json");
    const NativeDocument a = readNativeFile(first);
    const NativeDocument b = readNativeFile(second);
    ASSERT_EQ(a.studies.size(), 2u);
    EXPECT_EQ(a.studies, b.studies);
    // Against the original input: same trials, params, metrics, curves, lineage and notes.
    for (std::size_t i = 0; i < original.studies.size(); ++i) {
        const Study& in = original.studies[i];
        const Study& out = a.studies[i];
        EXPECT_EQ(out.name, in.name);
        EXPECT_EQ(out.trials, in.trials) << in.name;
        EXPECT_EQ(out.notes, in.notes);
        EXPECT_EQ(out.space.params.size(), in.space.params.size());
        EXPECT_EQ(out.algorithm.name, in.algorithm.name);
        EXPECT_EQ(out.parent, in.parent);
        EXPECT_EQ(out.budget, in.budget);
    }
    EXPECT_EQ(a.studies[0].space, original.studies[0].space);
    EXPECT_EQ(studiesJson(project), studiesJson(copy));
}

TEST_F(CliTest, ExportSelectedStudiesOnly)
{
    const std::string project = importSample();
    const std::string out = dir.file("pbt.json");
    ASSERT_EQ(cli({"export", "--project", project, "--study", "mlp-pbt", "--out", out}).exitCode, 0);
    const NativeDocument doc = readNativeFile(out);
    ASSERT_EQ(doc.studies.size(), 1u);
    EXPECT_EQ(doc.studies[0].name, "mlp-pbt");

    const ProcessResult unknown = cli({"export", "--project", project, "--study", "x", "--out", dir.file("x.json")});
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_NE(errorLine(unknown).find("\"x\""), std::string::npos);
    EXPECT_FALSE(fs::exists(dir.file("x.json")));
}

TEST_F(CliTest, CsvHasOneRowPerTrialWithEveryParamAndMetric)
{
    const std::string project = importSample();
    const std::string out = dir.file("trials.csv");
    ASSERT_EQ(cli({"export", "--project", project, "--format", "csv", "--out", out}).exitCode, 0);
    std::istringstream csv(readFile(out));
    std::string header;
    std::getline(csv, header);
    EXPECT_EQ(header.rfind("id,study,state,", 0), 0u) << header;
    for (const char* column : {"lr", "layers", "activation", "val_acc", "model_size_mb", "val_loss"})
        EXPECT_NE(header.find(column), std::string::npos) << column;
    int rows = 0;
    std::string line, all;
    while (std::getline(csv, line)) {
        ++rows;
        all += line + "\n";
    }
    EXPECT_EQ(rows, 7);
    EXPECT_NE(all.find("\"tanh, \"\"quoted\"\"\""), std::string::npos) << all;  // RFC 4180 quoting
    EXPECT_NE(all.find("t3,mlp-random,failed"), std::string::npos);
    // The extension picks the format when --format is absent.
    const std::string implicitCsv = dir.file("again.csv");
    ASSERT_EQ(cli({"export", "--project", project, "--out", implicitCsv}).exitCode, 0);
    EXPECT_EQ(readFile(implicitCsv), readFile(out));
}

TEST_F(CliTest, ExportToUnwritablePlaceFailsCleanly)
{
    const std::string project = importSample();
    const std::string out = dir.file("missing-folder/out.json");
    const ProcessResult r = cli({"export", "--project", project, "--out", out});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(errorLine(r).find("out.json"), std::string::npos);
    EXPECT_FALSE(fs::exists(out));
}
