// The one place views meet. Every view gets the hub in its constructor, pushes what the user does
// to it and redraws from its signals; views never connect to each other.
//
// Three channels, because each costs a different redraw:
// - filter: brushes (value ranges on table columns) kept per source view. A trial is visible to a
//   view when it passes every brush but that view's own, so a view keeps showing what its own brush
//   cut away as context.
// - selection: the trials the user picked (clicked, lassoed, chosen in a table), drawn on top.
// - hover: one trial, drawn as an overlay with its lineage.
// Setters ignore unchanged values, so there are no echo loops. Filter and hover changes arrive
// while the mouse drags; their signals are coalesced to at most one per frame (kFrameMs), carrying
// the last state. Selection changes are emitted at once.
#pragma once

#include "session/trial_table.hpp"

#include <QObject>
#include <QString>
#include <QTimer>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace tendril::app {

// A range of one column: numbers in [low, high], or, for a categorical column, a set of category
// indexes. A NaN (missing) value never passes.
struct ColumnRange {
    std::size_t column = 0;
    double low = 0.0;
    double high = 0.0;
    std::vector<int> categories;  // non-empty: categorical selection

    bool contains(double v) const;
    friend bool operator==(const ColumnRange&, const ColumnRange&) = default;
};

// A view's brush: a trial passes when, for each column named, it lies in one of that column's
// ranges (several ranges on one axis are alternatives; ranges on different columns all must hold).
using Brush = std::vector<ColumnRange>;

class SelectionHub : public QObject {
    Q_OBJECT

public:
    static constexpr int kFrameMs = 16;

    explicit SelectionHub(QObject* parent = nullptr);

    // The data the channels refer to. A new table keeps the selection and hover by key (dropping
    // keys no longer present), drops brushes on columns that no longer exist, and emits
    // tableChanged once.
    void setTable(std::shared_ptr<const TrialTable> table);
    const std::shared_ptr<const TrialTable>& table() const { return table_; }

    // Filter channel. An empty brush removes the source's brush.
    void setBrush(const QString& source, Brush brush);
    void clearBrush(const QString& source) { setBrush(source, {}); }
    void clearAllBrushes();
    const std::map<QString, Brush>& brushes() const { return brushes_; }
    // One flag per table row: passes every brush except the one of exceptSource ("" = all).
    const std::vector<char>& visible(const QString& exceptSource = {}) const;
    bool isVisible(std::size_t row, const QString& exceptSource = {}) const;
    std::size_t visibleCount(const QString& exceptSource = {}) const;

    // Selection channel. Keys not in the table are dropped.
    void setSelection(std::set<TrialKey> keys);
    void clearSelection() { setSelection({}); }
    const std::set<TrialKey>& selection() const { return selection_; }
    bool isSelected(TrialKey key) const { return selection_.count(key) != 0; }

    // Hover channel.
    void setHovered(std::optional<TrialKey> key);
    std::optional<TrialKey> hovered() const { return hovered_; }

    // Emits pending coalesced signals now (tests, and before a screenshot).
    void flush();

signals:
    void tableChanged();
    // source: the brush that changed ("" when several did, or the table changed).
    void filterChanged(const QString& source);
    void selectionChanged();
    void hoverChanged();

private:
    void scheduleFilter(const QString& source);
    void emitPending();

    std::shared_ptr<const TrialTable> table_;
    std::map<QString, Brush> brushes_;
    std::set<TrialKey> selection_;
    std::optional<TrialKey> hovered_;

    mutable std::map<QString, std::vector<char>> visibleCache_;  // by excepted source
    QTimer frame_;
    bool filterPending_ = false;
    QString pendingSource_;
    bool hoverPending_ = false;
};

} // namespace tendril::app
