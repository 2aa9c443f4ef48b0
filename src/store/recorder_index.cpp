#include "recorder_index.hpp"

#include "sqlite_util.hpp"

#include <algorithm>

namespace tendril::store {

CurveSlot* TrialSlot::curveOf(std::int64_t metricId)
{
    for (CurveSlot& c : curves)
        if (c.metricId == metricId)
            return &c;
    return nullptr;
}

RecorderIndex::RecorderIndex(sqlite3* db, const std::string& path, const std::string& study)
{
    load(db, path, study);
}

void RecorderIndex::load(sqlite3* db, const std::string& path, const std::string& study)
{
    {
        Statement s(db, path, "SELECT id FROM studies WHERE name = ?1");
        s.bindText(1, study);
        if (!s.step())
            fail(path, "no study named \"" + study + "\"");
        studyId_ = s.intAt(0);
    }
    const auto readNames = [&](const char* sql, NameIds& names) {
        Statement s(db, path, sql);
        s.bindInt(1, studyId_);
        while (s.step())
            names.emplace(s.textAt(1), s.intAt(0));
    };
    readNames("SELECT id, name FROM study_params WHERE study_id = ?1", params_);
    readNames("SELECT id, name FROM study_metrics WHERE study_id = ?1", metrics_);

    // max(seq) over a (trial_id, seq) or (curve_id, seq) key is one probe of the key's B-tree, so
    // these correlated subqueries cost a lookup per trial or curve, not a scan of its rows.
    std::unordered_map<std::int64_t, TrialSlot*> byRowId;
    {
        Statement s(db, path,
                    "SELECT t.id, t.key, (SELECT max(l.seq) FROM trial_logs l WHERE l.trial_id = t.id) "
                    "FROM trials t WHERE t.study_id = ?1");
        s.bindInt(1, studyId_);
        while (s.step()) {
            TrialSlot& slot = trials_[s.textAt(1)];
            slot.rowId = s.intAt(0);
            slot.nextLogSeq = s.isNull(2) ? 0 : s.intAt(2) + 1;
            byRowId.emplace(slot.rowId, &slot);
        }
    }
    Statement s(db, path,
                "SELECT c.trial_id, c.id, c.position, c.metric_id, c.has_seconds, "
                "(SELECT max(p.seq) FROM curve_points p WHERE p.curve_id = c.id) "
                "FROM trials t JOIN curves c ON c.trial_id = t.id WHERE t.study_id = ?1");
    s.bindInt(1, studyId_);
    while (s.step()) {
        const auto it = byRowId.find(s.intAt(0));
        if (it == byRowId.end())
            continue;
        TrialSlot& trial = *it->second;
        CurveSlot& curve = trial.curves.emplace_back();
        curve.rowId = s.intAt(1);
        curve.metricId = s.intAt(3);
        curve.hasSeconds = s.intAt(4) != 0;
        curve.nextSeq = s.isNull(5) ? 0 : s.intAt(5) + 1;
        trial.nextCurvePosition = std::max(trial.nextCurvePosition, s.intAt(2) + 1);
    }
}

void RecorderIndex::beginBatch()
{
    ++batch_;
    clearJournal();
}

void RecorderIndex::commitBatch()
{
    clearJournal();
}

void RecorderIndex::clearJournal()
{
    savedTrials_.clear();
    addedTrials_.clear();
    addedParams_.clear();
    addedMetrics_.clear();
}

void RecorderIndex::rollbackBatch()
{
    for (const std::string& key : addedTrials_)
        trials_.erase(key);
    for (auto& [key, earlier] : savedTrials_)
        trials_[key] = std::move(earlier);
    for (const std::string& name : addedParams_)
        params_.erase(name);
    for (const std::string& name : addedMetrics_)
        metrics_.erase(name);
    clearJournal();
}

const TrialSlot* RecorderIndex::findTrial(const std::string& key) const
{
    const auto it = trials_.find(key);
    return it == trials_.end() ? nullptr : &it->second;
}

TrialSlot* RecorderIndex::trialForUpdate(const std::string& key)
{
    const auto it = trials_.find(key);
    if (it == trials_.end())
        return nullptr;
    TrialSlot& slot = it->second;
    if (slot.savedInBatch != batch_) {
        savedTrials_.emplace_back(key, slot);
        slot.savedInBatch = batch_;
    }
    return &slot;
}

TrialSlot& RecorderIndex::addTrial(const std::string& key, std::int64_t rowId)
{
    TrialSlot& slot = trials_[key];
    slot.rowId = rowId;
    // Nothing to save: the rollback removes the whole slot.
    slot.savedInBatch = batch_;
    addedTrials_.push_back(key);
    return slot;
}

void RecorderIndex::addParam(const std::string& name, std::int64_t id)
{
    params_.emplace(name, id);
    addedParams_.push_back(name);
}

void RecorderIndex::addMetric(const std::string& name, std::int64_t id)
{
    metrics_.emplace(name, id);
    addedMetrics_.push_back(name);
}

std::int64_t RecorderIndex::idOf(const NameIds& names, const std::string& name)
{
    const auto it = names.find(name);
    return it == names.end() ? 0 : it->second;
}

} // namespace tendril::store
