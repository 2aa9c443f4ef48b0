// The Parzen estimator against Optuna 3.1's _ParzenEstimator (bandwidths, kernel weights, log
// densities) and, with normalised kernels, against SciPy's truncated normal, to 1e-9.
#include "tpe_parzen.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace tendril::search {
namespace {

constexpr double kTolerance = 1e-9;

ParzenEstimator univariate(const Param& param, const std::vector<double>& coordinates, ParzenOptions options = {})
{
    std::vector<std::vector<double>> rows;
    for (double x : coordinates)
        rows.push_back({x});
    return ParzenEstimator({SamplingScale(param)}, rows, options);
}

void expectValues(const std::vector<double>& actual, const std::vector<double>& expected)
{
    ASSERT_EQ(actual.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
        EXPECT_NEAR(actual[i], expected[i], kTolerance) << "component " << i;
}

TEST(ParzenGolden, FloatBandwidthsAreTheLargerNeighbourGapClippedBelow)
{
    const ParzenEstimator pe = univariate(Param::floatRange("x", 0, 1), {0.1, 0.45, 0.55});
    expectValues(pe.mus(0), {0.1, 0.45, 0.55, 0.5});
    // 0.55's own gaps are 0.05 (to the prior's centre) and, with consider_endpoints off, 0.05
    // again; the floor range / min(100, 1 + 4) lifts it to 0.2.
    expectValues(pe.sigmas(0), {0.35, 0.35, 0.2, 1.0});
    expectValues(pe.weights(), {0.25, 0.25, 0.25, 0.25});
}

TEST(ParzenGolden, LogFloatWorksOnTheLogScale)
{
    const ParzenEstimator pe =
        univariate(Param::floatRange("lr", 1e-5, 1, true), {std::log(1e-4), std::log(1e-2), std::log(0.5)});
    expectValues(pe.mus(0), {-9.210340371976182, -4.605170185988091, -0.6931471805599453, -5.756462732485114});
    expectValues(pe.sigmas(0), {3.4538776394910675, 3.9120230054281455, 3.9120230054281455, 11.512925464970229});
}

TEST(ParzenGolden, IntRangeIsWidenedByHalfAStep)
{
    const ParzenEstimator pe = univariate(Param::intRange("n", 0, 10), {2, 3, 9});
    expectValues(pe.mus(0), {2, 3, 9, 5});
    expectValues(pe.sigmas(0), {2.2, 2.2, 4.0, 11.0});
    // Grid dimensions weigh a point by its cell's mass: Optuna's log_pdf, exactly.
    EXPECT_NEAR(pe.logPdf({0}), -2.552015228911884, kTolerance);
    EXPECT_NEAR(pe.logPdf({3}), -2.038611907742137, kTolerance);
    EXPECT_NEAR(pe.logPdf({10}), -2.820495249548034, kTolerance);
}

TEST(ParzenGolden, SteppedFloatMatchesOptuna)
{
    const ParzenEstimator pe = univariate(Param::floatRange("d", 0.3, 0.7, false, 0.1), {0.3, 0.7});
    expectValues(pe.sigmas(0), {0.2, 0.2, 0.5});
    EXPECT_NEAR(pe.logPdf({0.3}), -1.6500130105939448, kTolerance);
    EXPECT_NEAR(pe.logPdf({0.5}), -1.5757250203754665, kTolerance);
    EXPECT_NEAR(pe.logPdf({0.7}), -1.6500130105939432, kTolerance);
}

TEST(ParzenGolden, ConsideringEndpointsLetsTheEndKernelsSeeTheRangeEnds)
{
    ParzenOptions options;
    options.considerEndpoints = true;
    const ParzenEstimator pe = univariate(Param::floatRange("x", 0, 1), {0.1, 0.45, 0.55}, options);
    expectValues(pe.sigmas(0), {0.35, 0.35, 0.45, 1.0});
}

TEST(ParzenDensity, ContinuousWeighingMatchesOptunaThreeOne)
{
    // Optuna 3.1's log_pdf: each kernel's truncated normal density without its 1/sigma.
    const ParzenEstimator pe = univariate(Param::floatRange("x", 0, 1), {0.1, 0.45, 0.55});
    EXPECT_NEAR(pe.logPdf({0.3}), -0.599464441296384, kTolerance);
    EXPECT_NEAR(pe.logPdf({0.5}), -0.5776254251778625, kTolerance);
    EXPECT_NEAR(pe.logPdf({0.95}), -1.2028172087437818, kTolerance);
    const ParzenEstimator lr =
        univariate(Param::floatRange("lr", 1e-5, 1, true), {std::log(1e-4), std::log(1e-2), std::log(0.5)});
    EXPECT_NEAR(lr.logPdf({std::log(1e-3)}), -0.6617393809826865, kTolerance);
    EXPECT_NEAR(lr.logPdf({std::log(0.9)}), -0.7550698283978109, kTolerance);
    // A log int is continuous in the log of its value, its range widened by half a unit.
    const ParzenEstimator units = univariate(Param::intRange("units", 1, 1000, true), {0, std::log(7), std::log(300)});
    expectValues(units.mus(0), {0.0, 1.9459101490553132, 5.703782474656201, 3.1075539867319213});
    expectValues(units.sigmas(0), {1.9459101490553132, 1.9459101490553132, 2.5962284879242796, 7.601402334583733});
    EXPECT_NEAR(units.logPdf({0}), -0.7430838767110378, kTolerance);
    EXPECT_NEAR(units.logPdf({std::log(50)}), -0.7706966861541278, kTolerance);
    EXPECT_NEAR(units.logPdf({std::log(1000)}), -1.0003935086639377, kTolerance);
}

TEST(ParzenDensity, NormalisedKernelsGiveTheTruncatedNormalMixtureDensity)
{
    // SciPy: sum of weight * truncnorm.pdf over the same components.
    ParzenOptions options;
    options.normalizedKernels = true;
    const ParzenEstimator pe = univariate(Param::floatRange("x", 0, 1), {0.1, 0.45, 0.55}, options);
    EXPECT_NEAR(pe.logPdf({0.3}), 0.17739557181841228, kTolerance);
    EXPECT_NEAR(pe.logPdf({0.5}), 0.2852903426859444, kTolerance);
    EXPECT_NEAR(pe.logPdf({0.95}), -0.7976738034326313, kTolerance);
    // And it integrates to one over the range.
    double integral = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i)
        integral += std::exp(pe.logPdf({(i + 0.5) / n})) / n;
    EXPECT_NEAR(integral, 1.0, 1e-6);
}

TEST(ParzenDensity, GridProbabilitiesSumToOne)
{
    const ParzenEstimator pe = univariate(Param::intRange("n", 20, 110, false, 18), {38, 38, 110, 56});
    double total = 0;
    for (int v = 20; v <= 110; v += 18)
        total += std::exp(pe.logPdf({static_cast<double>(v)}));
    EXPECT_NEAR(total, 1.0, 1e-12);
}

TEST(ParzenCategorical, EachKernelIsItsChoicePlusThePriorSpreadOverAllChoices)
{
    const ParzenEstimator pe = univariate(Param::categorical("c", {"a", "b", "c"}), {0, 2, 2});
    // 1 on the observed choice plus prior_weight / (3 observations + 1) on every choice, normalised.
    const double on = 1.25 / 1.75, off = 0.25 / 1.75;
    EXPECT_NEAR(pe.categoricalWeight(0, 0, 0), on, kTolerance);
    EXPECT_NEAR(pe.categoricalWeight(0, 0, 1), off, kTolerance);
    EXPECT_NEAR(pe.categoricalWeight(0, 1, 2), on, kTolerance);
    EXPECT_NEAR(pe.categoricalWeight(0, 3, 1), 1.0 / 3.0, kTolerance);  // the prior
    EXPECT_NEAR(pe.logPdf({0}), -1.0986122886681098, kTolerance);
    EXPECT_NEAR(pe.logPdf({1}), -1.6582280766035324, kTolerance);
    EXPECT_NEAR(pe.logPdf({2}), -0.7419373447293772, kTolerance);
}

TEST(ParzenCategorical, PriorWeightScalesTheSmoothingAndTheMixture)
{
    ParzenOptions options;
    options.priorWeight = 2.0;
    const ParzenEstimator pe = univariate(Param::categorical("c", {"a", "b", "c", "d"}), {1}, options);
    expectValues(pe.weights(), {1.0 / 3.0, 2.0 / 3.0});
    EXPECT_NEAR(pe.categoricalWeight(0, 0, 1), 0.4, kTolerance);
    EXPECT_NEAR(pe.categoricalWeight(0, 0, 0), 0.2, kTolerance);
    EXPECT_NEAR(pe.logPdf({0}), -1.455287232606842, kTolerance);
    EXPECT_NEAR(pe.logPdf({1}), -1.203972804325936, kTolerance);
}

TEST(ParzenMultivariate, SharedBandwidthAndJointDensity)
{
    ParzenOptions options;
    options.multivariate = true;
    const std::vector<SamplingScale> dims = {SamplingScale(Param::floatRange("x", 0, 1)),
                                             SamplingScale(Param::intRange("n", 0, 10)),
                                             SamplingScale(Param::categorical("c", {"a", "b", "c"}))};
    const std::vector<std::vector<double>> rows = {
        {0.1, 2, 0}, {0.45, 3, 1}, {0.55, 9, 1}, {0.9, 1, 2}, {0.2, 5, 0}};
    const ParzenEstimator pe(dims, rows, options);
    // 0.2 * 5^(-1/(3 + 4)) * range, the prior keeping the whole range.
    expectValues(pe.sigmas(0), {0.15891948094037045, 0.15891948094037045, 0.15891948094037045,
                                0.15891948094037045, 0.15891948094037045, 1.0});
    expectValues(pe.sigmas(1), {1.748114290344075, 1.748114290344075, 1.748114290344075, 1.748114290344075,
                                1.748114290344075, 11.0});
    EXPECT_NEAR(pe.logPdf({0.5, 3, 1}), -4.067640118905958, kTolerance);  // Optuna 3.1
    // SciPy: sum over components of weight * truncnorm.pdf(x) * cell mass(n) * choice weight(c).
    options.normalizedKernels = true;
    const ParzenEstimator normalised(dims, rows, options);
    EXPECT_NEAR(normalised.logPdf({0.5, 3, 1}), -2.535959840132679, kTolerance);
}

TEST(ParzenWeights, OldObservationsRampDownAfterTwentyFive)
{
    const std::vector<double> few = defaultObservationWeights(25);
    for (double w : few)
        EXPECT_EQ(w, 1.0);
    const std::vector<double> many = defaultObservationWeights(30);
    ASSERT_EQ(many.size(), 30u);
    // numpy.linspace(1/30, 1, 5) for the five oldest, then 25 ones.
    expectValues({many.begin(), many.begin() + 5},
                 {0.03333333333333333, 0.275, 0.5166666666666667, 0.7583333333333333, 1.0});
    for (std::size_t i = 5; i < 30; ++i)
        EXPECT_EQ(many[i], 1.0);
    EXPECT_NEAR(defaultObservationWeights(26)[0], 1.0 / 26.0, 1e-15);
    EXPECT_TRUE(defaultObservationWeights(0).empty());
}

TEST(ParzenSampling, DrawsAreSnappedInsideTheDomainAndFollowTheKernels)
{
    const ParzenEstimator pe = univariate(Param::intRange("n", 0, 10), {2, 2, 2, 2, 2, 2, 2, 2, 2, 9});
    SearchRng rng(4);
    int nearTwo = 0;
    const int draws = 4000;
    for (int i = 0; i < draws; ++i) {
        const double x = pe.sample(rng)[0];
        ASSERT_EQ(x, std::round(x));
        ASSERT_GE(x, 0);
        ASSERT_LE(x, 10);
        nearTwo += std::fabs(x - 2) <= 1;
    }
    // Nine of eleven components sit at 2 with bandwidth 1 (the floor 11 / 11): most draws land there.
    EXPECT_GT(nearTwo, draws / 2);

    const ParzenEstimator empty = univariate(Param::floatRange("x", -1, 1), {});
    ASSERT_EQ(empty.componentCount(), 1u);
    for (int i = 0; i < 100; ++i) {
        const double x = empty.sample(rng)[0];
        ASSERT_GE(x, -1);
        ASSERT_LE(x, 1);
    }
}

} // namespace
} // namespace tendril::search
