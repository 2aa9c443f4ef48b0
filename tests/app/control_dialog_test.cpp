// The study dialog: configurations go in and come out the same, and every kind of bad input is
// refused with its message at the field it names. Also the text forms the dialog edits with
// (arguments, choices, algorithm options).
#include "views/control/algorithm_form.hpp"
#include "views/control/algorithm_options.hpp"
#include "views/control/argument_text.hpp"
#include "views/control/space_editor.hpp"
#include "views/control/space_rows.hpp"
#include "views/control/space_table_model.hpp"
#include "views/control/study_dialog.hpp"

#include "process.hpp"
#include "test_support.hpp"

#include "tendril/io/study_config.hpp"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <filesystem>

namespace tendril::app {
namespace {

std::string examplePath(const std::string& relative)
{
    return tendril::testing::sourceDir() + "/resources/examples/" + relative;
}

class StudyDialogTest : public ::testing::Test {
protected:
    StudyDialog& dialog(StudyDialog::Purpose purpose = StudyDialog::Purpose::NewStudy, const QStringList& taken = {})
    {
        dialog_ = std::make_unique<StudyDialog>(purpose, taken, dir_.path());
        return *dialog_;
    }
    template <class W>
    W* field(const char* name) const
    {
        W* w = dialog_->findChild<W*>(QString::fromLatin1(name));
        EXPECT_NE(w, nullptr) << name;
        return w;
    }

    QTemporaryDir dir_;
    std::unique_ptr<StudyDialog> dialog_;
};

TEST_F(StudyDialogTest, EveryExampleConfigurationComesBackUnchanged)
{
    std::vector<std::string> files;
    for (const char* folder : {"synthetic", "digits"})
        for (const auto& entry : std::filesystem::directory_iterator(examplePath(folder)))
            if (entry.path().extension() == ".json")
                files.push_back(entry.path().string());
    ASSERT_GE(files.size(), 17u);
    for (const std::string& file : files) {
        SCOPED_TRACE(file);
        const StudyConfig original = readStudyConfig(file);
        StudyDialog& d = dialog();
        d.setConfig(original);
        ConfigIssue issue;
        const std::optional<StudyConfig> form = d.formConfig(&issue);
        ASSERT_TRUE(form) << issue.message;
        EXPECT_EQ(*form, original);
        const std::optional<StudyConfig> checked = d.checkedConfig();
        ASSERT_TRUE(checked) << (d.shownIssue() ? d.shownIssue()->message : std::string());
        EXPECT_EQ(*checked, original);
    }
}

TEST_F(StudyDialogTest, EveryFieldRoundTripsIncludingAliasesAndNumbersAsWritten)
{
    const std::string json = R"({
      "name": "odd-one", "command": ["/bin/sh", "run me.sh", "", "say \"hi\"", "back\\slash"],
      "workdir": "/tmp",
      "objective": {"metric": "loss", "direction": "minimize"},
      "metrics": [{"name": "acc", "direction": "maximize"}, {"name": "size", "direction": "minimize"}],
      "space": [
        {"name": "lr", "type": "float", "low": 1e-05, "high": 0.30000000000000004, "log": true},
        {"name": "hidden", "type": "int", "low": 16, "high": 256, "step": 16},
        {"name": "drop", "type": "float", "low": 0, "high": 0.5, "step": 0.125},
        {"name": "act", "type": "categorical", "choices": ["relu", "1e3", "a, b", true, 2.0, 7, " pad"]}
      ],
      "algorithm": {"name": "pbt", "config": {"perturbation_factors": [1.2, 0.8], "quantile_fraction": 0.250,
                                              "population": 6, "perturbation_interval": 2E0}},
      "budget": {"max_trials": 12, "max_resource": 9.5, "resource": "iteration", "max_seconds": 600},
      "resource_arg": "--iters", "workers": 3, "trial_timeout_seconds": 42.5, "kill_grace_seconds": 2.5,
      "env": {"B": "x=y", "A": " spaced "}, "seed": 18446744073709551615, "parent": "first"
    })";
    const StudyConfig original = parseStudyConfig(json, "odd.json", "/");
    StudyDialog& d = dialog(StudyDialog::Purpose::Refine);
    d.setConfig(original);
    EXPECT_EQ(field<QLineEdit>("option_quantile")->text(), QStringLiteral("0.250"));
    EXPECT_EQ(field<QLineEdit>("option_population_size")->text(), QStringLiteral("6"));
    ConfigIssue issue;
    const std::optional<StudyConfig> form = d.formConfig(&issue);
    ASSERT_TRUE(form) << issue.message;
    EXPECT_EQ(*form, original);
    EXPECT_EQ(form->algorithm.configJson,
              R"({"perturbation_factors":[1.2,0.8],"quantile_fraction":0.250,"population":6,"perturbation_interval":2E0})");
}

