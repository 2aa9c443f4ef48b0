// A small, strict command-line parser for tendril-cli's subcommands: `--name value`, `--name=value`,
// repeatable options, flags and positional arguments, with generated --help text.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace tendril::cli {

// A usage error: unknown option, missing value or required option. Exit code 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A failed operation or bad input. Exit code 1.
class CommandError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct OptionSpec {
    std::string name;        // without the leading dashes
    std::string valueName;   // "" for a flag
    std::string help;
    bool required = false;
    bool repeatable = false;
};

struct CommandSpec {
    std::string name;
    std::string summary;
    std::string positionalName;  // "" when the command takes none
    bool positionalRequired = false;
    std::vector<OptionSpec> options;
};

class ParsedArgs {
public:
    bool has(const std::string& name) const { return values_.count(name) != 0; }
    // The single value of an option, or fallback when absent.
    std::string value(const std::string& name, const std::string& fallback = {}) const;
    const std::vector<std::string>& values(const std::string& name) const;
    const std::vector<std::string>& positionals() const { return positionals_; }
    bool helpRequested() const { return help_; }

private:
    friend ParsedArgs parseArgs(const CommandSpec&, const std::vector<std::string>&);
    std::map<std::string, std::vector<std::string>> values_;
    std::vector<std::string> positionals_;
    bool help_ = false;
};

ParsedArgs parseArgs(const CommandSpec& spec, const std::vector<std::string>& args);
std::string helpText(const CommandSpec& spec);

// Parses a whole number / a number for an option, or throws UsageError naming the option.
long long parseIntOption(const std::string& option, const std::string& text);
double parseDoubleOption(const std::string& option, const std::string& text);

} // namespace tendril::cli
