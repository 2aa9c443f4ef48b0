// The "Selected experiments" table of the optimization overview (paper 5.2): the trials selected in
// any view, side by side with every parameter and metric, to compare, copy, trim the selection and
// open a model for analysis. When nothing is selected it says so and suggests the best trials by
// the objective, selectable with one click.
//
// The view's parts live in tendril::app::selected, so their plain names never clash with another
// view's.
#pragma once

#include "session/trial_table.hpp"

#include <QString>
#include <QWidget>

#include <vector>

class QAction;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace tendril::app {

namespace selected {
class SelectedTrialsModel;
} // namespace selected

class ProjectSession;

class SelectedView : public QWidget {
    Q_OBJECT

public:
    // How many trials are suggested when nothing is selected.
    static constexpr std::size_t kSuggestionCount = 10;

    explicit SelectedView(ProjectSession& session, QWidget* parent = nullptr);

    selected::SelectedTrialsModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    // True while the table shows suggestions rather than the hub's selection.
    bool showingSuggestions() const { return suggesting_; }

    // The highlighted rows (all when none is), as CSV on the clipboard.
    void copyAsCsv();
    // Takes the highlighted rows' trials out of the hub's selection.
    void removeHighlightedFromSelection();
    // Makes the suggested trials the hub's selection.
    void selectSuggestions();

signals:
    // The user asked to look at this trial's training (double-click). The hub's selection is set
    // to this trial before the signal is emitted.
    void openModelAnalysis(tendril::app::TrialKey key);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void applyColors();
    void refresh();
    void updateHeader();
    void updateActions();
    std::vector<int> highlightedRows() const;
    void hoverRowAt(QPoint viewportPos);

    ProjectSession& session_;
    selected::SelectedTrialsModel* model_;
    QLabel* title_;
    QLabel* subtitle_;
    QWidget* notice_;
    QLabel* noticeText_;
    QPushButton* selectSuggested_;
    QPushButton* copy_;
    QPushButton* remove_;
    QPushButton* clear_;
    QAction* copyAction_;
    QAction* removeAction_;
    QStackedWidget* pages_;
    QLabel* placeholder_;
    QTableView* table_;
    bool suggesting_ = false;
    bool hoverIsMine_ = false;
};

} // namespace tendril::app