TEST_F(StudyDialogTest, ABadEtaIsShownAtItsField)
{
    StudyDialog& d = dialog();
    d.setConfig(readStudyConfig(examplePath("synthetic/hyperband.json")));
    auto* eta = field<QLineEdit>("option_eta");
    ASSERT_TRUE(eta);
    eta->setText(QStringLiteral("1"));
    EXPECT_FALSE(d.checkedConfig());
    ASSERT_TRUE(d.shownIssue());
    EXPECT_EQ(d.shownIssue()->path, "algorithm.config.eta");
    EXPECT_EQ(d.shownIssue()->message.rfind("algorithm.config.eta: ", 0), 0u) << d.shownIssue()->message;
    EXPECT_NE(d.shownIssue()->message.find("got 1"), std::string::npos) << d.shownIssue()->message;
    EXPECT_EQ(d.issueWidget(), eta);
    EXPECT_EQ(eta->property("issue").toBool(), true);
    auto* balloon = field<QLabel>("issueBalloon");
    EXPECT_TRUE(balloon->isVisibleTo(&d));
    EXPECT_EQ(balloon->text().toStdString(), d.shownIssue()->message);

    // Text that is not a number reaches the algorithm, which says what it expected.
    eta->setText(QStringLiteral("three"));
    EXPECT_FALSE(balloon->isVisibleTo(&d)) << "editing clears the message";
    EXPECT_FALSE(d.checkedConfig());
    EXPECT_EQ(d.shownIssue()->path, "algorithm.config.eta");
    eta->setText(QStringLiteral("3"));
    EXPECT_TRUE(d.checkedConfig());
    EXPECT_FALSE(eta->property("issue").toBool());
}

TEST_F(StudyDialogTest, AnEmptyRangeIsMarkedInTheTableAndRefused)
{
    StudyDialog& d = dialog();
    d.setConfig(readStudyConfig(examplePath("synthetic/random.json")));
    SpaceTableModel* model = d.spaceEditor()->model();
    const int dropout = model->rowOfName("dropout");
    ASSERT_GE(dropout, 0);
    ASSERT_TRUE(model->setData(model->index(dropout, int(SpaceColumn::Low)), QStringLiteral("0.9")));
    const QModelIndex low = model->index(dropout, int(SpaceColumn::Low));
    const QModelIndex high = model->index(dropout, int(SpaceColumn::High));
    EXPECT_EQ(low.data(SpaceTableModel::IssueRole).toString(), QStringLiteral("low 0.9 is above high 0.7"));
    EXPECT_EQ(high.data(SpaceTableModel::IssueRole).toString(), QStringLiteral("low 0.9 is above high 0.7"));
    EXPECT_TRUE(low.data(Qt::BackgroundRole).isValid());
    EXPECT_EQ(low.data(Qt::ToolTipRole).toString(), QStringLiteral("low 0.9 is above high 0.7"));
    EXPECT_FALSE(model->index(dropout, int(SpaceColumn::Name)).data(Qt::BackgroundRole).isValid());
    // Without a current row the line names the table's first problem.
    auto* issueLine = d.findChild<QLabel*>(QStringLiteral("spaceIssueLine"));
    EXPECT_EQ(issueLine->text().toStdString(), "Row " + std::to_string(dropout + 1) + " · low: low 0.9 is above high 0.7");

    EXPECT_FALSE(d.checkedConfig());
    ASSERT_TRUE(d.shownIssue());
    const std::string path = "space[" + std::to_string(dropout) + "].low";
    EXPECT_EQ(d.shownIssue()->path, path);
    EXPECT_EQ(d.shownIssue()->message, path + ": parameter \"dropout\": low 0.9 is above high 0.7");
    EXPECT_EQ(d.issueWidget(), d.spaceEditor()->table()->viewport());
    EXPECT_EQ(d.spaceEditor()->table()->currentIndex(), low);
    EXPECT_EQ(issueLine->text().toStdString(), "Row " + std::to_string(dropout + 1) +
                                                   " · low: low 0.9 is above high 0.7 · high: low 0.9 is above high 0.7")
        << "the current row's every reason";
}

