#include "views/control/study_dialog.hpp"

#include "ui_study_dialog.h"

#include "style/labels.hpp"
#include "views/control/algorithm_form.hpp"
#include "views/control/argument_text.hpp"
#include "views/control/control_colors.hpp"
#include "views/control/refine_config.hpp"
#include "views/control/space_editor.hpp"
#include "views/control/space_table_model.hpp"

#include "tendril/io/format_error.hpp"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QPushButton>
#include <QSaveFile>
#include <QTimer>

#include <charconv>
#include <cmath>

namespace tendril::app {

namespace {

constexpr double kDefaultKillGrace = 5.0;  // StudyConfig's default, left out of the form

std::string trimmed(const QString& text)
{
    return text.trimmed().toStdString();
}

QString quotedText(const std::string& text)
{
    return QLatin1Char('"') + qstr(text) + QLatin1Char('"');
}

// An optional number field: empty is "not set".
bool readOptionalNumber(const QLineEdit* edit, const char* path, bool whole, std::optional<double>* out,
                        ConfigIssue* issue)
{
    const std::string text = trimmed(edit->text());
    out->reset();
    if (text.empty())
        return true;
    const std::optional<double> v = parseNumberText(text);
    // Whole numbers become 64-bit integers: beyond ±2^63 there is no such integer.
    const bool representable = !whole || (v && std::abs(*v) < 9.2e18 && std::floor(*v) == *v);
    if (!v || !representable) {
        *issue = {path, std::string(path) + ": expected " + (whole ? "a whole number" : "a number") + ", got " +
                            quotedText(text).toStdString()};
        return false;
    }
    *out = v;
    return true;
}

} // namespace

StudyDialog::StudyDialog(Purpose purpose, const QStringList& takenNames, const QString& baseDir, QWidget* parent)
    : QDialog(parent), ui_(std::make_unique<Ui::StudyDialog>()), purpose_(purpose), baseDir_(baseDir),
      balloon_(new QLabel(this))
{
    ui_->setupUi(this);
    for (const QString& name : takenNames)
        takenNames_.push_back(name.toStdString());
    setWindowTitle(purpose == Purpose::Refine ? tr("Refine study") : tr("New study"));
    ui_->buttons->button(QDialogButtonBox::Ok)->setText(tr("Start"));
    ui_->buttons->button(QDialogButtonBox::Ok)->setDefault(true);
    ui_->issueLabel->hide();
    ui_->narrowedLabel->hide();
    // Colours from the palette the dialog opens with: it is modal, so the theme cannot change under it.
    const ControlColors colors = ControlColors::of(palette());
    ui_->introLabel->setStyleSheet(QStringLiteral("color: %1;").arg(colors.muted.name()));
    ui_->issueLabel->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; border: 1px solid %3; "
                                                  "border-radius: 4px; padding: 6px 8px; }")
                                       .arg(colors.bannerBackground.name(), colors.bannerText.name(),
                                            colors.bannerBorder.name()));

    balloon_->setObjectName(QStringLiteral("issueBalloon"));
    balloon_->setWordWrap(true);
    balloon_->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; border-radius: 4px; padding: 5px 8px; }")
                                .arg(colors.balloonBackground.name(), colors.balloonText.name()));
    balloon_->hide();
    // Marks the field a message is about; the property is set and cleared by showIssue/clearIssue.
    setStyleSheet(QStringLiteral(
        "QLineEdit[issue=\"true\"], QPlainTextEdit[issue=\"true\"], QComboBox[issue=\"true\"], "
        "QSpinBox[issue=\"true\"], QTableWidget[issue=\"true\"] { border: 1px solid %1; "
        "border-radius: 3px; background: %2; }")
                      .arg(colors.issueBorder.name(), colors.issueField.name()));

    ui_->metricsTable->horizontalHeader()->setStretchLastSection(false);
    ui_->metricsTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    ui_->metricsTable->horizontalHeader()->resizeSection(1, 150);
    ui_->metricsTable->verticalHeader()->setDefaultSectionSize(26);
    connect(ui_->addMetricButton, &QPushButton::clicked, this, [this] {
        addMetricRow({}, Direction::Minimize);
        ui_->metricsTable->editItem(ui_->metricsTable->item(ui_->metricsTable->rowCount() - 1, 0));
    });
    connect(ui_->removeMetricButton, &QPushButton::clicked, this, [this] {
        if (ui_->metricsTable->currentRow() >= 0)
            ui_->metricsTable->removeRow(ui_->metricsTable->currentRow());
        formEdited();
    });
    connect(ui_->browseProgramButton, &QPushButton::clicked, this, &StudyDialog::browseProgram);
    connect(ui_->browseWorkdirButton, &QPushButton::clicked, this, &StudyDialog::browseWorkdir);
    connect(ui_->saveConfigButton, &QPushButton::clicked, this, &StudyDialog::saveConfigAs);
    connect(ui_->openConfigButton, &QPushButton::clicked, this, &StudyDialog::openConfigFile);
    connect(ui_->buttons, &QDialogButtonBox::accepted, this, &StudyDialog::accept);
    connect(ui_->tabs, &QTabWidget::currentChanged, this, &StudyDialog::placeBalloon);
    connect(spaceEditor(), &SpaceEditor::edited, this, [this] { algorithmForm()->setSpace(spaceEditor()->space()); });
    connectEdits();

    StudyConfig fresh;
    fresh.name = uniqueStudyName("study", takenNames_);
    fresh.workdir = baseDir.toStdString();
    fresh.algorithm.name = "tpe";
    setConfig(fresh);
    resize(900, 660);
}

