// The importance pipeline (study -> forest -> fANOVA) against functions whose decomposition is
// known, with the bands of docs/importance.md (64 trees, uniform samples, n = 2000).
#include "importance_study.hpp"

#include "tendril/engine/importance.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace tendril;
using namespace tendril::engine;
using namespace tendril::testing;

namespace {

double pairOf(const ImportanceReport& r, const std::string& a, const std::string& b)
{
    for (const PairImportance& p : r.pairs)
        if ((p.first == a && p.second == b) || (p.first == b && p.second == a))
            return p.importance;
    ADD_FAILURE() << "no pair " << a << " x " << b;
    return NAN;
}

// Mean over three seeds (of both the sample and the forest), as the reference values were measured.
template <typename Get>
double meanOverSeeds(const SearchSpace& space, const std::function<double(const std::vector<double>&)>& f,
                     bool pairs, Get get)
{
    double sum = 0;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        ImportanceOptions o;
        o.pairs = pairs;
        o.forest.seed = seed;
        sum += get(analyzeImportance(sampleStudy(space, 2000, 100 + seed, f), o));
    }
    return sum / 3;
}

} // namespace

TEST(ImportanceAnalytic, LinearFunction)
{
    const auto f = [](const std::vector<double>& x) { return x[0] + 2 * x[1]; };
    ImportanceOptions o;
    const ImportanceReport r = analyzeImportance(sampleStudy(unitCube(3), 2000, 7, f), o);
    EXPECT_NEAR(importanceOf(r, "x1"), 0.196, 0.03);
    EXPECT_NEAR(importanceOf(r, "x2"), 0.800, 0.03);
    EXPECT_NEAR(importanceOf(r, "x3"), 0.000, 0.03);
    EXPECT_EQ(r.params.front().name, "x2");  // sorted, most important first
    EXPECT_EQ(r.trialsUsed, 2000u);
    EXPECT_EQ(r.treesUsed, 64u);
    EXPECT_TRUE(r.note.empty());
}

TEST(ImportanceAnalytic, IshigamiSinglesAndPair)
{
    SearchSpace space;
    for (int i = 1; i <= 3; ++i)
        space.params.push_back(Param::floatRange("x" + std::to_string(i), -std::numbers::pi, std::numbers::pi));
    const auto f = [](const std::vector<double>& x) {
        return std::sin(x[0]) + 7 * std::pow(std::sin(x[1]), 2) + 0.1 * std::pow(x[2], 4) * std::sin(x[0]);
    };
    // Forests underestimate the high-frequency sin^2 term; these are the n = 2000 bands.
    EXPECT_NEAR(meanOverSeeds(space, f, true, [](const ImportanceReport& r) { return importanceOf(r, "x1"); }), 0.292,
                0.03);
    // The reference forest measured S2 at 0.346 / 0.324 / 0.379 for n = 500 / 2000 / 5000: a noisy
    // underestimate of the exact 0.4424. Ours must lie in that band, below the exact value.
    const double s2 = meanOverSeeds(space, f, true, [](const ImportanceReport& r) { return importanceOf(r, "x2"); });
    EXPECT_GT(s2, 0.324 - 0.03);
    EXPECT_LT(s2, 0.4424);
    EXPECT_NEAR(meanOverSeeds(space, f, true, [](const ImportanceReport& r) { return importanceOf(r, "x3"); }), 0.009,
                0.03);
    EXPECT_NEAR(meanOverSeeds(space, f, true, [](const ImportanceReport& r) { return pairOf(r, "x1", "x3"); }), 0.276,
                0.04);
    // S12 and S23 are exactly 0; a forest at n = 2000 leaks a few percent of the sin^2 term of x2
    // into pairs with x2 (0.01 and 0.04 measured), an order of magnitude below the real pair.
    EXPECT_LT(meanOverSeeds(space, f, true, [](const ImportanceReport& r) { return pairOf(r, "x1", "x2"); }), 0.06);
    EXPECT_LT(meanOverSeeds(space, f, true, [](const ImportanceReport& r) { return pairOf(r, "x2", "x3"); }), 0.06);
}

TEST(ImportanceAnalytic, ProductIsAPureInteraction)
{
    const auto f = [](const std::vector<double>& x) { return (x[0] - 0.5) * (x[1] - 0.5); };
    ImportanceOptions o;
    o.pairs = true;
    const ImportanceReport r = analyzeImportance(sampleStudy(unitCube(2), 2000, 11, f), o);
    EXPECT_NEAR(importanceOf(r, "x1"), 0.006, 0.03);
    EXPECT_NEAR(importanceOf(r, "x2"), 0.005, 0.03);
    EXPECT_NEAR(pairOf(r, "x1", "x2"), 0.982, 0.03);
}

TEST(ImportanceAnalytic, ThreeLevelCategoricalConvergesToExactValue)
{
    SearchSpace space;
    space.params = {Param::categorical("level", {"low", "mid", "high"}), Param::floatRange("x", 0.0, 1.0)};
    // Effects 0, 1, 2 with the counting measure: V_level = 2/3, V_x = 1/12, so 8/9 and 1/9.
    const auto f = [](const std::vector<double>& x) { return x[0] + x[1]; };
    const ImportanceReport r = analyzeImportance(sampleStudy(space, 2000, 5, f), ImportanceOptions{});
    EXPECT_NEAR(importanceOf(r, "level"), 8.0 / 9.0, 0.015);
    EXPECT_NEAR(importanceOf(r, "x"), 1.0 / 9.0, 0.015);
}

TEST(ImportanceAnalytic, LogParameterOnItsSamplingScaleAndRaw)
{
    SearchSpace space;
    space.params = {Param::floatRange("lr", 1e-5, 1e-1, true), Param::floatRange("x", 0.0, 1.0)};
    const auto f = [](const std::vector<double>& x) { return (x[0] < 1e-3 ? 1.0 : 0.0) + x[1]; };
    const Study study = sampleStudy(space, 2000, 3, f);
    ImportanceOptions sampling;
    EXPECT_NEAR(importanceOf(analyzeImportance(study, sampling), "lr"), 0.75, 0.03);
    ImportanceOptions raw;
    raw.scale = ImportanceScale::Raw;
    EXPECT_NEAR(importanceOf(analyzeImportance(study, raw), "lr"), 0.105, 0.03);
}
