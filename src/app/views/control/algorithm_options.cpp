#include "views/control/algorithm_options.hpp"

#include "tendril/io/format_error.hpp"
#include "tendril/io/json_reader.hpp"
#include "tendril/io/json_writer.hpp"

#include <algorithm>
#include <map>

namespace tendril::app {

namespace {

using Kind = AlgorithmOption::Kind;

const char* const kSeedHelp = "The algorithm's random stream; empty: the study's seed";
const char* const kMaxResourceHelp =
    "The resource a configuration may use at most (epochs, iterations); empty: budget max resource";

AlgorithmOption seedOption()
{
    return {"seed", "", Kind::WholeNumber, "Seed", "study seed", kSeedHelp, {}};
}

AlgorithmOption maxResourceOption()
{
    return {"max_resource", "", Kind::Number, "Max resource", "budget max resource", kMaxResourceHelp, {}};
}

AlgorithmOption etaOption(const char* defaultText)
{
    return {"eta", "reduction_factor", Kind::WholeNumber, "η (reduction factor)", defaultText,
            "Each rung keeps 1/η of the configurations and gives them η times the resource", {}};
}

std::vector<AlgorithmOption> successiveHalvingOptions(bool asynchronous)
{
    std::vector<AlgorithmOption> options = {
        {"min_resource", "", asynchronous ? Kind::NumberOrAuto : Kind::Number, "Min resource", "1",
         asynchronous ? "The resource of the first rung; \"auto\" estimates it from the first trial"
                      : "The resource of the first rung",
         {}},
        etaOption("4"),
        {"min_early_stopping_rate", "", Kind::WholeNumber, "Min early-stopping rate", "0",
         "Rungs to skip: the first rung is at min_resource · η^rate", {}},
    };
    if (asynchronous)
        options.push_back({"bootstrap_count", "", Kind::WholeNumber, "Bootstrap count", "0",
                           "Trials that must reach a rung before it stops any", {}});
    options.push_back(maxResourceOption());
    options.push_back(seedOption());
    return options;
}

const std::map<std::string, std::vector<AlgorithmOption>, std::less<>>& optionTable()
{
    static const std::map<std::string, std::vector<AlgorithmOption>, std::less<>> table = {
        {"grid", {seedOption()}},
        {"random", {seedOption()}},
        {"tpe",
         {
             {"n_startup_trials", "", Kind::WholeNumber, "Start-up trials", "10",
              "Random trials before the model proposes", {}},
             {"n_ei_candidates", "", Kind::WholeNumber, "EI candidates", "24",
              "Candidates drawn per proposal; the best expected improvement wins", {}},
             {"multivariate", "", Kind::Boolean, "Multivariate", "false",
              "Model the parameters jointly instead of one by one", {}},
             {"prior_weight", "", Kind::Number, "Prior weight", "1", "Weight of the prior in the Parzen estimators",
              {}},
             {"consider_endpoints", "", Kind::Boolean, "Consider endpoints", "false",
              "Let kernels at the range ends reach to the bounds", {}},
             seedOption(),
         }},
        {"sh", successiveHalvingOptions(false)},
        {"asha", successiveHalvingOptions(true)},
        {"hyperband",
         {
             etaOption("3"),
             {"min_resource", "", Kind::Number, "Min resource", "1", "The resource of the smallest rung", {}},
             maxResourceOption(),
             {"mode", "", Kind::Choice, "Mode", "brackets",
              "brackets: the paper's bracket table; pruner: Optuna-style pruning of running trials",
              {"brackets", "pruner"}},
             {"bootstrap_count", "", Kind::WholeNumber, "Bootstrap count", "0",
              "Pruner mode: trials that must reach a rung before it stops any", {}},
             seedOption(),
         }},
        {"bohb",
         {
             etaOption("3"),
             {"min_resource", "", Kind::Number, "Min resource", "max resource / 100", "The resource of the smallest rung",
              {}},
             maxResourceOption(),
             {"top_n_percent", "", Kind::Number, "Top n percent", "15",
              "Share of the results that make the good density", {}},
             {"num_samples", "", Kind::WholeNumber, "Samples", "64", "Candidates drawn from the model per proposal", {}},
             {"random_fraction", "", Kind::Number, "Random fraction", "1/3",
              "Share of configurations drawn at random rather than from the model", {}},
             {"bandwidth_factor", "", Kind::Number, "Bandwidth factor", "3", "Widens the kernels candidates are drawn with",
              {}},
             {"min_bandwidth", "", Kind::Number, "Min bandwidth", "0.001", "Smallest kernel bandwidth", {}},
             {"min_points_in_model", "", Kind::WholeNumber, "Min points in model", "parameters + 1",
              "Results on a budget before the model is used", {}},
             seedOption(),
         }},
        {"pbt",
         {
             {"population_size", "population", Kind::WholeNumber, "Population size", "8",
              "Members trained side by side", {}},
             {"perturbation_interval", "", Kind::Number, "Perturbation interval", "max resource / 10",
              "Steps between two exploit/explore decisions of a member", {}},
             {"quantile", "quantile_fraction", Kind::Number, "Quantile", "0.25",
              "The bottom share of members that copy one of the top share", {}},
             {"resample_probability", "", Kind::Number, "Resample probability", "0.25",
              "Chance that exploring draws a parameter anew instead of perturbing it", {}},
             maxResourceOption(),
             seedOption(),
         }},
    };
    return table;
}

} // namespace

const std::vector<std::string>& runnableAlgorithms()
{
    static const std::vector<std::string> names = {"grid", "random", "tpe", "sh", "asha", "hyperband", "bohb", "pbt"};
    return names;
}

std::string algorithmTitle(std::string_view algorithm)
{
    static const std::map<std::string, std::string, std::less<>> titles = {
        {"grid", "Grid search"},  {"random", "Random search"},      {"tpe", "TPE"},
        {"sh", "Successive halving"}, {"asha", "ASHA"}, {"hyperband", "Hyperband"},
        {"bohb", "BOHB"},         {"pbt", "Population based training"},
    };
    const auto it = titles.find(algorithm);
    return it == titles.end() ? std::string(algorithm) : it->second;
}

std::string algorithmSummary(std::string_view algorithm)
{
    static const std::map<std::string, std::string, std::less<>> summaries = {
        {"grid", "Every combination in order. Continuous ranges need values or a step under More options."},
        {"random", "Uniform draws in each parameter's scale (log-uniform for log parameters)."},
        {"tpe", "Tree-structured Parzen estimator: random start-up trials, then a model of good and bad regions."},
        {"sh", "Synchronous successive halving: brackets of configurations, the best 1/η continue with more resource."},
        {"asha", "Asynchronous successive halving: a trial stops as soon as it falls behind at a rung."},
        {"hyperband", "Brackets of successive halving with different trade-offs between breadth and resource."},
        {"bohb", "Hyperband's brackets with configurations from a density model once enough results exist."},
        {"pbt", "Population based training: weak members copy strong ones and perturb their hyperparameters."},
    };
    const auto it = summaries.find(algorithm);
    return it == summaries.end() ? "Tendril cannot run this algorithm; choose one of the list." : it->second;
}

const std::vector<AlgorithmOption>& algorithmOptions(std::string_view algorithm)
{
    static const std::vector<AlgorithmOption> none;
    const auto& table = optionTable();
    const auto it = table.find(algorithm);
    return it == table.end() ? none : it->second;
}

JsonMembers splitJsonObject(std::string_view objectJson, const std::string& name)
{
    JsonMembers members;
    if (objectJson.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return members;
    JsonReader in(objectJson, name);
    if (in.peek() != JsonReader::Kind::Object)
        in.failExpected("an object");
    in.beginObject();
    while (in.nextKey()) {
        std::string key(in.key());
        if (std::any_of(members.begin(), members.end(), [&](const auto& m) { return m.first == key; }))
            in.failAtPath("the option is given twice");
        members.emplace_back(std::move(key), in.readCompactJson());
    }
    in.expectEnd();
    return members;
}

std::string joinJsonObject(const JsonMembers& members)
{
    if (members.empty())
        return {};
    std::string out;
    JsonWriter w(out, 0);
    w.beginObject();
    for (const auto& [key, value] : members)
        w.key(key).raw(value);
    w.endObject();
    return out;
}

std::string optionText(std::string_view jsonValue)
{
    if (!jsonValue.empty() && jsonValue.front() == '"') {
        JsonReader in(jsonValue, "option");
        return std::string(in.readString());
    }
    return std::string(jsonValue);
}

std::string optionJson(std::string_view text)
{
    const std::size_t first = text.find_first_not_of(" \t");
    const std::size_t last = text.find_last_not_of(" \t");
    const std::string_view trimmed = first == std::string_view::npos ? std::string_view() : text.substr(first, last - first + 1);
    if (trimmed == "true" || trimmed == "false")
        return std::string(trimmed);
    if (!trimmed.empty()) {
        try {
            JsonReader in(trimmed, "option");
            if (in.peek() == JsonReader::Kind::Number) {
                in.readNumberText();
                in.expectEnd();
                return std::string(trimmed);
            }
        } catch (const FormatError&) {
            // not a number token: kept as a string below
        }
    }
    std::string quoted;
    appendJsonString(quoted, trimmed);
    return quoted;
}

JsonMembers composeAlgorithmConfig(const std::vector<std::string>& order, const JsonMembers& formMembers,
                                   const JsonMembers& extraMembers)
{
    JsonMembers out;
    auto taken = [&](const std::string& key) {
        return std::any_of(out.begin(), out.end(), [&](const auto& m) { return m.first == key; });
    };
    auto find = [](const JsonMembers& members, const std::string& key) -> const std::string* {
        for (const auto& [k, v] : members)
            if (k == key)
                return &v;
        return nullptr;
    };
    for (const std::string& key : order) {
        if (taken(key))
            continue;
        if (const std::string* v = find(formMembers, key))
            out.emplace_back(key, *v);
        else if (const std::string* extra = find(extraMembers, key))
            out.emplace_back(key, *extra);
    }
    for (const auto& [key, value] : formMembers)
        if (!taken(key))
            out.emplace_back(key, value);
    for (const auto& [key, value] : extraMembers)
        if (!taken(key))
            out.emplace_back(key, value);
    return out;
}

} // namespace tendril::app
