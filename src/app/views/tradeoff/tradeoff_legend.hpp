// The key of the trade-off plot: which colour is which study, which marker which state, the
// Pareto front and the filtered-out context. Its icons are the plot's own marker sprites, so the
// key always matches what is drawn. Entries wrap onto more lines when the view is narrow.
#pragma once

#include "tendril/core/types.hpp"

#include <QStringList>
#include <QWidget>

#include <optional>
#include <utility>
#include <vector>

class QLabel;

namespace tendril::app::plot {
class FlowLayout;
} // namespace tendril::app::plot

namespace tendril::app::tradeoff {

class TradeoffLegend : public QWidget {
    Q_OBJECT

public:
    explicit TradeoffLegend(QWidget* parent = nullptr);

    // The shown studies in table order (their colour is studyColor(index)) and the states their
    // trials are in.
    void setContent(const QStringList& studies, const std::vector<TrialState>& states);
    // available: both axes have a preferred direction. tooltip lists the front's trials.
    // The entries carry no counts (the view's status line does), so the key keeps its size, and
    // the plot its place, while the user selects and brushes.
    void setFront(bool available, const QString& tooltip);

    // For tests: the text of every entry, in order.
    QStringList entries() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    QLabel* addEntry(const QPixmap& icon, const QString& text, const QString& tooltip = {});
    QString textStyle() const;
    QPixmap markerIcon(TrialState state, const QColor& color) const;
    QPixmap filteredIcon() const;
    QPixmap frontIcon() const;
    QPixmap selectedIcon() const;
    // A study's colour (study set) or a state's shape.
    struct ContentIcon {
        std::optional<std::size_t> study;
        TrialState state;
    };
    QPixmap contentIcon(const ContentIcon& icon) const;

    plot::FlowLayout* layout_;
    std::vector<QWidget*> contentEntries_;
    QLabel* front_;
    QLabel* filtered_;
    QLabel* selected_;
    // The content entries' icons, to paint them again when the palette changes.
    std::vector<std::pair<QWidget*, ContentIcon>> contentIcons_;
};

} // namespace tendril::app::tradeoff
