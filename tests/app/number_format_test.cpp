#include "style/number_format.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using tendril::app::formatCompact;
using tendril::app::formatExact;
using tendril::app::formatValue;

TEST(NumberFormat, FourSignificantDigitsInTheUsualRange)
{
    EXPECT_EQ(formatCompact(0.873149), QStringLiteral("0.8731"));
    EXPECT_EQ(formatCompact(12.3456), QStringLiteral("12.35"));
    EXPECT_EQ(formatCompact(797.66), QStringLiteral("797.7"));
    EXPECT_EQ(formatCompact(0.001136), QStringLiteral("0.001136"));
    EXPECT_EQ(formatCompact(-0.5), QStringLiteral("-0.5"));
}

TEST(NumberFormat, WholeNumbersStayWhole)
{
    EXPECT_EQ(formatCompact(27.0), QStringLiteral("27"));
    EXPECT_EQ(formatCompact(0.0), QStringLiteral("0"));
    EXPECT_EQ(formatCompact(4059.0), QStringLiteral("4059"));
    EXPECT_EQ(formatCompact(4058.6), QStringLiteral("4059"));
}

TEST(NumberFormat, ShortExponentForTinyAndHugeValues)
{
    EXPECT_EQ(formatCompact(1.2e-4), QStringLiteral("1.2e-4"));
    EXPECT_EQ(formatCompact(1e-5), QStringLiteral("1e-5"));
    EXPECT_EQ(formatCompact(0.00012345), QStringLiteral("1.23e-4"));
    EXPECT_EQ(formatCompact(-3.5e-7), QStringLiteral("-3.5e-7"));
    EXPECT_EQ(formatCompact(3.5e7), QStringLiteral("3.5e7"));
}

TEST(NumberFormat, NonFiniteValuesAreNamed)
{
    EXPECT_EQ(formatCompact(std::nan("")), QStringLiteral("NaN"));
    EXPECT_EQ(formatCompact(std::numeric_limits<double>::infinity()), QStringLiteral("∞"));
    EXPECT_EQ(formatCompact(-std::numeric_limits<double>::infinity()), QStringLiteral("−∞"));
}

TEST(NumberFormat, ValuesByKind)
{
    EXPECT_EQ(formatValue(tendril::Value(std::int64_t{128})), QStringLiteral("128"));
    EXPECT_EQ(formatValue(tendril::Value(0.00025)), QStringLiteral("2.5e-4"));
    EXPECT_EQ(formatValue(tendril::Value("adam")), QStringLiteral("adam"));
    EXPECT_EQ(formatValue(tendril::Value(true)), QStringLiteral("true"));
    EXPECT_EQ(formatValue(tendril::Value()), QString());
}

TEST(NumberFormat, ExactKeepsEveryDigit)
{
    EXPECT_EQ(formatExact(0.1 + 0.2), QStringLiteral("0.30000000000000004"));
    EXPECT_EQ(formatExact(std::nan("")), QStringLiteral("NaN"));
}