TEST_F(StudyDialogTest, AMissingCommandIsShownAtTheProgram)
{
    StudyDialog& d = dialog();
    d.setConfig(readStudyConfig(examplePath("synthetic/random.json")));
    auto* program = field<QLineEdit>("programEdit");
    program->setText(QStringLiteral("no-such-trainer-7f3a"));
    EXPECT_FALSE(d.checkedConfig());
    ASSERT_TRUE(d.shownIssue());
    EXPECT_EQ(d.shownIssue()->path, "command[0]");
    EXPECT_EQ(d.shownIssue()->message.rfind("command[0]: \"no-such-trainer-7f3a\" was not found in PATH", 0), 0u)
        << d.shownIssue()->message;
    EXPECT_EQ(d.issueWidget(), program);

    program->clear();
    EXPECT_FALSE(d.checkedConfig());
    EXPECT_EQ(d.shownIssue()->message, "command[0]: choose the program that runs a trial (python3, ./train.sh)");

    program->setText(QStringLiteral("./missing.py"));
    EXPECT_FALSE(d.checkedConfig());
    EXPECT_EQ(d.shownIssue()->path, "command[0]");
    EXPECT_NE(d.shownIssue()->message.find("no such file"), std::string::npos) << d.shownIssue()->message;
}

TEST_F(StudyDialogTest, OtherFieldsNameTheirProblems)
{
    StudyDialog& d = dialog(StudyDialog::Purpose::NewStudy, {QStringLiteral("synthetic-random")});
    d.setConfig(readStudyConfig(examplePath("synthetic/random.json")));
    EXPECT_FALSE(d.checkedConfig());
    EXPECT_EQ(d.shownIssue()->path, "name");
    EXPECT_EQ(d.issueWidget(), field<QLineEdit>("nameEdit"));

    field<QLineEdit>("nameEdit")->setText(QStringLiteral("fresh"));
    field<QLineEdit>("maxTrialsEdit")->setText(QStringLiteral("ten"));
    EXPECT_FALSE(d.checkedConfig());
    EXPECT_EQ(d.shownIssue()->message, "budget.max_trials: expected a whole number, got \"ten\"");
    EXPECT_EQ(d.issueWidget(), field<QLineEdit>("maxTrialsEdit"));

    field<QLineEdit>("maxTrialsEdit")->setText(QStringLiteral("10"));
    field<QPlainTextEdit>("moreOptionsEdit")->setPlainText(QStringLiteral("{\"seed\": }"));
    EXPECT_FALSE(d.checkedConfig());
    EXPECT_EQ(d.shownIssue()->path, "algorithm.config");
    EXPECT_EQ(d.issueWidget(), field<QPlainTextEdit>("moreOptionsEdit"));

    field<QPlainTextEdit>("moreOptionsEdit")->setPlainText(QStringLiteral("{\"sed\": 3}"));
    EXPECT_FALSE(d.checkedConfig());
    EXPECT_EQ(d.shownIssue()->path, "algorithm.config.sed");
    EXPECT_EQ(d.issueWidget(), field<QPlainTextEdit>("moreOptionsEdit"));

    field<QPlainTextEdit>("moreOptionsEdit")->clear();
    field<QPlainTextEdit>("envEdit")->setPlainText(QStringLiteral("OMP_NUM_THREADS=1\nnot a variable"));
    EXPECT_FALSE(d.checkedConfig());
    EXPECT_EQ(d.shownIssue()->message, "env: line 2: expected NAME=value, got \"not a variable\"");
    field<QPlainTextEdit>("envEdit")->setPlainText(QStringLiteral("OMP_NUM_THREADS=1"));
    EXPECT_TRUE(d.checkedConfig());
}

