// The algorithm part of the study dialog: the algorithm, a field for each of its options (empty
// fields show the default the algorithm applies), "More options" for members the form has no field
// for (grid values and steps, PBT perturbation factors), and, for grid search, the number of
// combinations, recomputed as the space and the options change.
//
// The configuration object is edited member by member: members keep the order and spelling
// (aliases such as quantile_fraction, numbers as written) they were loaded with.
#pragma once

#include "tendril/core/space.hpp"
#include "views/control/algorithm_options.hpp"
#include "views/control/config_validation.hpp"

#include <QMap>
#include <QWidget>

#include <optional>
#include <set>
#include <string>
#include <vector>

class QComboBox;
class QFormLayout;
class QLabel;
class QPlainTextEdit;

namespace tendril::app {

class AlgorithmForm : public QWidget {
    Q_OBJECT

public:
    explicit AlgorithmForm(QWidget* parent = nullptr);

    // Shows the algorithm and its configuration object ("" for none). Members of the object that
    // are not options of the algorithm, or whose value a field cannot show, go to More options.
    void setAlgorithm(const std::string& name, const std::string& configJson);
    std::string algorithmName() const;
    // The configuration object as compact JSON ("" when empty), or nullopt with *issue set when
    // More options is not a JSON object.
    std::optional<std::string> configJson(ConfigIssue* issue) const;

    // The space the grid size is computed for; nullopt while the space table has issues.
    void setSpace(const std::optional<SearchSpace>& space);
    // "36 combinations: ...", or why the grid cannot be built; empty for other algorithms.
    QString gridSizeText() const;

    // The widget to show a message about this configuration path at: the algorithm list for
    // algorithm.name, an option's field, or More options for anything else under algorithm.
    QWidget* widgetForPath(const std::string& path) const;
    // The field of an option (by its key or alias); nullptr when the algorithm has no such field.
    QWidget* optionField(const std::string& key) const;

signals:
    void edited();

private:
    struct GridSize {
        QString text;
        bool counted = false;  // false: text says why there is no count
    };
    GridSize gridSize() const;
    void rebuildFields();
    void algorithmChosen();
    void updateGridSize();
    void setMoreOptions(const JsonMembers& members);

    QComboBox* algorithmCombo_;
    QLabel* summary_;
    QWidget* fieldsBox_;
    QFormLayout* fields_;
    QPlainTextEdit* moreOptions_;
    QLabel* gridSize_;
    // Field texts by option key, kept across algorithm changes so shared options (seed, eta,
    // max_resource) carry over.
    QMap<QString, QString> texts_;
    std::set<std::string> aliasUsed_;     // options loaded under their alias, written back so
    std::vector<std::string> order_;      // member order of the loaded object
    std::optional<SearchSpace> space_;
    bool loading_ = false;
};

} // namespace tendril::app
