#include "session/selection_hub.hpp"

#include <algorithm>
#include <cmath>

namespace tendril::app {

bool ColumnRange::contains(double v) const
{
    if (std::isnan(v))
        return false;
    if (!categories.empty())
        return std::find(categories.begin(), categories.end(), static_cast<int>(std::llround(v))) != categories.end();
    return v >= low && v <= high;
}

SelectionHub::SelectionHub(QObject* parent) : QObject(parent), table_(std::make_shared<TrialTable>())
{
    frame_.setSingleShot(true);
    frame_.setInterval(kFrameMs);
    connect(&frame_, &QTimer::timeout, this, &SelectionHub::emitPending);
}

void SelectionHub::setTable(std::shared_ptr<const TrialTable> table)
{
    if (!table)
        table = std::make_shared<TrialTable>();
    if (table == table_)
        return;
    // Brushes name columns by index; carry them over by kind and name.
    std::map<QString, Brush> carried;
    for (const auto& [source, brush] : brushes_) {
        Brush kept;
        for (ColumnRange r : brush) {
            const TableColumn& old = table_->columns()[r.column];
            if (const auto c = table->column(old.kind, old.name)) {
                r.column = *c;
                kept.push_back(std::move(r));
            }
        }
        if (!kept.empty())
            carried.emplace(source, std::move(kept));
    }
    table_ = std::move(table);
    brushes_ = std::move(carried);
    visibleCache_.clear();

    std::set<TrialKey> still;
    for (const TrialKey k : selection_)
        if (table_->rowOf(k))
            still.insert(k);
    const bool selectionLost = still.size() != selection_.size();
    selection_ = std::move(still);
    const bool hoverLost = hovered_ && !table_->rowOf(*hovered_);
    if (hoverLost)
        hovered_.reset();

    // The table change tells every view to redraw everything; pending coalesced filter and hover
    // signals are covered by it.
    frame_.stop();
    filterPending_ = hoverPending_ = false;
    emit tableChanged();
    if (selectionLost)
        emit selectionChanged();
    if (hoverLost)
        emit hoverChanged();
}

void SelectionHub::setBrush(const QString& source, Brush brush)
{
    const auto it = brushes_.find(source);
    if (brush.empty()) {
        if (it == brushes_.end())
            return;
        brushes_.erase(it);
    } else {
        if (it != brushes_.end() && it->second == brush)
            return;
        brushes_[source] = std::move(brush);
    }
    visibleCache_.clear();
    scheduleFilter(source);
}

void SelectionHub::clearAllBrushes()
{
    if (brushes_.empty())
        return;
    brushes_.clear();
    visibleCache_.clear();
    scheduleFilter(QString());
}

const std::vector<char>& SelectionHub::visible(const QString& exceptSource) const
{
    const auto cached = visibleCache_.find(exceptSource);
    if (cached != visibleCache_.end())
        return cached->second;
    std::vector<char> flags(table_->rows(), 1);
    for (const auto& [source, brush] : brushes_) {
        if (source == exceptSource)
            continue;
        // Ranges on one column are alternatives; group them by column.
        std::map<std::size_t, std::vector<const ColumnRange*>> byColumn;
        for (const ColumnRange& r : brush)
            byColumn[r.column].push_back(&r);
        for (const auto& [column, ranges] : byColumn) {
            const std::vector<double>& values = table_->columns()[column].values;
            for (std::size_t row = 0; row < flags.size(); ++row) {
                if (!flags[row])
                    continue;
                const double v = values[row];
                flags[row] = std::any_of(ranges.begin(), ranges.end(),
                                         [v](const ColumnRange* r) { return r->contains(v); });
            }
        }
    }
    return visibleCache_.emplace(exceptSource, std::move(flags)).first->second;
}

bool SelectionHub::isVisible(std::size_t row, const QString& exceptSource) const
{
    const std::vector<char>& flags = visible(exceptSource);
    return row < flags.size() && flags[row];
}

std::size_t SelectionHub::visibleCount(const QString& exceptSource) const
{
    const std::vector<char>& flags = visible(exceptSource);
    return static_cast<std::size_t>(std::count(flags.begin(), flags.end(), 1));
}

void SelectionHub::setSelection(std::set<TrialKey> keys)
{
    for (auto it = keys.begin(); it != keys.end();)
        it = table_->rowOf(*it) ? std::next(it) : keys.erase(it);
    if (keys == selection_)
        return;
    selection_ = std::move(keys);
    emit selectionChanged();
}

void SelectionHub::setHovered(std::optional<TrialKey> key)
{
    if (key && !table_->rowOf(*key))
        key.reset();
    if (key == hovered_)
        return;
    hovered_ = key;
    hoverPending_ = true;
    if (!frame_.isActive())
        frame_.start();
}

void SelectionHub::scheduleFilter(const QString& source)
{
    // Two sources within one frame: the views must recompute against every brush.
    pendingSource_ = (filterPending_ && pendingSource_ != source) ? QString() : source;
    filterPending_ = true;
    if (!frame_.isActive())
        frame_.start();
}

void SelectionHub::flush()
{
    frame_.stop();
    emitPending();
}

void SelectionHub::emitPending()
{
    if (filterPending_) {
        filterPending_ = false;
        emit filterChanged(pendingSource_);
    }
    if (hoverPending_) {
        hoverPending_ = false;
        emit hoverChanged();
    }
}

} // namespace tendril::app
