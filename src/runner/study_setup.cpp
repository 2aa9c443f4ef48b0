#include "study_setup.hpp"

#include "trial_launch.hpp"

#include "tendril/io/study_config.hpp"

#include <QDateTime>

#include <random>
#include <system_error>

namespace tendril::runner {

namespace fs = std::filesystem;

namespace {

std::string inQuotes(const std::string& name) { return "\"" + name + "\""; }

std::string knownStudies(const Project& project)
{
    std::string known;
    for (const std::string& n : project.studyNames())
        known += (known.empty() ? "" : ", ") + n;
    return known.empty() ? " (the project has no studies)" : " (studies: " + known + ")";
}

// Seeds a JSON number carries exactly, whichever reader reads the stored configuration back.
std::uint64_t drawSeed()
{
    std::random_device device;
    const std::uint64_t high = device(), low = device();
    return ((high << 32) | low) & ((std::uint64_t{1} << 53) - 1);
}

void applyWorkers(StudyConfig& config, const RunOptions& options)
{
    if (!options.workers)
        return;
    if (*options.workers < 1)
        throw RunError("workers: expected at least 1, got " + std::to_string(*options.workers));
    config.workers = *options.workers;
}

std::unique_ptr<search::SearchAlgorithm> buildAlgorithm(const StudyConfig& config, const std::string& configName)
{
    search::AlgorithmSetup setup;
    setup.space = config.space;
    setup.objective = config.objective;
    setup.name = config.algorithm.name;
    setup.configJson = config.algorithm.configJson;
    setup.budget = config.budget;
    setup.seed = config.seed.value_or(0);
    try {
        return search::makeAlgorithm(setup);
    } catch (const search::ConfigError& e) {
        throw RunError(configName + ": " + e.what());
    }
}

// A resumed study keeps what its trials were drawn from: proposing from another space or for
// another objective would mix two searches in one study.
void checkSameSearch(const StudyConfig& config, const std::string& configName, const Study& study,
                     const std::optional<StudyConfig>& stored)
{
    const std::string hint = "; a resumed study keeps the search it was started with (omit --config to use the "
                             "stored configuration)";
    const SearchSpace& space = stored ? stored->space : study.space;
    const Objective& objective = stored ? stored->objective : study.objective;
    const Algorithm& algorithm = stored ? stored->algorithm : study.algorithm;
    if (config.space != space)
        throw RunError(configName + ": space: differs from the space of study " + inQuotes(study.name) + hint);
    if (config.objective != objective)
        throw RunError(configName + ": objective: differs from the objective of study " + inQuotes(study.name) + hint);
    if (config.algorithm != algorithm)
        throw RunError(configName + ": algorithm: differs from the algorithm of study " + inQuotes(study.name) + hint);
}

std::unique_ptr<QLockFile> lockRunsDir(const fs::path& runsDir, const std::string& study)
{
    std::error_code ec;
    fs::create_directories(runsDir, ec);
    if (ec)
        throw RunError("cannot create the runs folder " + runsDir.string() + ": " + ec.message());
    const fs::path lockPath = runsDir / "runner.lock";
    auto lock = std::make_unique<QLockFile>(QString::fromStdString(lockPath.string()));
    // Only a lock whose process is gone is stale: a study may run for days.
    lock->setStaleLockTime(0);
    if (lock->tryLock(0))
        return lock;
    if (lock->error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host, app;
        std::string holder;
        if (lock->getLockInfo(&pid, &host, &app))
            holder = " (pid " + std::to_string(pid) + (host.isEmpty() ? "" : " on " + host.toStdString()) + ")";
        throw RunError("study " + inQuotes(study) + " is already being run by another runner" + holder +
                       "; lock file " + lockPath.string());
    }
    throw RunError("cannot create the lock file " + lockPath.string() +
                   (lock->error() == QLockFile::PermissionError ? ": permission denied" : ""));
}

fs::path runsDirFor(const RunOptions& options, const std::string& study)
{
    if (!options.runsDir.empty())
        return fs::absolute(options.runsDir);
    return fs::absolute(defaultRunsDir(options.projectPath, study));
}

// A new study must not inherit trial folders (and checkpoints) of an earlier study of that name.
void requireFreshRunsDir(const fs::path& runsDir, const std::string& study)
{
    std::error_code ec;
    if (!fs::is_directory(runsDir, ec))
        return;
    for (const fs::directory_entry& entry : fs::directory_iterator(runsDir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name == "runner.lock" || name == "runner.lock.rmlock")
            continue;
        throw RunError("the runs folder " + runsDir.string() + " of new study " + inQuotes(study) +
                       " already holds trial folders of an earlier study; remove it or choose another name");
    }
}

struct OpenedProject {
    std::unique_ptr<Project> project;
    bool created = false;
};

PreparedRun prepareNew(const RunOptions& options, PreparedRun run)
{
    if (!options.config)
        throw RunError("a study configuration is needed to start a study");
    run.config = *options.config;
    applyWorkers(run.config, options);
    if (!run.config.seed)
        run.config.seed = drawSeed();
    run.algorithm = buildAlgorithm(run.config, run.configName);
    run.program = resolveCommand(run.config, run.configName);

    const bool existed = fs::exists(options.projectPath);
    run.project = std::make_unique<Project>(options.projectPath, OpenMode::CreateIfMissing);
    try {
        const std::string& name = run.config.name;
        if (run.project->hasStudy(name))
            throw RunError("study " + inQuotes(name) + " already exists in " + options.projectPath + "; use --resume " +
                           name + " to continue it");
        run.runsDir = runsDirFor(options, name);
        requireFreshRunsDir(run.runsDir, name);
        run.lock = lockRunsDir(run.runsDir, name);
        run.study = studyForConfig(run.config, utcNow());
        run.project->addStudies({run.study}, NameConflict::Fail);
        run.recorder = std::make_unique<StudyRecorder>(*run.project, name);
    } catch (...) {
        if (!existed) {
            // Leave no empty project behind for a run that never started.
            run.project.reset();
            std::error_code ignored;
            for (const char* suffix : {"", "-wal", "-shm"})
                fs::remove(options.projectPath + suffix, ignored);
        }
        throw;
    }
    return run;
}

PreparedRun prepareResume(const RunOptions& options, PreparedRun run)
{
    const std::string& name = options.resumeStudy;
    run.resumed = true;
    if (!fs::exists(options.projectPath))
        throw RunError("cannot resume study " + inQuotes(name) + ": project " + options.projectPath + " does not exist");
    run.project = std::make_unique<Project>(options.projectPath, OpenMode::ReadWrite);
    if (!run.project->hasStudy(name))
        throw RunError("study " + inQuotes(name) + " not found in " + options.projectPath + knownStudies(*run.project) +
                       "; nothing to resume");
    LoadOptions headerOnly;
    headerOnly.curves = false;
    headerOnly.notes = false;
    const Study existing = run.project->loadStudy(name, headerOnly);
    std::optional<StudyConfig> stored = storedStudyConfig(existing);
    if (options.config) {
        run.config = *options.config;
        if (run.config.name != name)
            throw RunError(run.configName + ": name: the configuration is for study " + inQuotes(run.config.name) +
                           ", not " + inQuotes(name));
        checkSameSearch(run.config, run.configName, existing, stored);
        if (!run.config.seed && stored)
            run.config.seed = stored->seed;
    } else {
        if (!stored)
            throw RunError("study " + inQuotes(name) + " in " + options.projectPath +
                           " was not started by tendril-cli run and has no stored configuration; pass --config");
        run.config = *stored;
        run.configName = "study " + inQuotes(name) + " (stored configuration)";
    }
    applyWorkers(run.config, options);
    if (!run.config.seed)
        run.config.seed = drawSeed();
    run.algorithm = buildAlgorithm(run.config, run.configName);
    run.program = resolveCommand(run.config, run.configName);

    run.runsDir = runsDirFor(options, name);
    run.lock = lockRunsDir(run.runsDir, name);
    run.recorder = std::make_unique<StudyRecorder>(*run.project, name);
    // A runner that died left its trials running; they become failed "interrupted", which the
    // algorithms continue (search::wasInterrupted).
    run.interrupted = run.recorder->markUnfinished(kInterrupted, utcNow());
    run.study = run.project->loadStudy(name);
    try {
        run.algorithm->restore(run.study);
    } catch (const std::exception& e) {
        throw RunError("cannot resume study " + inQuotes(name) + ": " + e.what());
    }
    return run;
}

} // namespace

std::string utcNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
}

PreparedRun prepareRun(const RunOptions& options)
{
    PreparedRun run;
    run.configName = options.configName.empty() ? std::string("configuration") : options.configName;
    try {
        if (options.resumeStudy.empty())
            return prepareNew(options, std::move(run));
        return prepareResume(options, std::move(run));
    } catch (const RunError&) {
        throw;
    } catch (const std::exception& e) {
        // StoreError, FormatError: already one line naming the file or field.
        throw RunError(e.what());
    }
}

} // namespace tendril::runner
