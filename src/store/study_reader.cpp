#include "study_reader.hpp"

#include "sqlite_util.hpp"
#include "value_codec.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tendril::store {

namespace {

using NamesById = std::unordered_map<std::int64_t, std::string>;

// The trials being loaded, and how rows of the per-trial tables (params, metrics, curves) are
// fetched for them. Trials of one study usually have consecutive row ids, because a study is
// imported in one transaction; then one range scan over the child table's primary key reads
// its rows about 30% faster than joining each trial. When other studies' trials are interleaved
// (two runners appending at once) or a state filter keeps few of them, the join is used instead.
struct TrialScope {
    std::int64_t studyId = 0;
    std::optional<TrialState> state;
    std::int64_t lowRowId = 0;
    std::int64_t highRowId = -1;
    bool scanRange = false;

    // SELECT <trial row id>, <columns> FROM <table x + joins> ... ORDER BY <trial>, <order>.
    // `from` names the child table as x; its rows carry x.trial_id.
    std::string query(const char* columns, const char* from, const char* order) const
    {
        if (scanRange)
            return std::string("SELECT x.trial_id, ") + columns + " FROM " + from +
                   " WHERE x.trial_id BETWEEN ?1 AND ?2 ORDER BY x.trial_id, " + order;
        return std::string("SELECT t.id, ") + columns + " FROM trials t JOIN " + from +
               " WHERE x.trial_id = t.id AND t.study_id = ?1 AND (?2 IS NULL OR t.state = ?2)"
               " ORDER BY t.number, t.id, " +
               order;
    }

    void bind(Statement& s) const
    {
        if (scanRange) {
            s.bindInt(1, lowRowId);
            s.bindInt(2, highRowId);
            return;
        }
        s.bindInt(1, studyId);
        if (state)
            s.bindText(2, toString(*state));
        else
            s.bindNull(2);
    }
};

// Where a row id sits in a list of row ids: a direct table while the ids span at most a few
// times their number (the usual case: rows written in one transaction), a hash map beyond.
class RowIndex {
public:
    explicit RowIndex(const std::vector<std::int64_t>& ids) : count_(ids.size())
    {
        if (ids.empty())
            return;
        const auto [low, high] = std::minmax_element(ids.begin(), ids.end());
        low_ = *low;
        high_ = *high;
        const auto span = static_cast<std::size_t>(high_ - low_ + 1);
        if (span <= 8 * ids.size() + 4096) {
            slots_.assign(span, -1);
            for (std::size_t i = 0; i < ids.size(); ++i)
                slots_[static_cast<std::size_t>(ids[i] - low_)] = static_cast<std::int32_t>(i);
        } else {
            for (std::size_t i = 0; i < ids.size(); ++i)
                map_.emplace(ids[i], i);
        }
    }

    std::int64_t low() const { return low_; }
    std::int64_t high() const { return high_; }
    // True when the rows whose ids lie in [low, high] are mostly rows of this list, so that one
    // range scan reads them with little waste.
    bool compact() const { return count_ > 0 && static_cast<std::size_t>(high_ - low_ + 1) <= 2 * count_; }

    // The position of id in the list, or -1.
    std::ptrdiff_t find(std::int64_t id) const
    {
        if (!slots_.empty()) {
            if (id < low_ || id > high_)
                return -1;
            return slots_[static_cast<std::size_t>(id - low_)];
        }
        const auto it = map_.find(id);
        return it == map_.end() ? -1 : static_cast<std::ptrdiff_t>(it->second);
    }

private:
    std::size_t count_;
    std::int64_t low_ = 0;
    std::int64_t high_ = -1;
    std::vector<std::int32_t> slots_;
    std::unordered_map<std::int64_t, std::size_t> map_;
};

// Finds the loaded trial a child row belongs to. Rows of trials outside the load (other studies
// inside a scanned range, or trials the state filter left out) find nothing and are skipped.
class TrialLookup {
public:
    TrialLookup(const RowIndex& index, std::vector<Trial>& trials) : index_(index), trials_(trials) {}

