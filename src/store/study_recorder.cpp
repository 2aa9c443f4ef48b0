#include "tendril/store/study_recorder.hpp"

#include "recorder_index.hpp"
#include "recorder_statements.hpp"
#include "sqlite_util.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace tendril {

using store::CurveSlot;
using store::fail;
using store::Statement;
using store::TrialSlot;

std::string_view toString(LogStream stream)
{
    switch (stream) {
    case LogStream::Stdout: return "stdout";
    case LogStream::Stderr: return "stderr";
    case LogStream::Runner: return "runner";
    }
    return "stdout";
}

void RecordBatch::clear()
{
    starts.clear();
    points.clear();
    logs.clear();
    artifacts.clear();
    ends.clear();
}

namespace {

sqlite3* openHandle(const Project& project)
{
    sqlite3* db = project.handle();
    if (!db)
        throw StoreError("project file is closed (the Project was moved from)");
    return db;
}

sqlite3* writableHandle(const Project& project, const std::string& study)
{
    sqlite3* db = openHandle(project);
    if (sqlite3_db_readonly(db, "main") == 1)
        fail(project.path(), "cannot record study \"" + study + "\": the project is open read-only");
    return db;
}

store::RecorderIndex loadIndex(sqlite3* db, const std::string& path, const std::string& study)
{
    const store::ReadTransaction snapshot(db, path);
    return store::RecorderIndex(db, path, study);
}

// The position of an entry whose id an earlier entry has already, or npos. Sorting positions
// keeps this O(n log n) for a trial that reports very many names.
std::size_t repeatedEntry(const std::vector<std::int64_t>& ids)
{
    std::vector<std::size_t> order(ids.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return ids[a] < ids[b]; });
    for (std::size_t k = 1; k < order.size(); ++k)
        if (ids[order[k]] == ids[order[k - 1]])
            return order[k];
    return std::string::npos;
}

LogStream streamAt(const Statement& s, int col)
{
    const std::string_view word = s.textView(col);
    if (word == "stderr")
        return LogStream::Stderr;
    if (word == "runner")
        return LogStream::Runner;
    return LogStream::Stdout;
}

} // namespace

struct StudyRecorder::State {
    State(const Project& project, const std::string& studyName)
        : path(project.path()),
          study(studyName),
          db(writableHandle(project, studyName)),
          index(loadIndex(db, path, study)),
          statements(db, path)
    {
    }

    void checkStudyIsThere();
    void applyStart(const TrialStartRecord& start);
    void applyPoints(const std::vector<CurvePointRecord>& points);
    void applyLogLine(const TrialLogRecord& log);
    void applyArtifacts(const TrialArtifactsRecord& artifacts);
    void applyEnd(const TrialEndRecord& end);

    std::int64_t paramId(const std::string& name);
    std::int64_t metricId(const std::string& name);
    [[noreturn]] void failStudy(const std::string& what) const;
    [[noreturn]] void failTrial(const std::string& trial, const std::string& what) const;

    // Declared first: the statements keep a reference to it.
    const std::string path;
    const std::string study;
    sqlite3* const db;
    store::RecorderIndex index;
    store::RecorderStatements statements;
};

StudyRecorder::StudyRecorder(Project& project, const std::string& study)
    : state_(std::make_unique<State>(project, study))
{
}

StudyRecorder::~StudyRecorder() = default;

const std::string& StudyRecorder::study() const
{
    return state_->study;
}

