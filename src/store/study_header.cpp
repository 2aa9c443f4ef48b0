#include "study_header.hpp"

#include "sqlite_util.hpp"
#include "value_codec.hpp"

#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>

namespace tendril::store {

namespace {

Direction directionAt(const Statement& s, int col)
{
    return s.textView(col) == "minimize" ? Direction::Minimize : Direction::Maximize;
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

void readNotes(sqlite3* db, const std::string& path, std::int64_t studyId, Study& study)
{
    Statement s(db, path, "SELECT trial_key, text, created, view_state FROM notes WHERE study_id = ?1 ORDER BY id");
    s.bindInt(1, studyId);
    while (s.step())
        study.notes.push_back({s.textAt(1), s.textAt(2), s.textAt(0), s.textAt(3)});
}

} // namespace

StudyHeader readStudyHeader(sqlite3* db, const std::string& path, const std::string& name, bool notes)
{
    StudyHeader header;
    header.id = readStudyRow(db, path, name, header.study);
    readCommand(db, path, header.id, header.study);
    header.paramNames = readParams(db, path, header.id, header.study);
    header.metricNames = readMetrics(db, path, header.id, header.study);
    if (notes)
        readNotes(db, path, header.id, header.study);
    return header;
}

} // namespace tendril::store