    Trial* find(std::int64_t rowId) const
    {
        const std::ptrdiff_t i = index_.find(rowId);
        return i < 0 ? nullptr : &trials_[static_cast<std::size_t>(i)];
    }

private:
    const RowIndex& index_;
    std::vector<Trial>& trials_;
};

// Gives the list (params or metrics) of the trial a row belongs to. When a row starts another
// trial, reserves as many entries as the previous trial had: trials of a study mostly report
// alike, and growing 100,000 small vectors one row at a time costs as much as the query.
template <class List>
class ListFiller {
public:
    ListFiller(const TrialLookup& trials, List Trial::*member) : trials_(trials), member_(member) {}

    List* at(std::int64_t rowId)
    {
        Trial* t = trials_.find(rowId);
        if (!t)
            return nullptr;
        List& list = t->*member_;
        if (t != last_) {
            if (last_)
                lastSize_ = (last_->*member_).size();
            list.reserve(lastSize_);
            last_ = t;
        }
        return &list;
    }

private:
    const TrialLookup& trials_;
    List Trial::*member_;
    Trial* last_ = nullptr;
    std::size_t lastSize_ = 0;
};

Direction directionAt(const Statement& s, int col)
{
    return s.textView(col) == "minimize" ? Direction::Minimize : Direction::Maximize;
}

const std::string& nameOf(const NamesById& names, std::int64_t id, const std::string& path)
{
    const auto it = names.find(id);
    if (it == names.end())
        fail(path, "a trial refers to an unknown parameter or metric (is the file damaged?)");
    return it->second;
}

std::int64_t readStudyRow(sqlite3* db, const std::string& path, const std::string& name, Study& study)
{
    Statement s(db, path,
                "SELECT id, objective_metric, objective_direction, algorithm, algorithm_config, budget_max_trials, "
                "budget_max_resource, budget_resource, budget_max_seconds, parent, created, space_inferred, "
                "user_attrs FROM studies WHERE name = ?1");
    s.bindText(1, name);
    if (!s.step())
        fail(path, "no study named \"" + name + "\"");
    study.name = name;
    study.objective.metric = s.textAt(1);
    study.objective.direction = directionAt(s, 2);
    study.algorithm.name = s.textAt(3);
    study.algorithm.configJson = s.textAt(4);
    study.budget.maxTrials = s.optionalInt(5);
    study.budget.maxResource = s.optionalReal(6);
    study.budget.resource = s.textAt(7);
    study.budget.maxSeconds = s.optionalReal(8);
    study.parent = s.textAt(9);
    study.created = s.textAt(10);
    study.spaceInferred = s.intAt(11) != 0;
    study.userAttrsJson = s.textAt(12);
    return s.intAt(0);
}

void readCommand(sqlite3* db, const std::string& path, std::int64_t studyId, Study& study)
{
    Statement s(db, path, "SELECT value FROM json_each((SELECT command FROM studies WHERE id = ?1)) ORDER BY key");
    s.bindInt(1, studyId);
    while (s.step())
        study.command.push_back(s.textAt(0));
}

// Fills the search space and returns the names of all parameters the study uses, by row id.
NamesById readParams(sqlite3* db, const std::string& path, std::int64_t studyId, Study& study)
{
    NamesById names;
    std::unordered_map<std::int64_t, std::size_t> spaceIndex;
    Statement s(db, path,
                "SELECT id, name, space_position, type, low, high, log, step FROM study_params "
                "WHERE study_id = ?1 ORDER BY space_position");
    s.bindInt(1, studyId);
    while (s.step()) {
        const std::int64_t id = s.intAt(0);
        names.emplace(id, s.textAt(1));
        if (s.isNull(2))
            continue;
        Param p;
        p.name = s.textAt(1);
        p.type = parseParamType(s.textView(3)).value_or(ParamType::Float);
        p.low = s.realOrNaN(4);
        p.high = s.realOrNaN(5);
        p.log = s.intAt(6) != 0;
        p.step = s.optionalReal(7);
        spaceIndex.emplace(id, study.space.params.size());
        study.space.params.push_back(std::move(p));
    }

    Statement choices(db, path,
                      "SELECT c.param_id, c.kind, c.value FROM study_params p "
                      "JOIN study_param_choices c ON c.param_id = p.id "
                      "WHERE p.study_id = ?1 ORDER BY c.param_id, c.position");
    choices.bindInt(1, studyId);
    while (choices.step()) {
        const auto it = spaceIndex.find(choices.intAt(0));
        if (it != spaceIndex.end())
            study.space.params[it->second].choices.push_back(valueAt(choices, 1));
    }
    return names;
}

// Fills the declared metrics and returns the names of all metrics the study uses, by row id.
NamesById readMetrics(sqlite3* db, const std::string& path, std::int64_t studyId, Study& study)
{
    NamesById names;
    Statement s(db, path,
                "SELECT id, name, declared_position, direction FROM study_metrics "
                "WHERE study_id = ?1 ORDER BY declared_position");
    s.bindInt(1, studyId);
    while (s.step()) {
        names.emplace(s.intAt(0), s.textAt(1));
        if (!s.isNull(2))
            study.metrics.push_back({s.textAt(1), directionAt(s, 3)});
    }
    return names;
}

// Reads the trials in order (number, then insertion) and returns their row ids.
std::vector<std::int64_t> readTrials(sqlite3* db, const std::string& path, const TrialScope& scope, Study& study)
{
    const auto bindFilter = [&scope](Statement& s) {
        s.bindInt(1, scope.studyId);
        if (scope.state)
            s.bindText(2, toString(*scope.state));
        else
            s.bindNull(2);
    };
    // Sized up front: growing a vector of 100,000 trials by doubling moves them all several times
    // and makes the system fault in fresh pages for each copy.
    Statement count(db, path, "SELECT count(*) FROM trials WHERE study_id = ?1 AND (?2 IS NULL OR state = ?2)");
    bindFilter(count);
    const auto expected = static_cast<std::size_t>(count.step() ? count.intAt(0) : 0);
    study.trials.reserve(expected);
    std::vector<std::int64_t> rowIds;
    rowIds.reserve(expected);

    Statement s(db, path,
                "SELECT id, key, number, state, iteration, parent, start_step, bracket, rung, budget, started, "
                "finished, error, artifacts, user_attrs FROM trials "
                "WHERE study_id = ?1 AND (?2 IS NULL OR state = ?2) ORDER BY number, id");
    bindFilter(s);
    while (s.step()) {
        rowIds.push_back(s.intAt(0));
        Trial& t = study.trials.emplace_back();
        t.id = s.textAt(1);
        t.number = s.intAt(2);
        t.state = parseTrialState(s.textView(3)).value_or(TrialState::Complete);
        t.iteration = s.optionalInt(4);
        t.parent = s.textAt(5);
        t.startStep = s.optionalReal(6);
        t.bracket = s.optionalInt(7);
        t.rung = s.optionalInt(8);
        t.budget = s.optionalReal(9);
        t.started = s.textAt(10);
        t.finished = s.textAt(11);
        t.error = s.textAt(12);
        t.artifactsJson = s.textAt(13);
        t.userAttrsJson = s.textAt(14);
    }
    return rowIds;
}

void readTrialParams(sqlite3* db, const std::string& path, const TrialScope& scope, const NamesById& names,
                     const TrialLookup& trials)
{
    Statement s(db, path, scope.query("x.param_id, x.kind, x.value", "trial_params x", "x.position"));
    scope.bind(s);
    ListFiller filler(trials, &Trial::params);
    while (s.step())
        if (auto* params = filler.at(s.intAt(0)))
            params->emplace_back(nameOf(names, s.intAt(1), path), valueAt(s, 2));
}

void readTrialMetrics(sqlite3* db, const std::string& path, const TrialScope& scope, const NamesById& names,
                      const TrialLookup& trials)
{
    Statement s(db, path, scope.query("x.metric_id, x.value", "trial_metrics x", "x.position"));
    scope.bind(s);
    ListFiller filler(trials, &Trial::metrics);
    while (s.step())
        if (auto* metrics = filler.at(s.intAt(0)))
            metrics->emplace_back(nameOf(names, s.intAt(1), path), s.realOrNaN(2));
}

void readCurves(sqlite3* db, const std::string& path, const TrialScope& scope, const NamesById& names,
                const TrialLookup& trials)
{
    // First the curves, each with its number of points so that its vectors are sized once. A curve
    // may have no points: a trial that declared it and was stopped before its first report.
    Statement list(db, path,
                   scope.query("x.id, x.metric_id, x.has_seconds, "
                               "(SELECT max(pt.seq) + 1 FROM curve_points pt WHERE pt.curve_id = x.id)",
                               "curves x", "x.position"));
    scope.bind(list);
    struct Found {
        Trial* trial;
        std::size_t position;  // in trial->curves
        bool withSeconds;
    };
    std::vector<std::int64_t> curveIds;
    std::vector<Found> found;
    while (list.step()) {
        Trial* t = trials.find(list.intAt(0));
        if (!t)
            continue;
        const bool withSeconds = list.intAt(3) != 0;
        const auto points = static_cast<std::size_t>(list.isNull(4) ? 0 : list.intAt(4));
        Curve& c = t->curves.emplace_back(nameOf(names, list.intAt(2), path), Curve{}).second;
        c.steps.reserve(points);
        c.values.reserve(points);
        if (withSeconds)
            c.seconds.reserve(points);
        curveIds.push_back(list.intAt(1));
        found.push_back({t, t->curves.size() - 1, withSeconds});
    }
    if (curveIds.empty())
        return;
    // Taken only now: adding a trial's second curve may have moved its first.
    std::vector<Curve*> curves;
    curves.reserve(found.size());
    for (const Found& f : found)
        curves.push_back(&f.trial->curves[f.position].second);

    // Then the points: one range scan when the curves' ids are (nearly) consecutive, otherwise
    // joined through the trials. Both give curve id, step, value, seconds in columns 1 to 4.
    const RowIndex byId(curveIds);
    TrialScope joined = scope;
    joined.scanRange = false;
    Statement points(db, path,
                     byId.compact() ? "SELECT 0, curve_id, step, value, seconds FROM curve_points "
                                      "WHERE curve_id BETWEEN ?1 AND ?2 ORDER BY curve_id, seq"
                                    : joined.query("pt.curve_id, pt.step, pt.value, pt.seconds",
                                                   "curves x JOIN curve_points pt ON pt.curve_id = x.id",
                                                   "x.position, pt.seq"));
    if (byId.compact()) {
        points.bindInt(1, byId.low());
        points.bindInt(2, byId.high());
    } else {
        joined.bind(points);
    }
    std::int64_t current = -1;
    Curve* curve = nullptr;
    bool withSeconds = false;
    while (points.step()) {
        const std::int64_t curveId = points.intAt(1);
        if (curveId != current) {
            current = curveId;
            const std::ptrdiff_t i = byId.find(curveId);
            curve = i < 0 ? nullptr : curves[static_cast<std::size_t>(i)];
            withSeconds = i >= 0 && found[static_cast<std::size_t>(i)].withSeconds;
        }
        if (!curve)
            continue;
        curve->steps.push_back(points.realOrNaN(2));
        curve->values.push_back(points.realOrNaN(3));
        if (withSeconds)
            curve->seconds.push_back(points.realOrNaN(4));
    }
}

void readNotes(sqlite3* db, const std::string& path, std::int64_t studyId, Study& study)
{
    Statement s(db, path, "SELECT trial_key, text, created, view_state FROM notes WHERE study_id = ?1 ORDER BY id");
    s.bindInt(1, studyId);
    while (s.step())
        study.notes.push_back({s.textAt(1), s.textAt(2), s.textAt(0), s.textAt(3)});
}

} // namespace

Study readStudy(sqlite3* db, const std::string& path, const std::string& name, const LoadOptions& options)
{
    Study study;
    TrialScope scope;
    scope.studyId = readStudyRow(db, path, name, study);
    scope.state = options.state;
    readCommand(db, path, scope.studyId, study);
    const NamesById paramNames = readParams(db, path, scope.studyId, study);
    const NamesById metricNames = readMetrics(db, path, scope.studyId, study);

    const std::vector<std::int64_t> rowIds = readTrials(db, path, scope, study);
    if (rowIds.empty()) {
        if (options.notes)
            readNotes(db, path, scope.studyId, study);
        return study;
    }
    const RowIndex trialIndex(rowIds);
    scope.lowRowId = trialIndex.low();
    scope.highRowId = trialIndex.high();
    scope.scanRange = trialIndex.compact();

    TrialLookup trials(trialIndex, study.trials);
    readTrialParams(db, path, scope, paramNames, trials);
    readTrialMetrics(db, path, scope, metricNames, trials);
    if (options.curves)
        readCurves(db, path, scope, metricNames, trials);
    if (options.notes)
        readNotes(db, path, scope.studyId, study);
    return study;
}

} // namespace tendril::store