TEST_F(StudyDialogTest, GridSizeFollowsTheSpaceAndTheOptions)
{
    StudyDialog& d = dialog();
    d.setConfig(readStudyConfig(examplePath("synthetic/grid.json")));
    AlgorithmForm* form = d.algorithmForm();
    // learning_rate 3 values x optimizer 2 x dropout 0..0.5 step 0.25 (3) x layers 2.
    EXPECT_EQ(form->gridSizeText().toStdString(), "36 combinations: learning_rate 3 × optimizer 2 × dropout 3 × layers 2");
    SpaceTableModel* model = d.spaceEditor()->model();
    model->setData(model->index(model->rowOfName("optimizer"), int(SpaceColumn::Choices)), QStringLiteral("sgd"));
    EXPECT_EQ(form->gridSizeText().toStdString(),
              "algorithm.config.values.optimizer[1]: value adam is not one of the choices (sgd)")
        << "the grid's own values list names a choice the space no longer has";
    d.findChild<QPlainTextEdit*>(QStringLiteral("moreOptionsEdit"))
        ->setPlainText(QStringLiteral("{\"values\": {\"learning_rate\": [0.001]}, \"steps\": {\"dropout\": 0.25}}"));
    EXPECT_EQ(form->gridSizeText().toStdString(), "24 combinations: learning_rate 1 × optimizer 1 × dropout 3 × layers 8");
    model->setData(model->index(model->rowOfName("layers"), int(SpaceColumn::High)), QStringLiteral("x"));
    EXPECT_EQ(form->gridSizeText().toStdString(), "The grid size shows once the search space has no red cells.");
}

TEST_F(StudyDialogTest, SavedConfigurationReadsBackAsChecked)
{
    StudyDialog& d = dialog();
    StudyConfig config = readStudyConfig(examplePath("synthetic/tpe.json"));
    d.setConfig(config);
    const QString file = dir_.filePath(QStringLiteral("saved.json"));
    QString error;
    ASSERT_TRUE(d.saveConfig(file, &error)) << error.toStdString();
    EXPECT_EQ(readStudyConfig(file.toStdString()), *d.checkedConfig());

    StudyDialog& other = dialog();
    ASSERT_TRUE(other.openConfig(file, &error)) << error.toStdString();
    EXPECT_EQ(*other.checkedConfig(), config);
    EXPECT_FALSE(other.openConfig(dir_.filePath(QStringLiteral("missing.json")), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("missing.json"))) << error.toStdString();
}

TEST_F(StudyDialogTest, StartIsRefusedUntilValidAndShowsTheRunnersRefusal)
{
    StudyDialog& d = dialog();
    d.setConfig(readStudyConfig(examplePath("synthetic/random.json")));
    int calls = 0;
    d.setStartHandler([&](const StudyConfig& c) {
        ++calls;
        EXPECT_EQ(c.name, "synthetic-random");
        return calls == 1 ? QStringLiteral("the runs folder /x of new study \"synthetic-random\" already holds trial folders")
                          : QString();
    });
    d.findChild<QLineEdit*>(QStringLiteral("option_seed"))->setText(QStringLiteral("-1"));
    d.accept();
    EXPECT_EQ(calls, 0) << "nothing runs until the form is valid";
    EXPECT_EQ(d.result(), QDialog::Rejected);
    d.findChild<QLineEdit*>(QStringLiteral("option_seed"))->setText(QStringLiteral("1"));
    d.accept();
    EXPECT_EQ(calls, 1);
    ASSERT_TRUE(d.shownIssue());
    EXPECT_NE(d.shownIssue()->message.find("already holds trial folders"), std::string::npos);
    EXPECT_FALSE(d.acceptedConfig());
    d.accept();
    EXPECT_EQ(calls, 2);
    EXPECT_EQ(d.result(), QDialog::Accepted);
    ASSERT_TRUE(d.acceptedConfig());
    EXPECT_EQ(d.acceptedConfig()->name, "synthetic-random");
}

