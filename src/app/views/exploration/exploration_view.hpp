// The "Exploration overview" (HyperTendril 5.3.1, Fig. 3, 4, 6, 8): how each search algorithm
// explored each hyperparameter, to tell whether it was configured well.
//
// (a) Performance monitoring: the best value of the objective so far along the algorithm's
// iterations, as an area coloured by performance; the colour range is adjustable and also colours
// (b). (b) Exploration history: one small plot per hyperparameter, x = the algorithm's iteration
// (see tendril/core/lineage.hpp for what an iteration is per algorithm), y = the value, points
// darker for better performance; survivors' evaluations joined by dashed lines with a larger last
// point, PBT mutations as curves from the parent, categories as bands with points spread apart.
// Several studies stand side by side, one column each with the parameters aligned by row, or one
// is chosen to fill the view.
//
// The view talks only to the session's hub, under the source name "exploration": hovering a point
// sets the hub's hovered trial and highlights its whole lineage in every plot (and a trial hovered
// in another view is highlighted here); a click selects (Ctrl adds or removes); trials other views
// filter out stay as faint context.
#pragma once

#include "views/exploration/exploration_data.hpp"

#include <QString>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QScrollArea;
class QStackedWidget;
class QToolButton;

namespace tendril::app {

class ProjectSession;

namespace plot {
class ElidedLabel;
} // namespace plot

namespace exploration {
class ColorRangeBar;
class ExplorationCanvas;
class LegendItem;
} // namespace exploration

class ExplorationView : public QWidget {
    Q_OBJECT

public:
    static inline const QString kSource = QStringLiteral("exploration");

    explicit ExplorationView(ProjectSession& session, QWidget* parent = nullptr);
    ~ExplorationView() override;

    exploration::ExplorationCanvas* canvas() const { return canvas_; }
    exploration::ColorRangeBar* colorRange() const { return colorRange_; }
    // "All side by side" first, then one entry per shown study; hidden with a single study.
    QComboBox* studyChooser() const { return studyChooser_; }
    const exploration::ExplorationData* data() const { return data_.get(); }
    bool showsPlaceholder() const;
    QString placeholderText() const;
    QString statusText() const;

private:
    void rebuild();
    void applyShownStudies();
    void applyFilter();
    void applySelection();
    void applyHover();
    void updateHeader();
    void updatePlaceholder();
    void fitCanvas();
    void clickedRow(std::optional<std::size_t> row, Qt::KeyboardModifiers modifiers);

    ProjectSession& session_;
    std::shared_ptr<const exploration::ExplorationData> data_;
    QString chosenStudy_;  // "" for side by side

    QStackedWidget* pages_;
    QLabel* placeholder_;
    QLabel* title_;
    plot::ElidedLabel* subtitle_;
    QComboBox* studyChooser_;
    QLabel* studyCaption_;
    QLabel* colorCaption_;
    exploration::ColorRangeBar* colorRange_;
    QToolButton* resetRange_;
    plot::ElidedLabel* status_;
    std::vector<exploration::LegendItem*> legend_;
    QScrollArea* scroll_;
    exploration::ExplorationCanvas* canvas_;
};

} // namespace tendril::app
