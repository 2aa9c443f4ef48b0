#include "store_test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <optional>
#include <random>
#include <sstream>
#include <type_traits>

namespace tendril::testing {

ScratchDir::ScratchDir()
{
    std::string pattern = (std::filesystem::temp_directory_path() / "tendril-store-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
        throw std::runtime_error("cannot create a scratch directory");
    dir_ = pattern;
}

ScratchDir::~ScratchDir()
{
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

std::string readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

void writeBytes(const std::string& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

RawDb::RawDb(const std::string& path, int flags)
{
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK)
        ADD_FAILURE() << "cannot open " << path << ": " << sqlite3_errmsg(db_);
    sqlite3_busy_timeout(db_, 10'000);
}

RawDb::~RawDb()
{
    sqlite3_close_v2(db_);
}

void RawDb::exec(const std::string& sql)
{
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        ADD_FAILURE() << sql << ": " << (message ? message : "");
        sqlite3_free(message);
    }
}

std::vector<std::string> RawDb::column(const std::string& sql)
{
    sqlite3_stmt* stmt = nullptr;
    std::vector<std::string> out;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
        ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
        return out;
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        out.emplace_back(text ? text : "");
    }
    if (rc != SQLITE_DONE)
        ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
    sqlite3_finalize(stmt);
    return out;
}

std::string RawDb::text(const std::string& sql)
{
    const auto rows = column(sql);
    return rows.empty() ? std::string() : rows.front();
}

std::int64_t RawDb::integer(const std::string& sql)
{
    return std::stoll(text(sql).empty() ? "0" : text(sql));
}

void expectConsistent(const std::string& projectPath)
{
    RawDb db(projectPath, SQLITE_OPEN_READONLY);
    EXPECT_EQ(db.column("PRAGMA foreign_key_check"), std::vector<std::string>{}) << projectPath;
    EXPECT_EQ(db.column("PRAGMA integrity_check"), std::vector<std::string>{"ok"}) << projectPath;
}

std::vector<std::int64_t> rowCounts(const std::string& projectPath)
{
    RawDb db(projectPath, SQLITE_OPEN_READONLY);
    std::vector<std::int64_t> counts;
    for (const char* table : {"studies", "study_params", "study_param_choices", "study_metrics", "trials",
                              "trial_params", "trial_metrics", "curves", "curve_points", "notes", "trial_logs"})
        counts.push_back(db.integer(std::string("SELECT count(*) FROM ") + table));
    return counts;
}

namespace {

// A prepared statement on a RawDb for appendTrialRows: every failure fails the test.
class RawStatement {
public:
    RawStatement(sqlite3* db, const char* sql) : db_(db)
    {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
            ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
    }
    ~RawStatement() { sqlite3_finalize(stmt_); }
    RawStatement(const RawStatement&) = delete;
    RawStatement& operator=(const RawStatement&) = delete;

    RawStatement& integer(int index, std::int64_t v) { return check(sqlite3_bind_int64(stmt_, index, v)); }
    // SQLite stores a NaN as NULL, as the store does.
    RawStatement& real(int index, double v) { return check(sqlite3_bind_double(stmt_, index, v)); }
    // "" is stored as NULL, as the store does.
    RawStatement& text(int index, const std::string& v)
    {
        if (v.empty())
            return check(sqlite3_bind_null(stmt_, index));
        return check(sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    }
    template <class T>
    RawStatement& optional(int index, const std::optional<T>& v)
    {
        if (!v)
            return check(sqlite3_bind_null(stmt_, index));
        if constexpr (std::is_same_v<T, double>)
            return real(index, *v);
        else
            return integer(index, *v);
    }
    // The kind at index and the value at index + 1, as docs/schema.md describes them.
    RawStatement& value(int index, const Value& v)
    {
        static const char* kinds[] = {"null", "bool", "int", "real", "string"};
        text(index, kinds[static_cast<int>(v.kind())]);
        switch (v.kind()) {
        case Value::Kind::Null: return check(sqlite3_bind_null(stmt_, index + 1));
        case Value::Kind::Bool: return integer(index + 1, v.asBool() ? 1 : 0);
        case Value::Kind::Int: return integer(index + 1, v.asInt());
        case Value::Kind::Real: return real(index + 1, v.asReal());
        case Value::Kind::String: return text(index + 1, v.asString());
        }
        return *this;
    }

    // Runs the statement and returns the first column of its row, if it gives one.
    std::int64_t run()
    {
        const int rc = sqlite3_step(stmt_);
        const std::int64_t first = rc == SQLITE_ROW ? sqlite3_column_int64(stmt_, 0) : 0;
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            ADD_FAILURE() << sqlite3_sql(stmt_) << ": " << sqlite3_errmsg(db_);
        sqlite3_reset(stmt_);
        return first;
    }

private:
    RawStatement& check(int rc)
    {
        if (rc != SQLITE_OK)
            ADD_FAILURE() << "binding a parameter of " << sqlite3_sql(stmt_) << ": " << sqlite3_errmsg(db_);
        return *this;
    }

    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

} // namespace

void appendTrialRows(RawDb& db, const std::string& study, const Trial& t)
{
    sqlite3* h = db.handle();
    const std::int64_t studyId = RawStatement(h, "SELECT id FROM studies WHERE name = ?1").text(1, study).run();
    ASSERT_NE(studyId, 0) << "no study named " << study;
    // One transaction, as a runner reporting a trial would write it.
    db.exec("BEGIN IMMEDIATE");

    RawStatement addName(h, "INSERT OR IGNORE INTO study_params (study_id, name) VALUES (?1, ?2)");
    RawStatement paramId(h, "SELECT id FROM study_params WHERE study_id = ?1 AND name = ?2");
    RawStatement addMetric(h, "INSERT OR IGNORE INTO study_metrics (study_id, name) VALUES (?1, ?2)");
    RawStatement metricId(h, "SELECT id FROM study_metrics WHERE study_id = ?1 AND name = ?2");
    const auto idOfMetric = [&](const std::string& name) {
        addMetric.integer(1, studyId).text(2, name).run();
        return metricId.integer(1, studyId).text(2, name).run();
    };

    const std::int64_t trialId =
        RawStatement(h, "INSERT INTO trials (study_id, key, number, state, iteration, parent, start_step, bracket, "
                        "rung, budget, started, finished, error, artifacts, user_attrs) VALUES "
                        "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id")
            .integer(1, studyId).text(2, t.id).integer(3, t.number).text(4, std::string(toString(t.state)))
            .optional(5, t.iteration).text(6, t.parent).optional(7, t.startStep).optional(8, t.bracket)
            .optional(9, t.rung).optional(10, t.budget).text(11, t.started).text(12, t.finished).text(13, t.error)
            .text(14, t.artifactsJson).text(15, t.userAttrsJson)
            .run();

    RawStatement param(h, "INSERT INTO trial_params (trial_id, position, param_id, kind, value) "
                          "VALUES (?1, ?2, ?3, ?4, ?5)");
    for (std::size_t i = 0; i < t.params.size(); ++i) {
        addName.integer(1, studyId).text(2, t.params[i].first).run();
        const std::int64_t id = paramId.integer(1, studyId).text(2, t.params[i].first).run();
        param.integer(1, trialId).integer(2, static_cast<std::int64_t>(i)).integer(3, id).value(4, t.params[i].second).run();
    }
    RawStatement metric(h, "INSERT INTO trial_metrics (trial_id, position, metric_id, value) VALUES (?1, ?2, ?3, ?4)");
    for (std::size_t i = 0; i < t.metrics.size(); ++i)
        metric.integer(1, trialId).integer(2, static_cast<std::int64_t>(i)).integer(3, idOfMetric(t.metrics[i].first))
            .real(4, t.metrics[i].second).run();

    RawStatement curve(h, "INSERT INTO curves (trial_id, position, metric_id, has_seconds) VALUES (?1, ?2, ?3, ?4) "
                          "RETURNING id");
    RawStatement point(h, "INSERT INTO curve_points (curve_id, seq, step, value, seconds) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (std::size_t i = 0; i < t.curves.size(); ++i) {
        const Curve& c = t.curves[i].second;
        const std::int64_t curveId = curve.integer(1, trialId).integer(2, static_cast<std::int64_t>(i))
                                         .integer(3, idOfMetric(t.curves[i].first)).integer(4, c.hasSeconds() ? 1 : 0)
                                         .run();
        for (std::size_t k = 0; k < c.size(); ++k)
            point.integer(1, curveId).integer(2, static_cast<std::int64_t>(k)).real(3, c.steps[k]).real(4, c.values[k])
                .real(5, c.hasSeconds() ? c.seconds[k] : std::nan("")).run();
    }
    db.exec("COMMIT");
}

namespace {

std::string describe(const Value& v)
{
    static const char* kinds[] = {"null", "bool", "int", "real", "string"};
    return std::string(kinds[static_cast<int>(v.kind())]) + " " + v.toString();
}

std::string trialDifference(const Trial& e, const Trial& a)
{
    if (e.id != a.id || e.number != a.number || e.state != a.state)
        return "id/number/state: " + e.id + " vs " + a.id;
    if (e.params.size() != a.params.size())
        return "param count " + std::to_string(e.params.size()) + " vs " + std::to_string(a.params.size());
    for (std::size_t i = 0; i < e.params.size(); ++i)
        if (e.params[i].first != a.params[i].first || !(e.params[i].second == a.params[i].second))
            return "param " + std::to_string(i) + ": " + e.params[i].first + "=" + describe(e.params[i].second) +
                   " vs " + a.params[i].first + "=" + describe(a.params[i].second);
    if (e.metrics.size() != a.metrics.size())
        return "metric count";
    for (std::size_t i = 0; i < e.metrics.size(); ++i)
        if (e.metrics[i].first != a.metrics[i].first || !sameNumber(e.metrics[i].second, a.metrics[i].second))
            return "metric " + e.metrics[i].first + "=" + formatDouble(e.metrics[i].second) + " vs " +
                   a.metrics[i].first + "=" + formatDouble(a.metrics[i].second);
    if (e.curves.size() != a.curves.size())
        return "curve count " + std::to_string(e.curves.size()) + " vs " + std::to_string(a.curves.size());
    for (std::size_t i = 0; i < e.curves.size(); ++i)
        if (e.curves[i].first != a.curves[i].first || !(e.curves[i].second == a.curves[i].second))
            return "curve " + e.curves[i].first + " vs " + a.curves[i].first;
    if (!(e == a))
        return "lineage, times, error or JSON fields";
    return {};
}

} // namespace

std::string firstDifference(const Study& e, const Study& a)
{
    if (e == a)
        return {};
    if (e.name != a.name)
        return "name " + e.name + " vs " + a.name;
    if (!(e.objective == a.objective) || !(e.metrics == a.metrics))
        return "objective or metrics";
    if (!(e.space == a.space) || e.spaceInferred != a.spaceInferred)
        return "space";
    if (!(e.algorithm == a.algorithm) || !(e.budget == a.budget))
        return "algorithm or budget";
    if (e.parent != a.parent || e.command != a.command || e.created != a.created || e.userAttrsJson != a.userAttrsJson)
        return "parent, command, created or user attrs";
    if (!(e.notes == a.notes))
        return "notes";
    if (e.trials.size() != a.trials.size())
        return "trial count " + std::to_string(e.trials.size()) + " vs " + std::to_string(a.trials.size());
    for (std::size_t i = 0; i < e.trials.size(); ++i)
        if (std::string why = trialDifference(e.trials[i], a.trials[i]); !why.empty())
            return "trial " + e.trials[i].id + ": " + why;
    return "operator== differs but no field does";
}

Trial simpleTrial(const std::string& id, std::int64_t number, TrialState state, double objective,
                  const std::string& metric)
{
    Trial t;
    t.id = id;
    t.number = number;
    t.state = state;
    t.setParam("lr", Value(0.01 * static_cast<double>(number + 1)));
    t.setMetric(metric, objective);
    return t;
}

Study shuffledNumbersStudy(const std::string& name)
{
    Study s;
    s.name = name;
    s.objective = {"val_acc", Direction::Maximize};
    s.trials = {simpleTrial("c", 3, TrialState::Complete, 0.1), simpleTrial("a1", 1, TrialState::Complete, 0.2),
                simpleTrial("b", 2, TrialState::Pruned, 0.3), simpleTrial("a2", 1, TrialState::Complete, 0.4),
                simpleTrial("a3", 1, TrialState::Complete, 0.45), simpleTrial("z", 0, TrialState::Complete, 0.5)};
    return s;
}

Study richStudy(const std::string& name)
{
    const double nan = std::nan("");
    const double inf = std::numeric_limits<double>::infinity();

    Study s;
    s.name = name;
    s.objective = {"val_loss", Direction::Minimize};
    s.metrics = {{"val_acc", Direction::Maximize}, {"model_size_mb", Direction::Minimize}};
    s.space.params = {
        Param::floatRange("lr", 1e-5, 0.1, /*log=*/true),
        Param::floatRange("dropout", 0.0, 0.5, false, 0.05),
        Param::intRange("layers", 20, 110, false, 18),
        Param::intRange("batch", 16, 512, /*log=*/true),
        Param::categorical("activation", {Value("relu"), Value("tanh"), Value("gelu")}),
        Param::categorical("mixed", {Value(3), Value(0.5), Value(true), Value("three")}),
    };
    s.spaceInferred = false;
    s.algorithm = {"pbt", R"({"population": 4, "perturbation_interval": 2})"};
    s.budget.maxTrials = 100;
    s.budget.maxResource = 81.5;
    s.budget.resource = "epoch";
    s.budget.maxSeconds = 3600;
    s.parent = "baseline";
    s.command = {"python3", "train.py", "--name=\"quoted\"", "back\\slash", "new\nline", "tab\there",
                 "\x01control", "ünïcödé ✓", ""};
    s.created = "2026-11-20T10:00:00Z";
    s.userAttrsJson = R"({"owner": "ml-team", "tags": ["a", "b"]})";
    s.notes = {
        {"weight decay under 1e-4 is where the good runs are", "2026-11-20T11:00:00Z", "", ""},
        {"this one diverged", "2026-11-20T12:00:00Z", "t2", R"({"view": "curves", "zoom": [0, 10]})"},
        {"note without time", "", "t0", ""},
    };

    Trial t0;
    t0.id = "t0";
    t0.number = 0;
    t0.state = TrialState::Complete;
    // A real 3.0 where the space lists the int 3, and an int no double can hold exactly.
    t0.params = {{"lr", Value(0.001)},
                 {"dropout", Value(0.25)},
                 {"layers", Value(56)},
                 {"batch", Value(64)},
                 {"activation", Value("relu")},
                 {"mixed", Value(3.0)},
                 {"seed", Value((std::int64_t{1} << 53) + 1)},
                 {"flag", Value(true)},
                 {"off", Value(false)},
                 {"nothing", Value()},
                 {"zero", Value(0)},
                 {"text", Value("ünïcödé \"q\" \\ ✓")}};
    t0.metrics = {{"val_loss", 0.25}, {"val_acc", 0.91}, {"model_size_mb", 12.5}, {"extra", -0.0}};
    Curve& loss = t0.curveFor("val_loss");
    loss.append(1, 0.9, 10.5);
    loss.append(2, 0.5);  // no time for this point
    loss.append(3, 0.25, 31.0);
    Curve& acc = t0.curveFor("val_acc");
    acc.append(1, 0.5);
    acc.append(2, 0.91);
    t0.iteration = 0;
    t0.budget = 9;
    t0.bracket = 1;
    t0.rung = 2;
    t0.started = "2026-11-20T10:01:00Z";
    t0.finished = "2026-11-20T10:05:00Z";
    t0.artifactsJson = R"({"confusion_matrix": {"labels": ["0", "1"], "matrix": [[50, 2], [3, 45]]}})";
    t0.userAttrsJson = R"({"gpu": 0})";

    Trial t1;
    t1.id = "t1";
    t1.number = 1;
    t1.state = TrialState::Pruned;
    // Parameters in another order than the space. (A NaN parameter is tested on its own: Value's
    // operator== never calls two NaNs equal, so a study holding one never equals itself.)
    t1.params = {{"activation", Value("gelu")}, {"lr", Value(1e-300)}, {"mixed", Value(0.5)}, {"layers", Value(20)}};
    t1.metrics = {{"val_acc", nan}, {"val_loss", inf}, {"model_size_mb", -inf}};
    Curve& pruned = t1.curveFor("val_loss");
    pruned.append(1, nan, 1.0);
    pruned.append(2, inf, nan);
    pruned.append(nan, -inf, 3.0);
    t1.curveFor("never_reported");  // declared, no points
    t1.parent = "t0";
    t1.startStep = 2;
    t1.iteration = 1;

    Trial t2;
    t2.id = "t2";
    t2.number = 2;
    t2.state = TrialState::Failed;
    t2.params = {{"lr", Value(0.05)}, {"mixed", Value("three")}, {"inf", Value(-inf)}};
    t2.error = "exit code 1: CUDA out of memory\nlast line";

    Trial running;
    running.id = "run/3 with spaces";
    running.number = 3;
    running.state = TrialState::Running;
    running.params = {{"lr", Value(0.002)}};
    Curve& partial = running.curveFor("val_loss");
    partial.append(0.5, 0.7, 0.0);
    running.started = "2026-11-20T10:06:00Z";

    Trial queued;
    queued.id = "q4";
    queued.number = 4;
    queued.state = TrialState::Queued;
    queued.params = {{"lr", Value(0.003)}, {"mixed", Value(true)}};

    Trial skipped;
    skipped.id = "s5";
    skipped.number = 5;
    skipped.state = TrialState::Skipped;

    s.trials = {t0, t1, t2, running, queued, skipped};
    return s;
}

Study generatedStudy(const std::string& name, int n, int curvePoints, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    Study s;
    s.name = name;
    s.objective = {"val_acc", Direction::Maximize};
    s.metrics = {{"loss", Direction::Minimize}};
    for (int p = 0; p < 6; ++p)
        s.space.params.push_back(Param::floatRange("x" + std::to_string(p), 0, 1));
    s.space.params.push_back(Param::intRange("layers", 1, 10));
    s.space.params.push_back(Param::intRange("units", 16, 512, true));
    s.space.params.push_back(Param::categorical("act", {Value("relu"), Value("tanh"), Value("gelu")}));
    s.space.params.push_back(Param::categorical("bn", {Value(true), Value(false)}));
    const TrialState states[] = {TrialState::Complete, TrialState::Complete, TrialState::Pruned,
                                 TrialState::Failed};
    const char* acts[] = {"relu", "tanh", "gelu"};
    for (int i = 0; i < n; ++i) {
        Trial t;
        t.id = "trial-" + std::to_string(i);
        t.number = i;
        t.state = states[rng() % 4];
        for (int p = 0; p < 6; ++p)
            t.params.emplace_back("x" + std::to_string(p), Value(unit(rng)));
        t.params.emplace_back("layers", Value(static_cast<std::int64_t>(1 + rng() % 10)));
        t.params.emplace_back("units", Value(static_cast<std::int64_t>(16 + rng() % 497)));
        t.params.emplace_back("act", Value(acts[rng() % 3]));
        t.params.emplace_back("bn", Value(rng() % 2 == 0));
        t.metrics = {{"val_acc", unit(rng)}, {"loss", unit(rng)}, {"seconds", 100 * unit(rng)}};
        if (curvePoints > 0) {
            Curve acc;
            Curve loss;
            for (int k = 0; k < curvePoints; ++k) {
                acc.append(k, unit(rng), 1.5 * k);
                loss.append(k, unit(rng));
            }
            t.curves = {{"val_acc", std::move(acc)}, {"loss", std::move(loss)}};
        }
        t.started = "2026-01-01T00:00:00Z";
        s.trials.push_back(std::move(t));
    }
    return s;
}

} // namespace tendril::testing
