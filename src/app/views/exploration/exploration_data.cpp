#include "views/exploration/exploration_data.hpp"

#include "style/labels.hpp"
#include "style/number_format.hpp"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace tendril::app::exploration {

namespace {

// Whole numbers with at most this many values read better as bands than on a continuous axis,
// where every trial of a 1-to-3 "layers" parameter would sit on one of three lines.
constexpr double kMaxBandedIntegers = 12;

// The declared integer range of a parameter over the shown studies, when every declaration of it
// is a linear int range.
std::optional<std::pair<double, double>> integerRange(const TrialTable& table, const std::string& name)
{
    std::optional<std::pair<double, double>> range;
    for (std::size_t s = 0; s < table.studyCount(); ++s) {
        const Param* p = table.study(s).space.find(name);
        if (!p)
            continue;
        if (p->type != ParamType::Int || p->log || (p->step && *p->step != 1.0))
            return std::nullopt;
        range = range ? std::make_pair(std::min(range->first, p->low), std::max(range->second, p->high))
                      : std::make_pair(p->low, p->high);
    }
    return range;
}

ParamAxis axisFor(const TrialTable& table, std::size_t column)
{
    const TableColumn& c = table.columns()[column];
    ParamAxis axis;
    axis.column = column;
    axis.name = qstr(c.name);
    axis.log = c.log;
    axis.low = c.low;
    axis.high = c.high;
    if (c.categorical) {
        axis.banded = true;
        for (std::size_t i = 0; i < c.categories.size(); ++i) {
            axis.bandLabels.push_back(formatValue(c.categories[i]));
            axis.bandValues.push_back(static_cast<double>(i));
        }
    } else if (const auto range = integerRange(table, c.name);
               range && range->second - range->first + 1 <= kMaxBandedIntegers) {
        axis.banded = true;
        for (double v = range->first; v <= range->second; v += 1.0) {
            axis.bandLabels.push_back(formatCompact(v));
            axis.bandValues.push_back(v);
        }
    }
    return axis;
}

} // namespace

std::optional<std::size_t> ParamAxis::bandOf(double value) const
{
    if (!banded || std::isnan(value))
        return std::nullopt;
    for (std::size_t i = 0; i < bandValues.size(); ++i)
        if (bandValues[i] == value)
            return i;
    return std::nullopt;
}

std::optional<double> configuredInterval(const Study& study)
{
    if (study.algorithm.configJson.empty())
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(study.algorithm.configJson));
    const QJsonValue value = doc.object().value(QStringLiteral("perturbation_interval"));
    if (!value.isDouble() || !(value.toDouble() > 0.0))
        return std::nullopt;
    return value.toDouble();
}

ExplorationData::ExplorationData(std::shared_ptr<const TrialTable> table) : table_(std::move(table))
{
    if (!table_)
        return;
    const TrialTable& t = *table_;
    if (const Objective* objective = t.objective()) {
        metric_ = qstr(objective->metric);
        direction_ = objective->direction;
    }

    // Every parameter column, in the order the table made them (the shown studies' declarations).
    for (std::size_t c = 0; c < t.columns().size(); ++c)
        if (t.columns()[c].kind == TableColumn::Kind::Param)
            params_.push_back(axisFor(t, c));

    placeOfRow_.resize(t.rows());
    tracks_.resize(t.studyCount());
    for (std::size_t s = 0; s < t.studyCount(); ++s) {
        StudyTrack& track = tracks_[s];
        const Study& study = t.study(s);
        track.studyIndex = s;
        track.name = qstr(study.name);
        track.algorithm = algorithmLabel(study.algorithm.name);
        LineageOptions options;
        options.metric = metric_.toStdString();
        options.direction = direction_;
        options.perturbationInterval = configuredInterval(study);
        track.lineage = Lineage(study, options);
        track.rowOfTrial.assign(study.trials.size(), 0);
        track.hasParam.assign(params_.size(), 0);
    }
    // Rows come in study order, then trial order (TrialTable): each study's rows count its trials.
    std::vector<std::size_t> nextTrial(t.studyCount(), 0);
    for (std::size_t row = 0; row < t.rows(); ++row) {
        const std::size_t s = t.studyOf(row);
        const std::size_t trial = nextTrial[s]++;
        placeOfRow_[row] = Place{s, trial};
        tracks_[s].rowOfTrial[trial] = row;
        for (std::size_t p = 0; p < params_.size(); ++p)
            if (!std::isnan(t.columns()[params_[p].column].values[row]))
                tracks_[s].hasParam[p] = 1;
    }

    const auto widen = [](std::optional<ColorRange>& range, double low, double high) {
        range = range ? ColorRange{std::min(range->low, low), std::max(range->high, high)} : ColorRange{low, high};
    };
    std::vector<double> values;
    for (const StudyTrack& track : tracks_) {
        values.clear();
        for (const TrialLineage& trial : track.lineage.trials())
            for (const Evaluation& e : trial.history)
                if (std::isfinite(e.value))
                    values.push_back(e.value);
        if (values.empty())
            continue;
        const auto [low, high] = std::minmax_element(values.begin(), values.end());
        widen(extent_, *low, *high);
        const std::vector<double> best = track.lineage.bestSoFar();
        const auto first = std::find_if(best.begin(), best.end(), [](double v) { return std::isfinite(v); });
        const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
        std::nth_element(values.begin(), middle, values.end());
        widen(progress_, std::min({*first, *middle, best.back()}), std::max({*first, *middle, best.back()}));
    }
}

std::optional<ExplorationData::Place> ExplorationData::placeOf(std::size_t row) const
{
    if (row >= placeOfRow_.size())
        return std::nullopt;
    return placeOfRow_[row];
}

std::vector<std::size_t> ExplorationData::familyRows(std::size_t row) const
{
    const std::optional<Place> place = placeOf(row);
    if (!place)
        return {};
    const StudyTrack& track = tracks_[place->track];
    std::vector<std::size_t> rows;
    for (const std::size_t trial : track.lineage.family(place->trial))
        rows.push_back(track.rowOfTrial[trial]);
    std::sort(rows.begin(), rows.end());
    return rows;
}

double performanceOf(double value, const ColorRange& range, Direction direction)
{
    if (std::isnan(value))
        return value;
    const double span = range.high - range.low;
    if (!(span > 0.0)) {
        const bool better = direction == Direction::Maximize ? value >= range.high : value <= range.low;
        return better ? 1.0 : 0.0;
    }
    const double t = std::clamp((value - range.low) / span, 0.0, 1.0);
    return direction == Direction::Maximize ? t : 1.0 - t;
}

double ExplorationData::performance(double value, const ColorRange& range) const
{
    return performanceOf(value, range, direction_);
}

} // namespace tendril::app::exploration
