#include "cli_args.hpp"

#include <charconv>
#include <sstream>

namespace tendril::cli {

std::string ParsedArgs::value(const std::string& name, const std::string& fallback) const
{
    auto it = values_.find(name);
    if (it == values_.end() || it->second.empty())
        return fallback;
    return it->second.back();
}

const std::vector<std::string>& ParsedArgs::values(const std::string& name) const
{
    static const std::vector<std::string> none;
    auto it = values_.find(name);
    return it == values_.end() ? none : it->second;
}

ParsedArgs parseArgs(const CommandSpec& spec, const std::vector<std::string>& args)
{
    ParsedArgs out;
    auto findOption = [&](const std::string& name) -> const OptionSpec* {
        for (const OptionSpec& o : spec.options)
            if (o.name == name)
                return &o;
        return nullptr;
    };
    bool onlyPositionals = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (onlyPositionals || arg.size() < 2 || arg.rfind("--", 0) != 0) {
            if (!onlyPositionals && arg.size() > 1 && arg[0] == '-' && arg != "-")
                throw UsageError("unknown option " + arg);
            if (spec.positionalName.empty())
                throw UsageError("unexpected argument \"" + arg + "\"");
            out.positionals_.push_back(arg);
            continue;
        }
        if (arg == "--") {
            onlyPositionals = true;
            continue;
        }
        std::string name = arg.substr(2);
        std::string inlineValue;
        bool hasInline = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name.resize(eq);
            hasInline = true;
        }
        if (name == "help") {
            out.help_ = true;
            continue;
        }
        const OptionSpec* opt = findOption(name);
        if (!opt)
            throw UsageError("unknown option --" + name);
        std::vector<std::string>& slot = out.values_[name];
        if (!slot.empty() && !opt->repeatable)
            throw UsageError("option --" + name + " given more than once");
        if (opt->valueName.empty()) {
            if (hasInline)
                throw UsageError("option --" + name + " takes no value");
            slot.push_back("1");
            continue;
        }
        if (hasInline) {
            slot.push_back(inlineValue);
        } else {
            if (i + 1 >= args.size())
                throw UsageError("option --" + name + " needs a value (" + opt->valueName + ")");
            slot.push_back(args[++i]);
        }
    }
    if (out.help_)
        return out;
    for (const OptionSpec& o : spec.options)
        if (o.required && !out.has(o.name))
            throw UsageError("missing required option --" + o.name + " " + o.valueName);
    if (spec.positionalRequired && out.positionals_.empty())
        throw UsageError("missing " + spec.positionalName);
    return out;
}

std::string helpText(const CommandSpec& spec)
{
    std::ostringstream s;
    s << "usage: tendril-cli " << spec.name;
    if (!spec.positionalName.empty())
        s << " " << spec.positionalName << "...";
    for (const OptionSpec& o : spec.options) {
        std::string part = "--" + o.name + (o.valueName.empty() ? "" : " " + o.valueName);
        s << " " << (o.required ? part : "[" + part + "]") << (o.repeatable ? "..." : "");
    }
    s << "\n\n" << spec.summary << "\n\noptions:\n";
    for (const OptionSpec& o : spec.options) {
        std::string left = "  --" + o.name + (o.valueName.empty() ? "" : " " + o.valueName);
        if (left.size() < 26)
            left.resize(26, ' ');
        else
            left += "  ";
        s << left << o.help << "\n";
    }
    s << "  --help                  show this help\n";
    return s.str();
}

long long parseIntOption(const std::string& option, const std::string& text)
{
    long long v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size())
        throw UsageError("option --" + option + " expects a whole number, got \"" + text + "\"");
    return v;
}

double parseDoubleOption(const std::string& option, const std::string& text)
{
    double v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size())
        throw UsageError("option --" + option + " expects a number, got \"" + text + "\"");
    return v;
}

} // namespace tendril::cli
