#include "recorder_statements.hpp"

#include "value_codec.hpp"

namespace tendril::store {

RecorderStatements::RecorderStatements(sqlite3* db, const std::string& path)
    : db_(db),
      studyExists_(db, path, "SELECT 1 FROM studies WHERE id = ?1 AND name = ?2"),
      paramName_(db, path, "INSERT INTO study_params (study_id, name) VALUES (?1, ?2)"),
      metricName_(db, path, "INSERT INTO study_metrics (study_id, name) VALUES (?1, ?2)"),
      trial_(db, path,
             "INSERT INTO trials (study_id, key, number, state, iteration, parent, start_step, bracket, rung, "
             "budget, started, user_attrs) "
             "VALUES (?1, ?2, ?3, 'running', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
      trialParam_(db, path,
                  "INSERT INTO trial_params (trial_id, position, param_id, kind, value) VALUES (?1, ?2, ?3, ?4, ?5)"),
      // A NULL parameter means "not given", so coalesce keeps what the trial has.
      continue_(db, path,
                "UPDATE trials SET state = 'running', finished = NULL, error = NULL, rung = coalesce(?2, rung), "
                "budget = coalesce(?3, budget), start_step = coalesce(?4, start_step), "
                "started = coalesce(?5, started) WHERE id = ?1"),
      curve_(db, path, "INSERT INTO curves (trial_id, position, metric_id, has_seconds) VALUES (?1, ?2, ?3, ?4)"),
      curveTimed_(db, path, "UPDATE curves SET has_seconds = 1 WHERE id = ?1"),
      artifacts_(db, path, "UPDATE trials SET artifacts = ?2 WHERE id = ?1"),
      end_(db, path,
           "UPDATE trials SET state = ?2, finished = ?3, error = ?4, artifacts = coalesce(?5, artifacts) "
           "WHERE id = ?1"),
      clearMetrics_(db, path, "DELETE FROM trial_metrics WHERE trial_id = ?1"),
      metric_(db, path, "INSERT INTO trial_metrics (trial_id, position, metric_id, value) VALUES (?1, ?2, ?3, ?4)"),
      points_(db, path, "curve_points (curve_id, seq, step, value, seconds)", 5),
      logLines_(db, path, "trial_logs (trial_id, seq, stream, malformed, text)", 5)
{
}

bool RecorderStatements::studyExists(std::int64_t studyId, const std::string& name)
{
    studyExists_.bindInt(1, studyId);
    studyExists_.bindText(2, name);
    const bool exists = studyExists_.step();
    studyExists_.reset();
    return exists;
}

std::int64_t RecorderStatements::insertParamName(std::int64_t studyId, const std::string& name)
{
    paramName_.bindInt(1, studyId);
    paramName_.bindText(2, name);
    paramName_.run();
    return sqlite3_last_insert_rowid(db_);
}

std::int64_t RecorderStatements::insertMetricName(std::int64_t studyId, const std::string& name)
{
    metricName_.bindInt(1, studyId);
    metricName_.bindText(2, name);
    metricName_.run();
    return sqlite3_last_insert_rowid(db_);
}

std::int64_t RecorderStatements::insertTrial(std::int64_t studyId, const Trial& t)
{
    trial_.bindInt(1, studyId);
    trial_.bindText(2, t.id);
    trial_.bindInt(3, t.number);
    trial_.bindOptionalInt(4, t.iteration);
    trial_.bindTextOrNull(5, t.parent);
    trial_.bindOptionalReal(6, t.startStep);
    trial_.bindOptionalInt(7, t.bracket);
    trial_.bindOptionalInt(8, t.rung);
    trial_.bindOptionalReal(9, t.budget);
    trial_.bindTextOrNull(10, t.started);
    trial_.bindTextOrNull(11, t.userAttrsJson);
    trial_.run();
    return sqlite3_last_insert_rowid(db_);
}

void RecorderStatements::insertTrialParam(std::int64_t trialRow, std::int64_t position, std::int64_t paramId,
                                          const Value& value)
{
    trialParam_.bindInt(1, trialRow);
    trialParam_.bindInt(2, position);
    trialParam_.bindInt(3, paramId);
    bindValue(trialParam_, 4, value);
    trialParam_.run();
}

void RecorderStatements::continueTrial(std::int64_t trialRow, const Trial& t)
{
    continue_.bindInt(1, trialRow);
    continue_.bindOptionalInt(2, t.rung);
    continue_.bindOptionalReal(3, t.budget);
    continue_.bindOptionalReal(4, t.startStep);
    continue_.bindTextOrNull(5, t.started);
    continue_.run();
}

std::int64_t RecorderStatements::insertCurve(std::int64_t trialRow, std::int64_t position, std::int64_t metricId,
                                             bool hasSeconds)
{
    curve_.bindInt(1, trialRow);
    curve_.bindInt(2, position);
    curve_.bindInt(3, metricId);
    curve_.bindInt(4, hasSeconds ? 1 : 0);
    curve_.run();
    return sqlite3_last_insert_rowid(db_);
}

void RecorderStatements::markCurveTimed(std::int64_t curveRow)
{
    curveTimed_.bindInt(1, curveRow);
    curveTimed_.run();
}

void RecorderStatements::queuePoint(std::int64_t curveRow, std::int64_t seq, const CurvePointRecord& point)
{
    // A NaN binds as NULL, which is how the schema stores NaN and "no time for this point" alike.
    points_.add({Cell::of(curveRow), Cell::of(seq), Cell::of(point.step), Cell::of(point.value),
                 Cell::of(point.seconds)});
}

void RecorderStatements::queueLogLine(std::int64_t trialRow, std::int64_t seq, const TrialLogLine& line)
{
    logLines_.add({Cell::of(trialRow), Cell::of(seq), Cell::of(toString(line.stream)),
                   Cell::of(std::int64_t{line.malformedReport ? 1 : 0}), Cell::of(std::string_view(line.text))});
}

void RecorderStatements::setArtifacts(std::int64_t trialRow, std::string_view json)
{
    artifacts_.bindInt(1, trialRow);
    artifacts_.bindTextOrNull(2, json);
    artifacts_.run();
}

void RecorderStatements::endTrial(std::int64_t trialRow, const TrialEndRecord& end, std::string_view error)
{
    end_.bindInt(1, trialRow);
    end_.bindText(2, toString(end.state));
    end_.bindTextOrNull(3, end.finished);
    end_.bindTextOrNull(4, error);
    end_.bindTextOrNull(5, end.artifactsJson);
    end_.run();
}

void RecorderStatements::clearFinalMetrics(std::int64_t trialRow)
{
    clearMetrics_.bindInt(1, trialRow);
    clearMetrics_.run();
}

void RecorderStatements::insertFinalMetric(std::int64_t trialRow, std::int64_t position, std::int64_t metricId,
                                           double value)
{
    metric_.bindInt(1, trialRow);
    metric_.bindInt(2, position);
    metric_.bindInt(3, metricId);
    metric_.bindReal(4, value);
    metric_.run();
}

void RecorderStatements::flush()
{
    points_.flush();
    logLines_.flush();
}

void RecorderStatements::discard()
{
    points_.discard();
    logLines_.discard();
}

} // namespace tendril::store