StudyDialog::~StudyDialog() = default;

SpaceEditor* StudyDialog::spaceEditor() const
{
    return ui_->spaceEditor;
}

AlgorithmForm* StudyDialog::algorithmForm() const
{
    return ui_->algorithmForm;
}

void StudyDialog::connectEdits()
{
    for (QLineEdit* edit : {ui_->nameEdit, ui_->programEdit, ui_->argsEdit, ui_->workdirEdit, ui_->objectiveEdit,
                            ui_->maxTrialsEdit, ui_->maxResourceEdit, ui_->resourceEdit, ui_->resourceArgEdit,
                            ui_->maxSecondsEdit, ui_->timeoutEdit, ui_->killGraceEdit, ui_->seedEdit})
        connect(edit, &QLineEdit::textChanged, this, &StudyDialog::formEdited);
    connect(ui_->envEdit, &QPlainTextEdit::textChanged, this, &StudyDialog::formEdited);
    connect(ui_->directionCombo, &QComboBox::currentIndexChanged, this, &StudyDialog::formEdited);
    connect(ui_->workersSpin, &QSpinBox::valueChanged, this, &StudyDialog::formEdited);
    connect(ui_->metricsTable, &QTableWidget::itemChanged, this, &StudyDialog::formEdited);
    connect(spaceEditor(), &SpaceEditor::edited, this, &StudyDialog::formEdited);
    connect(algorithmForm(), &AlgorithmForm::edited, this, &StudyDialog::formEdited);
}

void StudyDialog::formEdited()
{
    if (!filling_)
        clearIssue();
}

void StudyDialog::addMetricRow(const QString& name, Direction direction)
{
    QTableWidget* table = ui_->metricsTable;
    const int row = table->rowCount();
    table->insertRow(row);
    table->setItem(row, 0, new QTableWidgetItem(name));
    auto* combo = new QComboBox(table);
    combo->addItems({QStringLiteral("maximize"), QStringLiteral("minimize")});
    combo->setCurrentIndex(direction == Direction::Maximize ? 0 : 1);
    connect(combo, &QComboBox::currentIndexChanged, this, &StudyDialog::formEdited);
    table->setCellWidget(row, 1, combo);
}

