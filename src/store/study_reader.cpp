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

// Binds the study and the state filter, as ?1 and ?2, to a query over the trials table.
void bindStudyAndState(Statement& s, std::int64_t studyId, const std::optional<TrialState>& state)
{
    s.bindInt(1, studyId);
    if (state)
        s.bindText(2, toString(*state));
    else
        s.bindNull(2);
}

// The page of trials being read, and how rows of the per-trial tables (params, metrics, curves)
// are fetched for it. Trials of one study usually have consecutive row ids, because a study is
// imported in one transaction; then one range scan over the child table's primary key reads
// its rows about 30% faster than joining each trial. When other studies' trials are interleaved
// (two runners appending at once) or a state filter keeps few of them, the join is used instead,
// bounded to the page by its first and last trial in (number, row id) order: the trials query
// returns them in that order, so the study's trials between the two are exactly the page.
struct TrialScope {
    std::int64_t studyId = 0;
    std::optional<TrialState> state;
    std::int64_t firstNumber = 0;
    std::int64_t firstRowId = 0;
    std::int64_t lastNumber = 0;
    std::int64_t lastRowId = 0;
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
               " AND (t.number, t.id) >= (?3, ?4) AND (t.number, t.id) <= (?5, ?6)"
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
        bindStudyAndState(s, studyId, state);
        s.bindInt(3, firstNumber);
        s.bindInt(4, firstRowId);
        s.bindInt(5, lastNumber);
        s.bindInt(6, lastRowId);
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

const std::string& nameOf(const NamesById& names, std::int64_t id, const std::string& path)
{
    const auto it = names.find(id);
    if (it == names.end())
        fail(path, "a trial refers to an unknown parameter or metric (is the file damaged?)");
    return it->second;
}

std::size_t countTrials(sqlite3* db, const std::string& path, std::int64_t studyId,
                        const std::optional<TrialState>& state)
{
    Statement count(db, path, "SELECT count(*) FROM trials WHERE study_id = ?1 AND (?2 IS NULL OR state = ?2)");
    bindStudyAndState(count, studyId, state);
    return static_cast<std::size_t>(count.step() ? count.intAt(0) : 0);
}

// Assigning into the string a reused trial already holds keeps its buffer.
void assignText(std::string& to, const Statement& s, int col)
{
    to.assign(s.textView(col));
}

// Overwrites every field of t from a row of the trials query, keeping the memory t holds.
void assignTrialRow(const Statement& s, Trial& t)
{
    assignText(t.id, s, 1);
    t.number = s.intAt(2);
    t.state = parseTrialState(s.textView(3)).value_or(TrialState::Complete);
    t.params.clear();
    t.metrics.clear();
    t.curves.clear();
    t.iteration = s.optionalInt(4);
    assignText(t.parent, s, 5);
    t.startStep = s.optionalReal(6);
    t.bracket = s.optionalInt(7);
    t.rung = s.optionalInt(8);
    t.budget = s.optionalReal(9);
    assignText(t.started, s, 10);
    assignText(t.finished, s, 11);
    assignText(t.error, s, 12);
    assignText(t.artifactsJson, s, 13);
    assignText(t.userAttrsJson, s, 14);
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

} // namespace

TrialPageReader::TrialPageReader(sqlite3* db, const std::string& path, const StudyHeader& header,
                                 const LoadOptions& options)
    : db_(db),
      path_(path),
      header_(header),
      state_(options.state),
      curves_(options.curves),
      remaining_(countTrials(db, path, header.id, options.state)),
      trials_(db, path,
              "SELECT id, key, number, state, iteration, parent, start_step, bracket, rung, budget, started, "
              "finished, error, artifacts, user_attrs FROM trials "
              "WHERE study_id = ?1 AND (?2 IS NULL OR state = ?2) ORDER BY number, id")
{
    bindStudyAndState(trials_, header.id, state_);
}

bool TrialPageReader::readPage(std::vector<Trial>& page, std::size_t maxTrials)
{
    // Sized up front: growing a vector of 100,000 trials by doubling moves them all several times
    // and makes the system fault in fresh pages for each copy. The count comes from the same
    // snapshot as the rows, so the trials query is never stepped past its last row.
    const std::size_t wanted = std::min(maxTrials, remaining_);
    if (page.capacity() < wanted)
        page.reserve(wanted);
    rowIds_.clear();
    rowIds_.reserve(wanted);
    std::size_t count = 0;
    while (count < wanted && trials_.step()) {
        Trial& t = count < page.size() ? page[count] : page.emplace_back();
        rowIds_.push_back(trials_.intAt(0));
        assignTrialRow(trials_, t);
        ++count;
    }
    page.resize(count);
    remaining_ -= count;
    if (count == 0)
        return false;

    const RowIndex trialIndex(rowIds_);
    TrialScope scope;
    scope.studyId = header_.id;
    scope.state = state_;
    scope.firstNumber = page.front().number;
    scope.firstRowId = rowIds_.front();
    scope.lastNumber = page.back().number;
    scope.lastRowId = rowIds_.back();
    scope.lowRowId = trialIndex.low();
    scope.highRowId = trialIndex.high();
    scope.scanRange = trialIndex.compact();

    const TrialLookup trials(trialIndex, page);
    readTrialParams(db_, path_, scope, header_.paramNames, trials);
    readTrialMetrics(db_, path_, scope, header_.metricNames, trials);
    if (curves_)
        readCurves(db_, path_, scope, header_.metricNames, trials);
    return true;
}

Study readStudy(sqlite3* db, const std::string& path, const std::string& name, const LoadOptions& options)
{
    StudyHeader header = readStudyHeader(db, path, name, options.notes);
    TrialPageReader reader(db, path, header, options);
    reader.readPage(header.study.trials, reader.remaining());
    return std::move(header.study);
}

} // namespace tendril::store
