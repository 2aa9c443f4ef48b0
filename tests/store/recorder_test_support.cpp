#include "recorder_test_support.hpp"

#include "store_test_support.hpp"

namespace tendril::testing {

Study runnerStudy(const std::string& name)
{
    Study s;
    s.name = name;
    s.objective = {"val_loss", Direction::Minimize};
    s.metrics = {{"val_acc", Direction::Maximize}};
    s.space.params = {Param::floatRange("lr", 1e-4, 0.1, /*log=*/true), Param::intRange("layers", 1, 8)};
    s.algorithm = {"hyperband", R"({"eta": 3})"};
    s.command = {"python3", "train.py"};
    s.created = "2026-11-20T09:00:00Z";
    return s;
}

TrialStartRecord newTrial(const std::string& id, std::int64_t number,
                          std::vector<std::pair<std::string, Value>> params, const std::string& started)
{
    TrialStartRecord start;
    start.trial.id = id;
    start.trial.number = number;
    start.trial.params = std::move(params);
    start.trial.started = started;
    return start;
}

TrialStartRecord continuationOf(const std::string& id, std::optional<std::int64_t> rung, std::optional<double> budget,
                                const std::string& started)
{
    TrialStartRecord start;
    start.continuation = true;
    start.trial.id = id;
    start.trial.rung = rung;
    start.trial.budget = budget;
    start.trial.started = started;
    return start;
}

CurvePointRecord point(const std::string& trial, const std::string& metric, double step, double value, double seconds)
{
    return {trial, metric, step, value, seconds};
}

TrialLogRecord logLine(const std::string& trial, LogStream stream, const std::string& text, bool malformed)
{
    return {trial, {stream, text, malformed}};
}

TrialEndRecord endOf(const std::string& trial, TrialState state, std::vector<std::pair<std::string, double>> metrics,
                     const std::string& finished, const std::string& error, const std::string& artifacts)
{
    return {trial, state, std::move(metrics), error, finished, artifacts};
}

std::string writeError(StudyRecorder& recorder, const RecordBatch& batch)
{
    try {
        recorder.write(batch);
    } catch (const StoreError& e) {
        return e.what();
    }
    return "(written without error)";
}

std::string pointSeqs(const std::string& projectPath, const std::string& trial, const std::string& metric)
{
    RawDb db(projectPath, SQLITE_OPEN_READONLY);
    return db.text("SELECT group_concat(p.seq, ',') FROM (SELECT p.seq FROM curve_points p "
                   "JOIN curves c ON c.id = p.curve_id JOIN trials t ON t.id = c.trial_id "
                   "JOIN study_metrics m ON m.id = c.metric_id "
                   "WHERE t.key = '" + trial + "' AND m.name = '" + metric + "' ORDER BY p.seq) p");
}

} // namespace tendril::testing