void StudyDialog::setConfig(const StudyConfig& config)
{
    filling_ = true;
    ui_->nameEdit->setText(qstr(config.name));
    parent_ = config.parent;
    ui_->parentLabel->setText(config.parent.empty() ? tr("— (a study of its own)") : qstr(config.parent));
    ui_->programEdit->setText(config.command.empty() ? QString() : qstr(config.command.front()));
    QStringList args;
    for (std::size_t i = 1; i < config.command.size(); ++i)
        args << qstr(config.command[i]);
    ui_->argsEdit->setText(joinArguments(args));
    ui_->workdirEdit->setText(qstr(config.workdir));
    ui_->objectiveEdit->setText(qstr(config.objective.metric));
    ui_->directionCombo->setCurrentIndex(config.objective.direction == Direction::Maximize ? 0 : 1);
    ui_->metricsTable->setRowCount(0);
    for (const MetricSpec& m : config.metrics)
        addMetricRow(qstr(m.name), m.direction);
    QStringList env;
    for (const auto& [key, value] : config.env)
        env << qstr(key) + QLatin1Char('=') + qstr(value);
    ui_->envEdit->setPlainText(env.join(QLatin1Char('\n')));

    spaceEditor()->setSpace(config.space);
    algorithmForm()->setAlgorithm(config.algorithm.name, config.algorithm.configJson);
    algorithmForm()->setSpace(spaceEditor()->space());

    const Budget& b = config.budget;
    ui_->maxTrialsEdit->setText(b.maxTrials ? QString::number(*b.maxTrials) : QString());
    ui_->maxResourceEdit->setText(b.maxResource ? qstr(formatDouble(*b.maxResource)) : QString());
    ui_->resourceEdit->setText(qstr(b.resource));
    ui_->maxSecondsEdit->setText(b.maxSeconds ? qstr(formatDouble(*b.maxSeconds)) : QString());
    ui_->resourceArgEdit->setText(qstr(config.resourceArg));
    ui_->workersSpin->setValue(config.workers);
    ui_->timeoutEdit->setText(config.trialTimeoutSeconds ? qstr(formatDouble(*config.trialTimeoutSeconds)) : QString());
    ui_->killGraceEdit->setText(config.killGraceSeconds == kDefaultKillGrace ? QString()
                                                                              : qstr(formatDouble(config.killGraceSeconds)));
    ui_->seedEdit->setText(config.seed ? QString::number(*config.seed) : QString());

    if (purpose_ == Purpose::Refine)
        ui_->introLabel->setText(tr("Refines <b>%1</b>: everything below is taken from it. Change what the next "
                                    "batch should do differently, then Start.")
                                     .arg(qstr(config.parent).toHtmlEscaped()));
    else
        ui_->introLabel->setText(tr("Runs the program once per trial in the working folder, with the arguments and "
                                    "then <tt>--&lt;parameter&gt; &lt;value&gt;</tt> for every parameter, and records "
                                    "every JSON line it prints in this project."));
    clearIssue();
    filling_ = false;
}

void StudyDialog::setNarrowingNotes(const std::vector<std::string>& notes)
{
    QStringList lines;
    for (const std::string& note : notes)
        lines << qstr(note).toHtmlEscaped();
    ui_->narrowedLabel->setVisible(true);
    if (lines.isEmpty())
        ui_->narrowedLabel->setText(QStringLiteral("<span style='color:%1'>%2</span>")
                                        .arg(ControlColors::of(palette()).muted.name(),
                                             tr("No brushes on the views: the space is the one of %1. Brush parameter "
                                                "axes in the views to narrow it.")
                                                 .arg(qstr(parent_).toHtmlEscaped())));
    else
        ui_->narrowedLabel->setText(tr("<b>Narrowed to the brushes on the views:</b> %1")
                                        .arg(lines.join(QStringLiteral(" · "))));
}

