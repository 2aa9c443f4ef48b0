#include "tendril/store/project.hpp"

#include "schema.hpp"
#include "sqlite_util.hpp"
#include "study_header.hpp"
#include "study_reader.hpp"
#include "study_writer.hpp"

#include <unordered_map>
#include <utility>

namespace tendril {

using store::fail;
using store::ReadTransaction;
using store::Statement;
using store::WriteTransaction;

Project::Project(const std::string& path, OpenMode mode) : path_(path), db_(store::openProject(path, mode)) {}

Project::~Project()
{
    sqlite3_close_v2(db_);
}

Project::Project(Project&& other) noexcept : path_(std::move(other.path_)), db_(std::exchange(other.db_, nullptr)) {}

Project& Project::operator=(Project&& other) noexcept
{
    if (this != &other) {
        sqlite3_close_v2(db_);
        path_ = std::move(other.path_);
        db_ = std::exchange(other.db_, nullptr);
    }
    return *this;
}

sqlite3* Project::connection() const
{
    if (!db_)
        throw StoreError("project file is closed (the Project was moved from)");
    return db_;
}

int Project::schemaVersion() const
{
    return static_cast<int>(store::queryInt(connection(), path_, "PRAGMA user_version"));
}

std::vector<StudySummary> Project::studies() const
{
    sqlite3* db = connection();
    ReadTransaction snapshot(db, path_);
    std::vector<StudySummary> out;
    std::unordered_map<std::int64_t, std::size_t> index;

    Statement list(db, path_,
                   "SELECT id, name, objective_metric, objective_direction, algorithm, parent, created "
                   "FROM studies ORDER BY id");
    while (list.step()) {
        StudySummary& s = out.emplace_back();
        s.id = list.intAt(0);
        s.name = list.textAt(1);
        s.objective.metric = list.textAt(2);
        s.objective.direction = list.textView(3) == "minimize" ? Direction::Minimize : Direction::Maximize;
        s.algorithm = list.textAt(4);
        s.parent = list.textAt(5);
        s.created = list.textAt(6);
        index.emplace(s.id, out.size() - 1);
    }

    Statement counts(db, path_, "SELECT study_id, state, count(*) FROM trials GROUP BY study_id, state");
    while (counts.step()) {
        const auto it = index.find(counts.intAt(0));
        const auto state = parseTrialState(counts.textView(1));
        if (it == index.end() || !state)
            continue;
        StudySummary& s = out[it->second];
        s.states[static_cast<std::size_t>(*state)] = counts.intAt(2);
        s.trials += counts.intAt(2);
    }

    // For each study, walks the objective's (metric, value) index from the best end and stops at
    // the first complete trial, so the cost does not grow with the number of trials. Ties go to the
    // lowest trial number, as in Study::bestTrial. NaN is stored as NULL and so never ranks.
    Statement best(db, path_, R"sql(
        WITH best AS MATERIALIZED (
            SELECT s.id AS study_id, sm.id AS metric_id,
                   CASE s.objective_direction
                   WHEN 'maximize' THEN (
                       SELECT m.value FROM trial_metrics m CROSS JOIN trials t
                       WHERE m.metric_id = sm.id AND m.value IS NOT NULL
                         AND t.id = m.trial_id AND t.state = 'complete'
                       ORDER BY m.value DESC LIMIT 1)
                   ELSE (
                       SELECT m.value FROM trial_metrics m CROSS JOIN trials t
                       WHERE m.metric_id = sm.id AND m.value IS NOT NULL
                         AND t.id = m.trial_id AND t.state = 'complete'
                       ORDER BY m.value LIMIT 1)
                   END AS value
            FROM studies s JOIN study_metrics sm ON sm.study_id = s.id AND sm.name = s.objective_metric)
        SELECT b.study_id, (
                   SELECT t.key FROM trial_metrics m CROSS JOIN trials t
                   WHERE m.metric_id = b.metric_id AND m.value = b.value
                     AND t.id = m.trial_id AND t.state = 'complete'
                   ORDER BY t.number, t.id LIMIT 1),
               b.value
        FROM best b WHERE b.value IS NOT NULL)sql");
    while (best.step()) {
        const auto it = index.find(best.intAt(0));
        if (it != index.end())
            out[it->second].best = BestTrial{best.textAt(1), best.realOrNaN(2)};
    }
    return out;
}

bool Project::hasStudy(const std::string& name) const
{
    Statement s(connection(), path_, "SELECT 1 FROM studies WHERE name = ?1");
    s.bindText(1, name);
    return s.step();
}

std::vector<std::string> Project::studyNames() const
{
    Statement s(connection(), path_, "SELECT name FROM studies ORDER BY id");
    std::vector<std::string> names;
    while (s.step())
        names.push_back(s.textAt(0));
    return names;
}

Study Project::loadStudy(const std::string& name, const LoadOptions& options) const
{
    ReadTransaction snapshot(connection(), path_);
    return store::readStudy(db_, path_, name, options);
}

void Project::forEachTrialPage(const std::string& name, const LoadOptions& options, std::size_t pageSize,
                               const TrialPageVisitor& visit) const
{
    if (pageSize == 0)
        fail(path_, "cannot read study \"" + name + "\" in pages of 0 trials (the page size must be at least 1)");
    // SQLite's default size, ample for the pages that one page of trials touches.
    const store::PageCacheLimit onePass(connection(), path_, 2000);
    ReadTransaction snapshot(db_, path_);
    const store::StudyHeader header = store::readStudyHeader(db_, path_, name, options.notes);
    store::TrialPageReader reader(db_, path_, header, options);
    std::vector<Trial> page;
    if (!reader.readPage(page, pageSize)) {
        visit(header.study, page);
        return;
    }
    do {
        visit(header.study, page);
    } while (reader.readPage(page, pageSize));
}

std::vector<std::string> Project::addStudies(const std::vector<Study>& studies, NameConflict conflict)
{
    // Declared before the transaction so that the checks come back on after it has ended.
    store::ForeignKeysSuspended bulkWrite(connection(), path_);
    WriteTransaction tx(db_, path_);
    std::vector<std::string> names;
    names.reserve(studies.size());
    {
        store::StudyWriter writer(db_, path_);
        for (const Study& study : studies)
            names.push_back(writer.add(study, conflict));
    }
    tx.commit();
    return names;
}

void Project::removeStudy(const std::string& name)
{
    WriteTransaction tx(connection(), path_);
    Statement s(db_, path_, "DELETE FROM studies WHERE name = ?1");
    s.bindText(1, name);
    s.run();
    if (sqlite3_changes(db_) == 0)
        fail(path_, "no study named \"" + name + "\"");
    tx.commit();
}

std::int64_t Project::dataVersion() const
{
    return store::queryInt(connection(), path_, "PRAGMA data_version");
}

} // namespace tendril
