// The tendril-cli subcommands. Each returns the process exit code; errors are thrown as
// UsageError (exit 2) or CommandError / StoreError / FormatError (exit 1) and reported by main.
#pragma once

#include "cli_args.hpp"

#include <string>
#include <vector>

namespace tendril::cli {

struct Command {
    CommandSpec spec;
    int (*run)(const ParsedArgs& args);
};

const std::vector<Command>& commands();

int runImport(const ParsedArgs& args);
int runStudies(const ParsedArgs& args);
int runTrials(const ParsedArgs& args);
int runExport(const ParsedArgs& args);
int runImportance(const ParsedArgs& args);
int runRun(const ParsedArgs& args);

} // namespace tendril::cli