std::optional<StudyConfig> StudyDialog::formConfig(ConfigIssue* issue) const
{
    ConfigIssue local;
    ConfigIssue& out = issue ? *issue : local;
    StudyConfig c;
    c.name = trimmed(ui_->nameEdit->text());
    c.parent = parent_;
    const std::string program = trimmed(ui_->programEdit->text());
    if (program.empty()) {
        out = {"command[0]", "command[0]: choose the program that runs a trial (python3, ./train.sh)"};
        return std::nullopt;
    }
    QString argsError;
    const std::optional<QStringList> args = splitArguments(ui_->argsEdit->text(), &argsError);
    if (!args) {
        out = {"command[1]", "command: arguments: " + argsError.toStdString()};
        return std::nullopt;
    }
    c.command.push_back(program);
    for (const QString& arg : *args)
        c.command.push_back(arg.toStdString());
    c.workdir = trimmed(ui_->workdirEdit->text());
    c.objective = {trimmed(ui_->objectiveEdit->text()),
                   ui_->directionCombo->currentIndex() == 0 ? Direction::Maximize : Direction::Minimize};
    for (int row = 0; row < ui_->metricsTable->rowCount(); ++row) {
        const QTableWidgetItem* item = ui_->metricsTable->item(row, 0);
        const std::string name = item ? trimmed(item->text()) : std::string();
        const std::string path = "metrics[" + std::to_string(row) + "].name";
        if (name.empty()) {
            out = {path, path + ": a metric needs a name (or remove the row)"};
            return std::nullopt;
        }
        const auto* combo = qobject_cast<const QComboBox*>(ui_->metricsTable->cellWidget(row, 1));
        c.metrics.push_back({name, combo && combo->currentIndex() == 0 ? Direction::Maximize : Direction::Minimize});
    }

    const std::optional<SearchSpace> space = spaceEditor()->space();
    if (!space) {
        const auto [row, column, why] = spaceEditor()->model()->firstIssue();
        const std::string name = spaceEditor()->model()->rows()[static_cast<std::size_t>(row)].name;
        const std::string path = "space[" + std::to_string(row) + "]." + std::string(spaceColumnField(column));
        out = {path, path + ": parameter " + quotedText(name).toStdString() + ": " + why};
        return std::nullopt;
    }
    c.space = *space;
    c.algorithm.name = algorithmForm()->algorithmName();
    const std::optional<std::string> algorithmConfig = algorithmForm()->configJson(&out);
    if (!algorithmConfig)
        return std::nullopt;
    c.algorithm.configJson = *algorithmConfig;

    std::optional<double> number;
    if (!readOptionalNumber(ui_->maxTrialsEdit, "budget.max_trials", true, &number, &out))
        return std::nullopt;
    if (number)
        c.budget.maxTrials = static_cast<std::int64_t>(*number);
    if (!readOptionalNumber(ui_->maxResourceEdit, "budget.max_resource", false, &c.budget.maxResource, &out)
        || !readOptionalNumber(ui_->maxSecondsEdit, "budget.max_seconds", false, &c.budget.maxSeconds, &out)
        || !readOptionalNumber(ui_->timeoutEdit, "trial_timeout_seconds", false, &c.trialTimeoutSeconds, &out)
        || !readOptionalNumber(ui_->killGraceEdit, "kill_grace_seconds", false, &number, &out))
        return std::nullopt;
    c.killGraceSeconds = number.value_or(kDefaultKillGrace);
    c.budget.resource = trimmed(ui_->resourceEdit->text());
    c.resourceArg = trimmed(ui_->resourceArgEdit->text());
    c.workers = ui_->workersSpin->value();

    const std::string seed = trimmed(ui_->seedEdit->text());
    if (!seed.empty()) {
        std::uint64_t value = 0;
        const auto [end, ec] = std::from_chars(seed.data(), seed.data() + seed.size(), value);
        if (ec != std::errc() || end != seed.data() + seed.size()) {
            out = {"seed", "seed: expected a whole number from 0 to 18446744073709551615, got " +
                               quotedText(seed).toStdString()};
            return std::nullopt;
        }
        c.seed = value;
    }

    const QStringList lines = ui_->envEdit->toPlainText().split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        if (lines[i].trimmed().isEmpty())
            continue;
        const qsizetype eq = lines[i].indexOf(QLatin1Char('='));
        const QString key = eq < 0 ? QString() : lines[i].left(eq).trimmed();
        if (key.isEmpty()) {
            out = {"env", "env: line " + std::to_string(i + 1) + ": expected NAME=value, got " +
                              quotedText(lines[i].toStdString()).toStdString()};
            return std::nullopt;
        }
        c.env.emplace_back(key.toStdString(), lines[i].mid(eq + 1).toStdString());
    }
    return c;
}

