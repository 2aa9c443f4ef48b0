// The list of subcommands and their options: the single place that defines tendril-cli's surface.
#include "commands.hpp"

namespace tendril::cli {

const std::vector<Command>& commands()
{
    static const std::vector<Command> all = {
        {{"import",
          "Load runs into a project (created when it does not exist). Prints one line per study.\n"
          "All files are read and checked before anything is written; one transaction.",
          "PATH",
          true,
          {{"project", "FILE", "project file to load into", true, false},
           {"format", "FORMAT", "input format: auto (default) or native (tendril/1)", false, false},
           {"study", "NAME", "store the (single) imported study under this name", false, false},
           {"json", "", "print the imported studies as JSON", false, false}}},
         runImport},
        {{"studies",
          "List the studies of a project with their trial counts and best trial.",
          "",
          false,
          {{"project", "FILE", "project file", true, false},
           {"json", "", "print JSON (one object per study)", false, false}}},
         runStudies},
        {{"trials",
          "List the trials of one study: parameters, final metrics and state.",
          "",
          false,
          {{"project", "FILE", "project file", true, false},
           {"study", "NAME", "study to list", true, false},
           {"state", "STATE", "only trials in this state (complete, pruned, failed, running, queued, skipped)",
            false, false},
           {"json", "", "print JSON (tendril/1 trial objects without curves)", false, false}}},
         runTrials},
        {{"export",
          "Write studies to a tendril/1 JSON file or a CSV table (one row per trial).",
          "",
          false,
          {{"project", "FILE", "project file", true, false},
           {"study", "NAME", "study to export (repeatable; default: all)", false, true},
           {"format", "FORMAT", "native or csv (default: from the --out extension)", false, false},
           {"out", "PATH", "file to write", true, false}}},
         runExport},
        {{"importance",
          "Hyperparameter importance by fANOVA over the study's complete trials: the fraction of the\n"
          "variance of the metric that each parameter (and, with --pairs, each pair) explains.",
          "",
          false,
          {{"project", "FILE", "project file", true, false},
           {"study", "NAME", "study to analyse", true, false},
           {"metric", "M", "metric to explain (default: the study's objective)", false, false},
           {"trees", "N", "trees in the forest (default 64)", false, false},
           {"seed", "S", "random seed (default 0); the result is the same for a seed", false, false},
           {"pairs", "", "also the pure interaction of every pair of parameters", false, false},
           {"quantile", "Q", "only what it takes to get into the best Q of the trials (0 < Q < 1)", false, false},
           {"scale", "SCALE", "sampling (default: log parameters on a log axis) or raw (as Optuna)", false, false},
           {"state", "STATE", "trial states to include (repeatable; default complete)", false, true},
           {"threads", "N", "worker threads (default 0: all cores)", false, false},
           {"json", "", "print JSON", false, false}}},
         runImportance},
        {{"run",
          "Run a study: propose trials with the configured search algorithm, run each as a subprocess\n"
          "and record what it reports in the project as it arrives. Prints one line per ended trial.\n"
          "Ctrl-C stops the running trials and leaves the study resumable (exit 130).",
          "",
          false,
          {{"project", "FILE", "project file (created when it does not exist)", true, false},
           {"config", "STUDY.json", "study configuration (optional with --resume: the stored one is used)", false,
            false},
           {"workers", "N", "trials at once (default: the configuration's workers)", false, false},
           {"resume", "NAME", "continue this interrupted study without repeating finished trials", false, false}}},
         runRun},
    };
    return all;
}

} // namespace tendril::cli
