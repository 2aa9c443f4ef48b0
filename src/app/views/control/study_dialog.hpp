// The "New study" and "Refine" dialog (form in ui/study_dialog.ui): everything a study
// configuration holds, edited as a form. OK ("Start") reads the form, checks it the way the runner
// will (the configuration, the algorithm and its options, the program) and shows the first problem
// at the field it names; nothing runs until it is valid. "Save config as…" writes the same JSON that
// `tendril-cli run --config` reads, "Open config…" fills the form from such a file.
#pragma once

#include "views/control/config_validation.hpp"

#include <QDialog>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QLabel;

namespace Ui {
class StudyDialog;
}

namespace tendril::app {

class AlgorithmForm;
class SpaceEditor;

class StudyDialog : public QDialog {
    Q_OBJECT

public:
    enum class Purpose { NewStudy, Refine };

    // takenNames: the project's studies (a new study needs a name of its own). baseDir: what a
    // relative working folder is taken against (the project's folder).
    StudyDialog(Purpose purpose, const QStringList& takenNames, const QString& baseDir, QWidget* parent = nullptr);
    ~StudyDialog() override;

    void setConfig(const StudyConfig& config);
    // Lines saying how the space was narrowed (refine), shown above the space table.
    void setNarrowingNotes(const std::vector<std::string>& notes);

    // The form as a configuration, without the runner's checks; nullopt with *issue set when a
    // field cannot be read (a red cell, a malformed number, More options that are not JSON).
    std::optional<StudyConfig> formConfig(ConfigIssue* issue) const;
    // Reads and checks the form; the configuration as the runner will read it, or nullopt with the
    // problem shown at its field.
    std::optional<StudyConfig> checkedConfig();

    // The problem shown now, and the widget it is shown at (nullptr when none is shown).
    const std::optional<ConfigIssue>& shownIssue() const { return shownIssue_; }
    QWidget* issueWidget() const { return issueWidget_; }
    // Shows a message at the field its path names (a banner only when it names none).
    void showIssue(const ConfigIssue& issue);

    // Called on OK with the checked configuration; returns "" when the run started, else the
    // runner's message, which is shown and keeps the dialog open. Without a handler OK only checks.
    using StartHandler = std::function<QString(const StudyConfig&)>;
    void setStartHandler(StartHandler handler);
    // The configuration OK accepted.
    const std::optional<StudyConfig>& acceptedConfig() const { return accepted_; }

    // Writes the form as a configuration file. False with *error (one line) when it cannot.
    bool saveConfig(const QString& path, QString* error);
    // Fills the form from a configuration file. False with *error (one line) when it cannot.
    bool openConfig(const QString& path, QString* error);

    SpaceEditor* spaceEditor() const;
    AlgorithmForm* algorithmForm() const;

    void accept() override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void connectEdits();
    void formEdited();
    void clearIssue();
    void placeBalloon();
    QWidget* widgetForPath(const std::string& path, QRect* rect);
    void markWidget(QWidget* widget, bool issue);
    void browseProgram();
    void browseWorkdir();
    void saveConfigAs();
    void openConfigFile();
    void addMetricRow(const QString& name, Direction direction);

    std::unique_ptr<Ui::StudyDialog> ui_;
    Purpose purpose_;
    std::vector<std::string> takenNames_;
    QString baseDir_;
    std::string parent_;  // kept from the configuration; the form shows it, never edits it
    StartHandler startHandler_;
    std::optional<StudyConfig> accepted_;
    std::optional<ConfigIssue> shownIssue_;
    QPointer<QWidget> issueWidget_;
    QRect issueRect_;  // in issueWidget_, where the balloon points
    QLabel* balloon_;
    bool filling_ = false;  // set while setConfig fills the form, so edits do not clear issues
};

} // namespace tendril::app
