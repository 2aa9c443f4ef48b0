// The search-space overview's analytics: "top k %" as a brush on the objective, the importance
// bars from the session's ImportanceService, and the expected performance along the axes for the
// active parameter, computed off the GUI thread.
#include "views/space/space_view.hpp"

#include "session/importance_service.hpp"
#include "session/latest_job.hpp"
#include "style/labels.hpp"
#include "views/space/parallel_plot.hpp"
#include "views/space/space_brushes.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QSignalBlocker>
#include <QSpinBox>

#include <algorithm>

namespace tendril::app {

using namespace space;

void SpaceView::topToggled(bool on)
{
    if (on) {
        applyTopK();
        return;
    }
    if (topRange_) {
        const std::size_t column = topRange_->column;
        topRange_.reset();
        setOwnBrush(withoutColumn(brush_, column), false);
    }
}

void SpaceView::applyTopK()
{
    if (!top_->isChecked() || !table_ || !metricColumn_)
        return;
    // Ranked among what the other views let through, never among what this view's own brushes
    // keep: moving another brush here must not move the cutoff.
    const std::optional<ColumnRange> range =
        bestFractionRange(table_->columns()[*metricColumn_], *metricColumn_, direction(), hub_.visible(kSource),
                          topPercent_->value() / 100.0);
    Brush next = withoutColumn(brush_, *metricColumn_);
    if (range)
        next.push_back(*range);
    topRange_ = range;
    if (next != brush_) {
        adjustingTop_ = true;
        setOwnBrush(std::move(next), false);
        adjustingTop_ = false;
    }
}

void SpaceView::syncTopToggle()
{
    if (!top_->isChecked() || adjustingTop_)
        return;
    // Once the user moves or removes the range, it is theirs: the toggle lets go of it.
    const std::vector<std::size_t> on = metricColumn_ ? rangesOn(brush_, *metricColumn_) : std::vector<std::size_t>{};
    const bool held = topRange_ && on.size() == 1 && brush_[on.front()] == *topRange_;
    if (held)
        return;
    const QSignalBlocker blocker(top_);
    top_->setChecked(false);
    topRange_.reset();
}

void SpaceView::importanceChanged()
{
    const auto result = service_.result();
    if (!result || !table_ || result->table != table_) {
        updateImportanceStrip();
        return;
    }
    // Another view may have asked the service for another metric: follow it, so the bars always
    // explain the last axis.
    if (result->metric != metricName() && !result->metric.isEmpty()) {
        const int at = metric_->findData(result->metric);
        if (at >= 0 && at != metric_->currentIndex()) {
            {
                const QSignalBlocker blocker(metric_);
                metric_->setCurrentIndex(at);
            }
            metricColumn_ = table_->metricColumn(result->metric.toStdString());
            coloring_->setItemText(0, metricName());
            applyAxes();
        }
    }
    std::optional<std::string> active = bars_.active() ? bars_.active() : keepActive_;
    bars_.setReport(result->report, *table_);
    if (active)
        bars_.setActive(active);
    keepActive_.reset();
    if (!importanceOrderApplied_ && order_.mode() != AxisOrder::Mode::Manual && !bars_.empty()) {
        order_.sortByImportance(bars_.importanceByColumn());
        importanceOrderApplied_ = true;
        applyAxes();
    }
    refreshActiveTables();
    updateImportanceStrip();
}

QString SpaceView::importanceText() const
{
    if (!table_ || table_->rows() == 0)
        return {};
    const QString metric = metricName();
    const auto result = service_.result();
    const bool current = result && result->table == table_;
    if (service_.busy())
        return bars_.empty() ? tr("Computing the importance of %1…").arg(metric)
                             : tr("Updating the importance of %1 for the trials now visible…").arg(metric);
    if (!service_.error().isEmpty())
        return tr("Importance could not be computed: %1").arg(service_.error());
    if (!current)
        return {};
    if (!bars_.note().empty())
        return tr("Importance of %1: %2 (%3 trials analysed)")
            .arg(metric, qstr(bars_.note()))
            .arg(bars_.trialsUsed());
    if (bars_.active()) {
        QString text = tr("%1: its interactions below and the expected %2 on the axes · brush its axis to see "
                          "what the partners would give there")
                           .arg(qstr(*bars_.active()), metric);
        if (!tablesError_.isEmpty())
            text += QStringLiteral(" · ") + tablesError_;
        return text;
    }
    return tr("fANOVA importance of %1 over %2 trials · click a bar for its interactions")
        .arg(metric)
        .arg(bars_.trialsUsed());
}

void SpaceView::updateImportanceStrip()
{
    StripStatus status;
    status.computing = service_.busy() || tablesJob_->busy();
    status.text = importanceText();
    // With a note every importance is zero by definition: bars would only suggest numbers.
    plot_->setImportance(bars_.note().empty() ? bars_ : ImportanceBars(), status);
    plot_->setFocusedPartner(focusedPartner_);
}

void SpaceView::refreshActiveTables()
{
    tablesError_.clear();
    if (!bars_.active() || !bars_.model() || !table_) {
        tablesJob_->cancel();
        activeTables_.reset();
        updateExpected();
        return;
    }
    std::vector<std::string> partners;
    for (const ImportanceBar& p : bars_.partners())
        partners.push_back(p.param);
    const auto model = bars_.model();
    const auto table = table_;
    const std::string active = *bars_.active();
    tablesJob_->run([model, table, active, partners] { return computeActiveTables(model, *table, active, partners); },
                    [this](ActiveTables tables) {
                        // The bars may have moved on while this ran (another result, another
                        // parameter): only tables of the current model and parameter count.
                        if (bars_.model() != tables.model || bars_.active() != tables.active)
                            return;
                        activeTables_ = std::move(tables);
                        updateExpected();
                        updateImportanceStrip();
                    },
                    [this](const QString& message) {
                        activeTables_.reset();
                        tablesError_ = message;
                        updateExpected();
                        updateImportanceStrip();
                    });
    updateImportanceStrip();
}

void SpaceView::updateExpected()
{
    expected_.clear();
    if (activeTables_ && table_ && bars_.active() && activeTables_->active == *bars_.active()) {
        const ActiveTables& tables = *activeTables_;
        if (tables.activeCells.cells() > 0)
            expected_[tables.activeCells.column] = tables.activeCells;
        std::vector<ColumnRange> activeRanges;
        if (const auto column = table_->paramColumn(tables.active))
            for (const std::size_t i : rangesOn(brush_, *column))
                activeRanges.push_back(brush_[i]);
        for (std::size_t p = 0; p < tables.partners.size(); ++p)
            if (auto cells = partnerCells(tables, p, *table_, activeRanges))
                expected_[cells->column] = std::move(*cells);
        plot_->setExpected(expected_, tables.low, tables.high, bars_.direction());
    } else {
        plot_->setExpected({}, 0.0, 0.0, Direction::Maximize);
    }
    updateLegend();
}

void SpaceView::parameterClicked(const QString& param)
{
    const std::string name = param.toStdString();
    if (bars_.active() == name)
        bars_.setActive(std::nullopt);
    else
        bars_.setActive(name);
    focusedPartner_.reset();
    activeTables_.reset();
    updateExpected();
    refreshActiveTables();
}

void SpaceView::partnerClicked(const QString& param)
{
    const std::string name = param.toStdString();
    focusedPartner_ = focusedPartner_ == name ? std::nullopt : std::optional(name);
    updateImportanceStrip();
}

void SpaceView::activateParameter(const QString& param)
{
    if (param.isEmpty()) {
        if (bars_.active())
            parameterClicked(qstr(*bars_.active()));
        return;
    }
    if (bars_.active() != param.toStdString())
        parameterClicked(param);
}

} // namespace tendril::app