TEST(ArgumentText, EveryArgumentListSurvivesOneLine)
{
    const QStringList args = {QStringLiteral("train.py"), QStringLiteral("--data"), QStringLiteral("my data"),
                              QString(), QStringLiteral("say \"hi\""), QStringLiteral("back\\slash"),
                              QStringLiteral("\\\""), QStringLiteral("tab\there")};
    const QString line = joinArguments(args);
    QString error;
    EXPECT_EQ(splitArguments(line, &error), std::optional<QStringList>(args)) << line.toStdString();
    EXPECT_EQ(splitArguments(QStringLiteral("  a   b\t\"c d\"e  "), &error),
              std::optional<QStringList>({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c de")}));
    EXPECT_FALSE(splitArguments(QStringLiteral("a \"b"), &error));
    EXPECT_EQ(error, QStringLiteral("a double quote is not closed"));
}

TEST(SpaceRows, ChoicesReadBackAsTheSameValues)
{
    const std::vector<Value> choices = {Value("relu"), Value("1e3"), Value("a, b"), Value(true), Value(2.0),
                                        Value(std::int64_t{7}), Value(" pad"), Value(""), Value("say \"x\"")};
    const std::string text = formatChoices(choices);
    EXPECT_EQ(text, R"(relu, "1e3", "a, b", true, 2.0, 7, " pad", "", "say \"x\"")");
    std::string error;
    const auto back = parseChoices(text, &error);
    ASSERT_TRUE(back) << error;
    ASSERT_EQ(back->size(), choices.size());
    for (std::size_t i = 0; i < choices.size(); ++i) {
        EXPECT_EQ((*back)[i].kind(), choices[i].kind()) << i;
        EXPECT_EQ((*back)[i], choices[i]) << i;
    }
    EXPECT_FALSE(parseChoices("a,,b", &error));
    EXPECT_EQ(error, "choice 2 is empty");
    EXPECT_FALSE(parseChoices("\"open", &error));
}

TEST(SpaceRows, EachCellSaysWhatIsWrongWithIt)
{
    std::vector<SpaceRow> rows = {
        {"lr", ParamType::Float, "0", "0.1", true, "", ""},
        {"lr", ParamType::Int, "1.5", "x", false, "0.5", ""},
        {"", ParamType::Categorical, "", "", false, "", "a, a"},
        {"ok", ParamType::Float, "0", "1", false, "0.1", ""},
    };
    auto issues = [&](std::size_t i) {
        std::map<SpaceColumn, std::string> out;
        for (const CellIssue& c : rowIssues(rows, i))
            out[c.column] = c.message;
        return out;
    };
    EXPECT_EQ(issues(0), (std::map<SpaceColumn, std::string>{{SpaceColumn::Low, "a log-scaled range needs low > 0, got 0"}}));
    EXPECT_EQ(issues(1), (std::map<SpaceColumn, std::string>{
                             {SpaceColumn::Name, "the name \"lr\" is already used in row 1"},
                             {SpaceColumn::Low, "an int range needs whole-number bounds, got 1.5"},
                             {SpaceColumn::High, "expected a number, got \"x\""},
                             {SpaceColumn::Step, "an int range needs a whole-number step, got 0.5"}}));
    EXPECT_EQ(issues(2), (std::map<SpaceColumn, std::string>{{SpaceColumn::Name, "a parameter needs a name"},
                                                             {SpaceColumn::Choices, "the choice a appears twice"}}));
    EXPECT_TRUE(issues(3).empty());
    EXPECT_EQ(paramForRow(rows, 3), Param::floatRange("ok", 0, 1, false, 0.1));
    EXPECT_FALSE(spaceForRows(rows));
}

TEST(AlgorithmOptions, MembersKeepTheirOrderAndDigits)
{
    const JsonMembers members = splitJsonObject(R"({"b": 1.50, "a": [1, {"x": 2e3}], "c": "s"})", "cfg");
    ASSERT_EQ(members.size(), 3u);
    EXPECT_EQ(members[0], (std::pair<std::string, std::string>{"b", "1.50"}));
    EXPECT_EQ(members[1], (std::pair<std::string, std::string>{"a", "[1,{\"x\":2e3}]"}));
    EXPECT_EQ(joinJsonObject(members), R"({"b":1.50,"a":[1,{"x":2e3}],"c":"s"})");
    EXPECT_THROW(splitJsonObject("[1]", "cfg"), FormatError);
    EXPECT_THROW(splitJsonObject(R"({"a": 1, "a": 2})", "cfg"), FormatError);
    EXPECT_TRUE(splitJsonObject("  ", "cfg").empty());

    EXPECT_EQ(optionJson(" 3 "), "3");
    EXPECT_EQ(optionJson("1e-3"), "1e-3");
    EXPECT_EQ(optionJson("auto"), "\"auto\"");
    EXPECT_EQ(optionJson("3 epochs"), "\"3 epochs\"");
    EXPECT_EQ(optionText("\"auto\""), "auto");
    EXPECT_EQ(optionText("0.250"), "0.250");

    // Loaded order first, the form winning over extra members, then new form members, then new extras.
    const JsonMembers composed =
        composeAlgorithmConfig({"seed", "values", "eta"}, {{"eta", "4"}, {"min_resource", "2"}, {"seed", "9"}},
                               {{"values", "{}"}, {"seed", "1"}, {"steps", "{}"}});
    EXPECT_EQ(joinJsonObject(composed), R"({"seed":9,"values":{},"eta":4,"min_resource":2,"steps":{}})");
}

} // namespace
} // namespace tendril::app