void StudyRecorder::write(const RecordBatch& batch)
{
    if (batch.empty())
        return;
    State& s = *state_;
    s.index.beginBatch();
    try {
        store::WriteTransaction tx(s.db, s.path);
        s.checkStudyIsThere();
        for (const TrialStartRecord& start : batch.starts)
            s.applyStart(start);
        s.applyPoints(batch.points);
        for (const TrialLogRecord& log : batch.logs)
            s.applyLogLine(log);
        for (const TrialArtifactsRecord& artifacts : batch.artifacts)
            s.applyArtifacts(artifacts);
        for (const TrialEndRecord& end : batch.ends)
            s.applyEnd(end);
        s.statements.flush();
        tx.commit();
    } catch (...) {
        // The transaction has been rolled back by now; forget what the batch taught the index and
        // what it queued, so that the next batch starts from what the file holds.
        s.statements.discard();
        s.index.rollbackBatch();
        throw;
    }
    s.index.commitBatch();
}

std::vector<std::string> StudyRecorder::markUnfinished(const std::string& error, const std::string& finished)
{
    State& s = *state_;
    store::WriteTransaction tx(s.db, s.path);
    s.checkStudyIsThere();
    static constexpr const char* kUnfinished = "study_id = ?1 AND (state = 'running' OR state = 'queued')";
    std::vector<std::string> ids;
    {
        Statement list(s.db, s.path, std::string("SELECT key FROM trials WHERE ") + kUnfinished + " ORDER BY number, id");
        list.bindInt(1, s.index.studyId());
        while (list.step())
            ids.push_back(list.textAt(0));
    }
    Statement mark(s.db, s.path,
                   std::string("UPDATE trials SET state = 'failed', error = ?2, finished = ?3 WHERE ") + kUnfinished);
    mark.bindInt(1, s.index.studyId());
    mark.bindTextOrNull(2, error);
    mark.bindTextOrNull(3, finished);
    mark.run();
    tx.commit();
    return ids;
}

void StudyRecorder::State::checkStudyIsThere()
{
    if (!statements.studyExists(index.studyId(), study))
        failStudy("it was removed while it was being recorded");
}

void StudyRecorder::State::applyStart(const TrialStartRecord& start)
{
    const Trial& t = start.trial;
    if (t.id.empty())
        failStudy("a trial start without a trial id");
    if (start.continuation) {
        const TrialSlot* slot = index.findTrial(t.id);
        if (!slot)
            failTrial(t.id, "no such trial to continue");
        statements.continueTrial(slot->rowId, t);
        return;
    }
    if (index.hasTrial(t.id))
        failTrial(t.id, "already exists; a start that is not a continuation must name a new trial");

    std::vector<std::int64_t> ids;
    ids.reserve(t.params.size());
    for (const auto& [name, value] : t.params)
        ids.push_back(paramId(name));
    if (const std::size_t repeated = repeatedEntry(ids); repeated != std::string::npos)
        failTrial(t.id, "parameter \"" + t.params[repeated].first + "\" appears twice");
    const std::int64_t row = statements.insertTrial(index.studyId(), t);
    index.addTrial(t.id, row);
    for (std::size_t position = 0; position < t.params.size(); ++position)
        statements.insertTrialParam(row, static_cast<std::int64_t>(position), ids[position], t.params[position].second);
}

void StudyRecorder::State::applyPoints(const std::vector<CurvePointRecord>& points)
{
    // Reports arrive in runs of one trial (a report line carries several metrics), so the trial of
    // the previous point is tried before the index.
    const std::string* lastKey = nullptr;
    TrialSlot* trial = nullptr;
    for (const CurvePointRecord& p : points) {
        if (!lastKey || p.trialId != *lastKey) {
            trial = index.trialForUpdate(p.trialId);
            if (!trial)
                failTrial(p.trialId, "no such trial for a curve point of \"" + p.metric + "\"");
            lastKey = &p.trialId;
        }
        const std::int64_t metric = metricId(p.metric);
        const bool timed = !std::isnan(p.seconds);
        CurveSlot* curve = trial->curveOf(metric);
        if (!curve) {
            const std::int64_t row = statements.insertCurve(trial->rowId, trial->nextCurvePosition, metric, timed);
            ++trial->nextCurvePosition;
            curve = &trial->curves.emplace_back();
            curve->metricId = metric;
            curve->rowId = row;
            curve->hasSeconds = timed;
        } else if (timed && !curve->hasSeconds) {
            // The earlier points keep NULL seconds, which read back as NaN: "no time for this point".
            statements.markCurveTimed(curve->rowId);
            curve->hasSeconds = true;
        }
        statements.queuePoint(curve->rowId, curve->nextSeq++, p);
    }
}

