#include "main_window/export_dialog.hpp"

#include "ui_export_dialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QPushButton>

namespace tendril::app {

namespace {

const QString kJsonFilter = QStringLiteral("tendril/1 JSON (*.json)");
const QString kCsvFilter = QStringLiteral("CSV table (*.csv)");

QString suffixFor(ExportFormat format)
{
    return format == ExportFormat::Native ? QStringLiteral("json") : QStringLiteral("csv");
}

} // namespace

ExportDialog::ExportDialog(const QStringList& selectedStudies, const QStringList& allStudies,
                           const QString& folder, QWidget* parent)
    : QDialog(parent), ui_(std::make_unique<Ui::ExportDialog>()), selected_(selectedStudies), all_(allStudies)
{
    ui_->setupUi(this);
    const QString shown = selected_.size() <= 3 ? selected_.join(QStringLiteral(", "))
                                                : tr("%1 and %2 more").arg(selected_.mid(0, 2).join(QStringLiteral(", ")))
                                                      .arg(selected_.size() - 2);
    ui_->selectedRadio->setText(selected_.isEmpty() ? tr("Selected studies (none selected)")
                                                    : tr("Selected: %1").arg(shown));
    ui_->selectedRadio->setEnabled(!selected_.isEmpty());
    ui_->allRadio->setText(tr("All %1 studies of the project").arg(all_.size()));
    (selected_.isEmpty() ? ui_->allRadio : ui_->selectedRadio)->setChecked(true);

    const QString base = selected_.size() == 1 ? selected_.first() : tr("studies");
    ui_->pathEdit->setText(QDir(folder).filePath(base + QStringLiteral(".json")));

    connect(ui_->browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(ui_->formatCombo, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChosen);
    connect(ui_->pathEdit, &QLineEdit::textChanged, this, &ExportDialog::updateOk);
    connect(ui_->selectedRadio, &QRadioButton::toggled, this, &ExportDialog::updateOk);
    connect(ui_->buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    updateOk();
}

ExportDialog::~ExportDialog() = default;

QStringList ExportDialog::studies() const
{
    return ui_->selectedRadio->isChecked() ? selected_ : all_;
}

ExportFormat ExportDialog::format() const
{
    return ui_->formatCombo->currentIndex() == 1 ? ExportFormat::Csv : ExportFormat::Native;
}

QString ExportDialog::path() const
{
    return ui_->pathEdit->text().trimmed();
}

void ExportDialog::browse()
{
    QString chosenFilter = format() == ExportFormat::Native ? kJsonFilter : kCsvFilter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export studies"), this->path(),
                                                      kJsonFilter + QStringLiteral(";;") + kCsvFilter, &chosenFilter);
    if (path.isEmpty())
        return;
    // The filter decides the format unless the typed name already says which one it wants.
    const ExportFormat wanted = exportFormatForPath(path).value_or(
        chosenFilter == kCsvFilter ? ExportFormat::Csv : ExportFormat::Native);
    QString withSuffix = path;
    if (!exportFormatForPath(path))
        withSuffix += QLatin1Char('.') + suffixFor(wanted);
    ui_->formatCombo->setCurrentIndex(wanted == ExportFormat::Csv ? 1 : 0);
    ui_->pathEdit->setText(withSuffix);
}

void ExportDialog::formatChosen()
{
    // Keep the file name's extension in step with the format.
    const QFileInfo info(path());
    if (info.fileName().isEmpty())
        return;
    ui_->pathEdit->setText(info.dir().filePath(info.completeBaseName() + QLatin1Char('.') + suffixFor(format())));
}

void ExportDialog::updateOk()
{
    ui_->buttons->button(QDialogButtonBox::Ok)->setEnabled(!path().isEmpty() && !studies().isEmpty());
}

} // namespace tendril::app