std::optional<StudyConfig> StudyDialog::checkedConfig()
{
    clearIssue();
    ConfigIssue issue;
    const std::optional<StudyConfig> form = formConfig(&issue);
    if (!form) {
        showIssue(issue);
        return std::nullopt;
    }
    StudyConfig normalized;
    if (const std::optional<ConfigIssue> problem = checkStudyConfig(*form, takenNames_, baseDir_.toStdString(), &normalized)) {
        showIssue(*problem);
        return std::nullopt;
    }
    return normalized;
}

void StudyDialog::setStartHandler(StartHandler handler)
{
    startHandler_ = std::move(handler);
}

void StudyDialog::accept()
{
    const std::optional<StudyConfig> config = checkedConfig();
    if (!config)
        return;
    if (startHandler_) {
        const QString refusal = startHandler_(*config);
        if (!refusal.isEmpty()) {
            showIssue(issueFromMessage(refusal.toStdString(), config->name));
            return;
        }
    }
    accepted_ = config;
    QDialog::accept();
}

bool StudyDialog::saveConfig(const QString& path, QString* error)
{
    ConfigIssue issue;
    std::optional<StudyConfig> config = formConfig(&issue);
    if (!config) {
        showIssue(issue);
        *error = qstr(issue.message);
        return false;
    }
    // The form's working folder is relative to the project, a file's to its own folder: written
    // absolute, it means the same wherever the file goes.
    config->workdir = QDir(baseDir_).absoluteFilePath(qstr(config->workdir)).toStdString();
    std::string text;
    try {
        text = studyConfigJson(*config);
    } catch (const std::invalid_argument& e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), static_cast<qint64>(text.size())) < 0
        || !file.commit()) {
        *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool StudyDialog::openConfig(const QString& path, QString* error)
{
    try {
        const std::string keptParent = parent_;
        StudyConfig config = readStudyConfig(path.toStdString());
        if (config.parent.empty() && purpose_ == Purpose::Refine)
            config.parent = keptParent;
        setConfig(config);
        return true;
    } catch (const FormatError& e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
}

void StudyDialog::saveConfigAs()
{
    const QString suggested = QDir(baseDir_).filePath(ui_->nameEdit->text().trimmed() + QStringLiteral(".json"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save study configuration"), suggested,
                                                      tr("Study configuration (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveConfig(path, &error) && !shownIssue_)
        showIssue({"", error.toStdString()});
}

void StudyDialog::openConfigFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open study configuration"), baseDir_,
                                                      tr("Study configuration (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!openConfig(path, &error))
        showIssue({"", error.toStdString()});
}

void StudyDialog::browseWorkdir()
{
    const QString start = QDir(baseDir_).absoluteFilePath(ui_->workdirEdit->text().trimmed());
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Working folder of the trials"), start);
    if (!dir.isEmpty())
        ui_->workdirEdit->setText(dir);
}

void StudyDialog::browseProgram()
{
    const QDir workdir(QDir(baseDir_).absoluteFilePath(ui_->workdirEdit->text().trimmed()));
    const QString path = QFileDialog::getOpenFileName(this, tr("Program that runs one trial"), workdir.path());
    if (path.isEmpty())
        return;
    const QFileInfo info(path);
    // A Python script is usually not executable itself: run it with python3, as the examples do.
    if (!info.isExecutable() && info.suffix() == QStringLiteral("py")) {
        ui_->programEdit->setText(QStringLiteral("python3"));
        QString error;
        QStringList args = splitArguments(ui_->argsEdit->text(), &error).value_or(QStringList());
        args.prepend(workdir.relativeFilePath(path));
        ui_->argsEdit->setText(joinArguments(args));
        return;
    }
    ui_->programEdit->setText(path);
}

} // namespace tendril::app
