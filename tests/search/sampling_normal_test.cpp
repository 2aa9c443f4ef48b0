// The truncated normal behind the Parzen estimators, against SciPy's values.
#include "sampling_normal.hpp"
#include "sampling_rng.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace tendril::search {
namespace {

TEST(NormalTail, LogCdfMatchesScipyFromFarLeftToRight)
{
    // scipy.special.log_ndtr
    EXPECT_NEAR(logNormalCdf(-30.0), -454.32124395634327, 1e-9);
    EXPECT_NEAR(logNormalCdf(-5.0), -15.064998393988727, 1e-12);
    EXPECT_NEAR(logNormalCdf(3.0), -0.001350809964748193, 1e-15);
    EXPECT_NEAR(logNormalCdf(8.0), -6.220960574271743e-16, 1e-25);
    EXPECT_NEAR(logNormalCdf(0.0), std::log(0.5), 1e-15);
}

TEST(NormalTail, QuantilesMatchScipy)
{
    EXPECT_NEAR(normalQuantileFromLog(std::log(0.975)), 1.959963984540054, 1e-12);
    EXPECT_NEAR(normalQuantileFromLog(std::log(1e-10)), -6.361340902404056, 1e-10);
    EXPECT_NEAR(normalQuantileFromLog(std::log1p(-1e-12)), 7.034483825301131, 1e-9);  // norm.isf(1e-12)
    EXPECT_NEAR(normalQuantileFromLog(std::log(0.5)), 0.0, 1e-15);
    EXPECT_NEAR(normalQuantileFromLog(-454.32124395634327), -30.0, 1e-9);
}

TEST(NormalTail, MassOfIntervalsStaysFiniteInTheTails)
{
    EXPECT_NEAR(logNormalMass(1.0, 2.0), -1.9957982691807552, 1e-12);
    EXPECT_NEAR(logNormalMass(-2.0, -1.0), -1.9957982691807552, 1e-12);
    EXPECT_NEAR(logNormalMass(30.0, 31.0), -454.32124395634327, 1e-8);
    EXPECT_NEAR(logNormalMass(-40.0, 40.0), 0.0, 1e-15);
    EXPECT_EQ(logNormalMass(1.0, 1.0), -std::numeric_limits<double>::infinity());
}

TEST(TruncatedNormal, QuantilesMatchScipyTruncnorm)
{
    EXPECT_NEAR(truncatedNormalQuantile(0.3, -1.0, 2.0), -0.24240381788922707, 1e-12);
    EXPECT_NEAR(truncatedNormalQuantile(0.9, 0.5, 3.0), 1.851224070977836, 1e-12);
    EXPECT_EQ(truncatedNormalQuantile(0.0, -1.0, 2.0), -1.0);
}

TEST(TruncatedNormal, DrawsStayInsideAndAreSymmetricForASymmetricWindow)
{
    SearchRng rng(17);
    int below = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        const double x = truncatedNormalQuantile(rng.uniform(), -0.3, 0.3);
        ASSERT_GE(x, -0.3);
        ASSERT_LE(x, 0.3);
        below += x < 0;
    }
    EXPECT_NEAR(below, n / 2, 0.03 * n / 2);
}

TEST(LogAddExp, IgnoresMinusInfinity)
{
    const double inf = std::numeric_limits<double>::infinity();
    EXPECT_EQ(logAddExp(-inf, 2.0), 2.0);
    EXPECT_EQ(logAddExp(2.0, -inf), 2.0);
    EXPECT_NEAR(logAddExp(std::log(2.0), std::log(3.0)), std::log(5.0), 1e-15);
    EXPECT_NEAR(logAddExp(1000.0, 1000.0), 1000.0 + std::log(2.0), 1e-12);
}

} // namespace
} // namespace tendril::search