void StudyRecorder::State::applyLogLine(const TrialLogRecord& log)
{
    TrialSlot* trial = index.trialForUpdate(log.trialId);
    if (!trial)
        failTrial(log.trialId, "no such trial for a log line");
    statements.queueLogLine(trial->rowId, trial->nextLogSeq++, log.line);
}

void StudyRecorder::State::applyArtifacts(const TrialArtifactsRecord& artifacts)
{
    const TrialSlot* trial = index.findTrial(artifacts.trialId);
    if (!trial)
        failTrial(artifacts.trialId, "no such trial for an artifacts report");
    statements.setArtifacts(trial->rowId, artifacts.artifactsJson);
}

void StudyRecorder::State::applyEnd(const TrialEndRecord& end)
{
    const TrialSlot* trial = index.findTrial(end.trialId);
    if (!trial)
        failTrial(end.trialId, "no such trial to end");
    std::vector<std::int64_t> ids;
    ids.reserve(end.metrics.size());
    for (const auto& [name, value] : end.metrics)
        ids.push_back(metricId(name));
    if (const std::size_t repeated = repeatedEntry(ids); repeated != std::string::npos)
        failTrial(end.trialId, "final metric \"" + end.metrics[repeated].first + "\" appears twice");

    statements.endTrial(trial->rowId, end, end.state == TrialState::Failed ? std::string_view(end.error) : "");
    statements.clearFinalMetrics(trial->rowId);
    for (std::size_t position = 0; position < end.metrics.size(); ++position)
        statements.insertFinalMetric(trial->rowId, static_cast<std::int64_t>(position), ids[position],
                                     end.metrics[position].second);
}

std::int64_t StudyRecorder::State::paramId(const std::string& name)
{
    std::int64_t id = index.paramId(name);
    if (id == 0) {
        id = statements.insertParamName(index.studyId(), name);
        index.addParam(name, id);
    }
    return id;
}

std::int64_t StudyRecorder::State::metricId(const std::string& name)
{
    std::int64_t id = index.metricId(name);
    if (id == 0) {
        id = statements.insertMetricName(index.studyId(), name);
        index.addMetric(name, id);
    }
    return id;
}

void StudyRecorder::State::failStudy(const std::string& what) const
{
    fail(path, "study \"" + study + "\": " + what);
}

void StudyRecorder::State::failTrial(const std::string& trial, const std::string& what) const
{
    failStudy("trial \"" + trial + "\": " + what);
}

std::vector<TrialLogLine> trialLog(const Project& project, const std::string& study, const std::string& trial)
{
    sqlite3* db = openHandle(project);
    const std::string& path = project.path();
    const store::ReadTransaction snapshot(db, path);
    Statement find(db, path,
                   "SELECT t.id FROM studies s LEFT JOIN trials t ON t.study_id = s.id AND t.key = ?2 "
                   "WHERE s.name = ?1");
    find.bindText(1, study);
    find.bindText(2, trial);
    if (!find.step())
        fail(path, "no study named \"" + study + "\"");
    if (find.isNull(0))
        fail(path, "study \"" + study + "\": no trial \"" + trial + "\"");

    Statement lines(db, path, "SELECT stream, malformed, text FROM trial_logs WHERE trial_id = ?1 ORDER BY seq");
    lines.bindInt(1, find.intAt(0));
    std::vector<TrialLogLine> log;
    while (lines.step())
        log.push_back({streamAt(lines, 0), lines.textAt(2), lines.intAt(1) != 0});
    return log;
}

} // namespace tendril
