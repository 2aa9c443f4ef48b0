#include "study_writer.hpp"

#include "value_codec.hpp"

#include <cstdio>
#include <unordered_set>

namespace tendril::store {

std::string jsonStringArray(const std::vector<std::string>& items)
{
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i)
            out += ',';
        out += '"';
        for (const char c : items[i]) {
            switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
                    out += escaped;
                } else {
                    out += c;
                }
            }
        }
        out += '"';
    }
    out += ']';
    return out;
}

StudyWriter::StudyWriter(sqlite3* db, const std::string& path)
    : db_(db), path_(path),
      nameTaken_(db, path, "SELECT 1 FROM studies WHERE name = ?1"),
      study_(db, path,
             "INSERT INTO studies (name, objective_metric, objective_direction, algorithm, algorithm_config, "
             "budget_max_trials, budget_max_resource, budget_resource, budget_max_seconds, parent, command, "
             "created, space_inferred, user_attrs) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"),
      param_(db, path,
             "INSERT INTO study_params (study_id, name, space_position, type, low, high, log, step) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
      extraParam_(db, path, "INSERT INTO study_params (study_id, name) VALUES (?1, ?2)"),
      choice_(db, path,
              "INSERT INTO study_param_choices (param_id, position, kind, value) VALUES (?1, ?2, ?3, ?4)"),
      metric_(db, path,
              "INSERT INTO study_metrics (study_id, name, declared_position, direction) VALUES (?1, ?2, ?3, ?4)"),
      extraMetric_(db, path, "INSERT INTO study_metrics (study_id, name) VALUES (?1, ?2)"),
      trial_(db, path,
             "INSERT INTO trials (study_id, key, number, state, iteration, parent, start_step, bracket, rung, "
             "budget, started, finished, error, artifacts, user_attrs) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"),
      curve_(db, path,
             "INSERT INTO curves (trial_id, position, metric_id, has_seconds) VALUES (?1, ?2, ?3, ?4)"),
      note_(db, path,
            "INSERT INTO notes (study_id, trial_key, text, created, view_state) VALUES (?1, ?2, ?3, ?4, ?5)"),
      trialParams_(db, path, "trial_params (trial_id, position, param_id, kind, value)", 5),
      trialMetrics_(db, path, "trial_metrics (trial_id, position, metric_id, value)", 4),
      points_(db, path, "curve_points (curve_id, seq, step, value, seconds)", 5)
{
}

std::string StudyWriter::add(const Study& study, NameConflict conflict)
{
    if (study.name.empty())
        fail(path_, "cannot add a study without a name");
    const std::string name = chooseName(study.name, conflict);
    if (name != study.name)
        renamed_[study.name] = name;
    params_.clear();
    metrics_.clear();

    const std::int64_t studyId = insertStudyRow(study, name);
    insertSpace(study, studyId);
    insertDeclaredMetrics(study, studyId);
    if (!study.objective.metric.empty())
        metricSlot(studyId, study.objective.metric);

    std::unordered_set<std::string_view> keys;
    keys.reserve(study.trials.size());
    for (std::size_t i = 0; i < study.trials.size(); ++i) {
        if (!keys.insert(study.trials[i].id).second)
            failStudy(study, "trial id \"" + study.trials[i].id + "\" appears twice");
        insertTrial(study, studyId, i);
    }
    // Queued rows refer to text owned by `study`, so they are written before it is left behind.
    trialParams_.flush();
    trialMetrics_.flush();
    points_.flush();
    insertNotes(study, studyId);
    return name;
}

bool StudyWriter::nameTaken(const std::string& name)
{
    nameTaken_.bindText(1, name);
    const bool taken = nameTaken_.step();
    nameTaken_.reset();
    return taken;
}

// Studies added earlier in the same call are already rows of the open transaction, so checking the
// table also keeps two studies of one call apart.
std::string StudyWriter::chooseName(const std::string& wanted, NameConflict conflict)
{
    if (!nameTaken(wanted))
        return wanted;
    if (conflict == NameConflict::Fail)
        throw StoreError("study \"" + wanted + "\" already exists in " + path_);
    for (int n = 2;; ++n) {
        std::string candidate = wanted + "-" + std::to_string(n);
        if (!nameTaken(candidate))
            return candidate;
    }
}

std::int64_t StudyWriter::insertStudyRow(const Study& study, const std::string& name)
{
    study_.bindText(1, name);
    study_.bindText(2, study.objective.metric);
    study_.bindText(3, toString(study.objective.direction));
    study_.bindTextOrNull(4, study.algorithm.name);
    study_.bindTextOrNull(5, study.algorithm.configJson);
    study_.bindOptionalInt(6, study.budget.maxTrials);
    study_.bindOptionalReal(7, study.budget.maxResource);
    study_.bindTextOrNull(8, study.budget.resource);
    study_.bindOptionalReal(9, study.budget.maxSeconds);
    const auto renamedParent = renamed_.find(study.parent);
    study_.bindTextOrNull(10, renamedParent == renamed_.end() ? study.parent : renamedParent->second);
    if (study.command.empty())
        study_.bindNull(11);
    else
        study_.bindText(11, jsonStringArray(study.command));
    study_.bindTextOrNull(12, study.created);
    study_.bindInt(13, study.spaceInferred ? 1 : 0);
    study_.bindTextOrNull(14, study.userAttrsJson);
    study_.run();
    return sqlite3_last_insert_rowid(db_);
}

void StudyWriter::insertSpace(const Study& study, std::int64_t studyId)
{
    for (std::size_t position = 0; position < study.space.params.size(); ++position) {
        const Param& p = study.space.params[position];
        if (params_.count(p.name))
            failStudy(study, "parameter \"" + p.name + "\" appears twice in the search space");
        param_.bindInt(1, studyId);
        param_.bindText(2, p.name);
        param_.bindInt(3, static_cast<std::int64_t>(position));
        param_.bindText(4, toString(p.type));
        param_.bindReal(5, p.low);
        param_.bindReal(6, p.high);
        param_.bindInt(7, p.log ? 1 : 0);
        param_.bindOptionalReal(8, p.step);
        param_.run();
        const std::int64_t paramId = sqlite3_last_insert_rowid(db_);
        params_[p.name].id = paramId;
        for (std::size_t c = 0; c < p.choices.size(); ++c) {
            choice_.bindInt(1, paramId);
            choice_.bindInt(2, static_cast<std::int64_t>(c));
            bindValue(choice_, 3, p.choices[c]);
            choice_.run();
        }
    }
}

void StudyWriter::insertDeclaredMetrics(const Study& study, std::int64_t studyId)
{
    for (std::size_t position = 0; position < study.metrics.size(); ++position) {
        const MetricSpec& m = study.metrics[position];
        if (metrics_.count(m.name))
            failStudy(study, "metric \"" + m.name + "\" is declared twice");
        metric_.bindInt(1, studyId);
        metric_.bindText(2, m.name);
        metric_.bindInt(3, static_cast<std::int64_t>(position));
        metric_.bindText(4, toString(m.direction));
        metric_.run();
        metrics_[m.name].id = sqlite3_last_insert_rowid(db_);
    }
}

StudyWriter::NameSlot& StudyWriter::paramSlot(std::int64_t studyId, const std::string& name)
{
    return slotFor(params_, extraParam_, studyId, name);
}

StudyWriter::NameSlot& StudyWriter::metricSlot(std::int64_t studyId, const std::string& name)
{
    return slotFor(metrics_, extraMetric_, studyId, name);
}

// The slot of a name, inserting its row (with the given statement) the first time it is used.
StudyWriter::NameSlot& StudyWriter::slotFor(std::unordered_map<std::string, NameSlot>& slots, Statement& insert,
                                            std::int64_t studyId, const std::string& name)
{
    auto [it, added] = slots.try_emplace(name);
    if (added) {
        insert.bindInt(1, studyId);
        insert.bindText(2, name);
        insert.run();
        it->second.id = sqlite3_last_insert_rowid(db_);
    }
    return it->second;
}

void StudyWriter::insertTrial(const Study& study, std::int64_t studyId, std::size_t index)
{
    const Trial& t = study.trials[index];
    trial_.bindInt(1, studyId);
    trial_.bindText(2, t.id);
    trial_.bindInt(3, t.number);
    trial_.bindText(4, toString(t.state));
    trial_.bindOptionalInt(5, t.iteration);
    trial_.bindTextOrNull(6, t.parent);
    trial_.bindOptionalReal(7, t.startStep);
    trial_.bindOptionalInt(8, t.bracket);
    trial_.bindOptionalInt(9, t.rung);
    trial_.bindOptionalReal(10, t.budget);
    trial_.bindTextOrNull(11, t.started);
    trial_.bindTextOrNull(12, t.finished);
    trial_.bindTextOrNull(13, t.error);
    trial_.bindTextOrNull(14, t.artifactsJson);
    trial_.bindTextOrNull(15, t.userAttrsJson);
    trial_.run();
    const std::int64_t trialId = sqlite3_last_insert_rowid(db_);

    for (std::size_t position = 0; position < t.params.size(); ++position) {
        const auto& [name, value] = t.params[position];
        NameSlot& slot = paramSlot(studyId, name);
        if (slot.lastTrial == index)
            failTrial(study, t, "parameter \"" + name + "\" appears twice");
        slot.lastTrial = index;
        trialParams_.add({Cell::of(trialId), Cell::of(static_cast<std::int64_t>(position)), Cell::of(slot.id),
                          kindCell(value), valueCell(value)});
    }
    for (std::size_t position = 0; position < t.metrics.size(); ++position) {
        const auto& [name, value] = t.metrics[position];
        NameSlot& slot = metricSlot(studyId, name);
        if (slot.lastTrial == index)
            failTrial(study, t, "metric \"" + name + "\" appears twice");
        slot.lastTrial = index;
        trialMetrics_.add(
            {Cell::of(trialId), Cell::of(static_cast<std::int64_t>(position)), Cell::of(slot.id), Cell::of(value)});
    }
    for (std::size_t position = 0; position < t.curves.size(); ++position) {
        const auto& [name, curve] = t.curves[position];
        NameSlot& slot = metricSlot(studyId, name);
        if (slot.lastCurveTrial == index)
            failTrial(study, t, "curve \"" + name + "\" appears twice");
        slot.lastCurveTrial = index;
        const std::string steps = "curve \"" + name + "\" has " + std::to_string(curve.steps.size()) + " steps but ";
        if (curve.values.size() != curve.steps.size())
            failTrial(study, t, steps + std::to_string(curve.values.size()) + " values");
        if (curve.hasSeconds() && curve.seconds.size() != curve.steps.size())
            failTrial(study, t, steps + std::to_string(curve.seconds.size()) + " times");
        insertCurve(trialId, static_cast<int>(position), slot.id, curve);
    }
}

void StudyWriter::insertCurve(std::int64_t trialId, int position, std::int64_t metricId, const Curve& curve)
{
    curve_.bindInt(1, trialId);
    curve_.bindInt(2, position);
    curve_.bindInt(3, metricId);
    curve_.bindInt(4, curve.hasSeconds() ? 1 : 0);
    curve_.run();
    const std::int64_t curveId = sqlite3_last_insert_rowid(db_);
    const bool withSeconds = curve.hasSeconds();
    for (std::size_t i = 0; i < curve.steps.size(); ++i)
        points_.add({Cell::of(curveId), Cell::of(static_cast<std::int64_t>(i)), Cell::of(curve.steps[i]),
                     Cell::of(curve.values[i]), withSeconds ? Cell::of(curve.seconds[i]) : Cell::null()});
}

void StudyWriter::insertNotes(const Study& study, std::int64_t studyId)
{
    for (const Note& n : study.notes) {
        note_.bindInt(1, studyId);
        note_.bindTextOrNull(2, n.trial);
        note_.bindText(3, n.text);
        note_.bindTextOrNull(4, n.created);
        note_.bindTextOrNull(5, n.viewStateJson);
        note_.run();
    }
}

void StudyWriter::failStudy(const Study& study, const std::string& what) const
{
    fail(path_, "study \"" + study.name + "\": " + what);
}

void StudyWriter::failTrial(const Study& study, const Trial& trial, const std::string& what) const
{
    failStudy(study, "trial \"" + trial.id + "\": " + what);
}

} // namespace tendril::store
