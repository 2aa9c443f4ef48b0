// Where the study dialog shows a problem: the field the message names gets a red frame and focus,
// its tab comes to the front, and the message sits in a balloon right under it, repeated in the
// banner above the buttons.
#include "views/control/study_dialog.hpp"

#include "ui_study_dialog.h"

#include "style/labels.hpp"
#include "views/control/algorithm_form.hpp"
#include "views/control/space_editor.hpp"
#include "views/control/space_table_model.hpp"

#include <QStyle>
#include <QTableView>
#include <QTimer>

namespace tendril::app {

namespace {

constexpr int kBalloonMaxWidth = 560;

// "space[12].low" -> 12 and "low"; nullopt for any other shape.
std::optional<std::pair<int, std::string>> indexedField(const std::string& path, const std::string& head)
{
    const std::string prefix = head + "[";
    if (path.rfind(prefix, 0) != 0)
        return std::nullopt;
    const std::size_t close = path.find(']', prefix.size());
    if (close == std::string::npos)
        return std::nullopt;
    int index = 0;
    try {
        index = std::stoi(path.substr(prefix.size(), close - prefix.size()));
    } catch (const std::exception&) {
        return std::nullopt;
    }
    std::string field = close + 1 < path.size() && path[close + 1] == '.' ? path.substr(close + 2) : std::string();
    return std::make_pair(index, field.substr(0, field.find_first_of(".[")));
}

} // namespace

void StudyDialog::showIssue(const ConfigIssue& issue)
{
    clearIssue();
    shownIssue_ = issue;
    ui_->issueLabel->setText(qstr(issue.message));
    ui_->issueLabel->show();
    QRect rect;
    QWidget* widget = widgetForPath(issue.path, &rect);
    if (!widget)
        return;
    for (int i = 0; i < ui_->tabs->count(); ++i)
        if (ui_->tabs->widget(i)->isAncestorOf(widget))
            ui_->tabs->setCurrentIndex(i);
    issueWidget_ = widget;
    issueRect_ = rect.isValid() ? rect : widget->rect();
    markWidget(widget, true);
    widget->setFocus(Qt::OtherFocusReason);
    balloon_->setText(qstr(issue.message));
    // As wide as the message up to a limit, then wrapped: a word-wrapped label alone picks a
    // narrow column.
    const int oneLine = balloon_->fontMetrics().horizontalAdvance(balloon_->text()) + 18;
    balloon_->setFixedWidth(std::min(oneLine, kBalloonMaxWidth));
    balloon_->setFixedHeight(balloon_->heightForWidth(balloon_->width()));
    balloon_->show();
    placeBalloon();
    // Tabs and tables lay out on the next turn of the event loop; follow them there.
    QTimer::singleShot(0, this, &StudyDialog::placeBalloon);
}

void StudyDialog::clearIssue()
{
    if (issueWidget_)
        markWidget(issueWidget_, false);
    issueWidget_ = nullptr;
    shownIssue_.reset();
    balloon_->hide();
    ui_->issueLabel->hide();
}

void StudyDialog::markWidget(QWidget* widget, bool issue)
{
    // Only these are styled by the dialog's sheet; a table viewport is marked through its cells.
    QWidget* target = widget == spaceEditor()->table()->viewport() ? nullptr : widget;
    if (!target)
        return;
    target->setProperty("issue", issue);
    target->style()->unpolish(target);
    target->style()->polish(target);
    target->update();
}

void StudyDialog::placeBalloon()
{
    if (!shownIssue_ || !issueWidget_)
        return;
    if (!issueWidget_->isVisibleTo(this)) {
        balloon_->hide();
        return;
    }
    balloon_->show();
    QPoint at = issueWidget_->mapTo(this, issueRect_.bottomLeft() + QPoint(0, 4));
    at.setX(std::clamp(at.x(), 8, std::max(8, width() - balloon_->width() - 8)));
    at.setY(std::min(at.y(), height() - balloon_->height() - 8));
    balloon_->move(at);
    balloon_->raise();
}

void StudyDialog::resizeEvent(QResizeEvent* event)
{
    QDialog::resizeEvent(event);
    placeBalloon();
}

QWidget* StudyDialog::widgetForPath(const std::string& path, QRect* rect)
{
    const std::string head = path.substr(0, path.find_first_of(".["));
    if (head == "name" || head == "parent")
        return ui_->nameEdit;
    if (head == "command")
        return path == "command" || path == "command[0]" ? ui_->programEdit : ui_->argsEdit;
    if (head == "workdir")
        return ui_->workdirEdit;
    if (head == "objective")
        return path == "objective.direction" ? static_cast<QWidget*>(ui_->directionCombo) : ui_->objectiveEdit;
    if (head == "metrics") {
        if (const auto cell = indexedField(path, "metrics"); cell && cell->first < ui_->metricsTable->rowCount()) {
            ui_->metricsTable->setCurrentCell(cell->first, 0);
            *rect = ui_->metricsTable->visualItemRect(ui_->metricsTable->item(cell->first, 0));
            return ui_->metricsTable->viewport();
        }
        return ui_->metricsTable;
    }
    if (head == "space") {
        SpaceTableModel* model = spaceEditor()->model();
        int row = -1;
        SpaceColumn column = SpaceColumn::Name;
        if (const auto cell = indexedField(path, "space")) {
            row = cell->first;
            column = spaceColumnForField(cell->second).value_or(SpaceColumn::Name);
        } else if (path.rfind("space.", 0) == 0) {  // the search library names parameters: space.lr
            row = model->rowOfName(path.substr(6));
        }
        if (row < 0 || row >= model->rowCount())
            return spaceEditor()->table();
        *rect = spaceEditor()->focusCell(row, column);
        return spaceEditor()->table()->viewport();
    }
    if (head == "algorithm")
        return algorithmForm()->widgetForPath(path);
    if (path == "budget.max_resource")
        return ui_->maxResourceEdit;
    if (path == "budget.resource")
        return ui_->resourceEdit;
    if (path == "budget.max_seconds")
        return ui_->maxSecondsEdit;
    if (head == "budget")
        return ui_->maxTrialsEdit;
    if (head == "resource_arg")
        return ui_->resourceArgEdit;
    if (head == "workers")
        return ui_->workersSpin;
    if (head == "trial_timeout_seconds")
        return ui_->timeoutEdit;
    if (head == "kill_grace_seconds")
        return ui_->killGraceEdit;
    if (head == "env")
        return ui_->envEdit;
    if (head == "seed")
        return ui_->seedEdit;
    return nullptr;
}

} // namespace tendril::app
