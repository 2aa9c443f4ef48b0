// tendril-cli: Tendril's engine without a window, for scripts, CI and servers (docs/cli.md).
#include "commands.hpp"

#include "tendril/io/native_format.hpp"
#include "tendril/store/project.hpp"

#include <iostream>

using namespace tendril;
using namespace tendril::cli;

namespace {

void printOverview(std::ostream& out)
{
    out << "usage: tendril-cli COMMAND [OPTIONS]\n\n"
           "Tendril's engine without a window: run, load, list, export and analyse hyperparameter-"
           "optimization runs\nkept in a project file (.tendril).\n\ncommands:\n";
    for (const Command& c : commands()) {
        std::string name = "  " + c.spec.name;
        name.resize(12, ' ');
        out << name << c.spec.summary.substr(0, c.spec.summary.find('\n')) << "\n";
    }
    out << "\nRun 'tendril-cli COMMAND --help' for the options of a command.\n";
}

} // namespace

int main(int argc, char** argv)
{
    std::ios::sync_with_stdio(false);
    if (argc < 2) {
        printOverview(std::cerr);
        return 2;
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        printOverview(std::cout);
        return 0;
    }
    if (name == "--version") {
        std::cout << "tendril-cli " << TENDRIL_VERSION << "\n";
        return 0;
    }
    const Command* command = nullptr;
    for (const Command& c : commands())
        if (c.spec.name == name)
            command = &c;
    if (!command) {
        std::cerr << "error: unknown command \"" << name << "\"\n";
        printOverview(std::cerr);
        return 2;
    }
    const std::vector<std::string> args(argv + 2, argv + argc);
    try {
        const ParsedArgs parsed = parseArgs(command->spec, args);
        if (parsed.helpRequested()) {
            std::cout << helpText(command->spec);
            return 0;
        }
        const int code = command->run(parsed);
        std::cout.flush();
        return code;
    } catch (const UsageError& e) {
        std::cerr << "error: " << e.what() << "\n"
                  << "Run 'tendril-cli " << name << " --help' for usage.\n";
        return 2;
    } catch (const CommandError& e) {
        std::cerr << "error: " << e.what() << "\n";
    } catch (const StoreError& e) {
        std::cerr << "error: " << e.what() << "\n";
    } catch (const FormatError& e) {
        std::cerr << "error: " << e.what() << "\n";
    } catch (const std::bad_alloc&) {
        std::cerr << "error: out of memory\n";
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
    }
    return 1;
}
