// What the exploration overview draws, built from the hub's table without widgets: for every
// shown study its lineage (the iteration axis, each trial's history and links) and the table rows
// of its trials, and the hyperparameters to draw one small plot each for.
#pragma once

#include "session/trial_table.hpp"
#include "tendril/core/lineage.hpp"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace tendril::app::exploration {

// One hyperparameter's plots: how its values map onto the vertical axis.
struct ParamAxis {
    std::size_t column = 0;  // the table column
    QString name;
    // Categories, and whole numbers with few values, are bands: one per value, points spread
    // inside so that equal values do not hide each other.
    bool banded = false;
    std::vector<QString> bandLabels;  // one per band; band 0 lies at the bottom, like low values
    std::vector<double> bandValues;   // the stored value of each band (a category index or the number)
    bool log = false;
    double low = 0.0;   // numeric range
    double high = 1.0;

    // The band of a stored value; nullopt when it is none of them (or the axis is not banded).
    std::optional<std::size_t> bandOf(double value) const;
};

// One shown study.
struct StudyTrack {
    std::size_t studyIndex = 0;  // in the table
    QString name;
    QString algorithm;           // as the views spell it ("Hyperband")
    Lineage lineage;
    std::vector<std::size_t> rowOfTrial;  // trial index in the study -> table row
    std::vector<char> hasParam;           // per ParamAxis: the study's trials hold the value
};

// A range of the metric that the performance colours span: low is the worst end for maximizing.
struct ColorRange {
    double low = 0.0;
    double high = 1.0;
    friend bool operator==(const ColorRange&, const ColorRange&) = default;
};

class ExplorationData {
public:
    ExplorationData() = default;
    explicit ExplorationData(std::shared_ptr<const TrialTable> table);

    const std::shared_ptr<const TrialTable>& table() const { return table_; }
    const std::vector<StudyTrack>& tracks() const { return tracks_; }
    const std::vector<ParamAxis>& params() const { return params_; }
    // The metric every evaluation carries (the first shown study's objective) and which way is better.
    const QString& metric() const { return metric_; }
    Direction direction() const { return direction_; }
    // The smallest and largest evaluated value over every study; nullopt when none was reported.
    std::optional<ColorRange> valueExtent() const { return extent_; }
    // What the performance plots span: the first best value, the median evaluation and the final
    // best, over every study. The worse half of the evaluations would squeeze the progress of the
    // best into a line at the edge.
    std::optional<ColorRange> progressRange() const { return progress_; }

    struct Place {
        std::size_t track = 0;
        std::size_t trial = 0;
    };
    std::optional<Place> placeOf(std::size_t row) const;
    // The table rows of the trial's ancestors, itself and its descendants, in increasing order.
    std::vector<std::size_t> familyRows(std::size_t row) const;

    // 0 for the worst end of the range, 1 for the best (clamped); NaN for NaN.
    double performance(double value, const ColorRange& range) const;

private:
    std::shared_ptr<const TrialTable> table_;
    std::vector<StudyTrack> tracks_;
    std::vector<ParamAxis> params_;
    QString metric_;
    Direction direction_ = Direction::Maximize;
    std::optional<ColorRange> extent_;
    std::optional<ColorRange> progress_;
    std::vector<Place> placeOfRow_;
};

// 0 for the worst end of the range, 1 for the best (clamped); NaN for NaN. A range of no width
// splits values at it.
double performanceOf(double value, const ColorRange& range, Direction direction);

// The PBT interval a study was configured with (algorithm.config.perturbation_interval).
std::optional<double> configuredInterval(const Study& study);

} // namespace tendril::app::exploration
