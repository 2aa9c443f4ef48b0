#include "tendril/core/types.hpp"
#include "tendril/core/value.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>

using namespace tendril;

TEST(Value, KindsAndConversions)
{
    EXPECT_TRUE(Value().isNull());
    EXPECT_TRUE(Value(true).isBool());
    EXPECT_TRUE(Value(3).isInt());
    EXPECT_TRUE(Value(3.5).isReal());
    EXPECT_TRUE(Value("relu").isString());
    EXPECT_EQ(Value(true).toDouble(), 1.0);
    EXPECT_EQ(Value(std::int64_t{7}).toDouble(), 7.0);
    EXPECT_TRUE(std::isnan(Value("x").toDouble()));
}

TEST(Value, NumbersCompareByValueOtherKindsExactly)
{
    EXPECT_EQ(Value(3), Value(3.0));
    EXPECT_EQ(Value(std::nan("")), Value(std::nan("")));
    EXPECT_NE(Value(std::nan("")), Value(1.0));
    EXPECT_NE(Value(3), Value("3"));
    EXPECT_NE(Value(true), Value(1));
    EXPECT_LT(Value(false), Value(true));
    EXPECT_LT(Value(2), Value(2.5));
    EXPECT_LT(Value(10.0), Value("a"));
}

TEST(Value, DisplayText)
{
    EXPECT_EQ(Value(0.1).toString(), "0.1");
    EXPECT_EQ(Value(1e-5).toString(), "1e-05");
    EXPECT_EQ(Value(42).toString(), "42");
    EXPECT_EQ(Value(false).toString(), "false");
    EXPECT_EQ(Value("tanh").toString(), "tanh");
}

TEST(FormatDouble, ShortestRoundTripAndNonFinite)
{
    for (double d : {0.1, 1.0 / 3.0, 123456789.125, -2.5e-300, 5e-324}) {
        const std::string s = formatDouble(d);
        EXPECT_EQ(std::strtod(s.c_str(), nullptr), d) << s;
    }
    EXPECT_EQ(formatDouble(std::numeric_limits<double>::quiet_NaN()), "NaN");
    EXPECT_EQ(formatDouble(std::numeric_limits<double>::infinity()), "Infinity");
    EXPECT_EQ(formatDouble(-std::numeric_limits<double>::infinity()), "-Infinity");
}

TEST(Types, StatesAndDirectionsRoundTripThroughText)
{
    for (TrialState s : kAllTrialStates)
        EXPECT_EQ(parseTrialState(toString(s)), s);
    EXPECT_FALSE(parseTrialState("done"));
    EXPECT_EQ(parseDirection("minimize"), Direction::Minimize);
    EXPECT_FALSE(parseDirection("max"));
}

TEST(Types, IsBetterRespectsDirectionAndNaN)
{
    const double nan = std::nan("");
    EXPECT_TRUE(isBetter(Direction::Maximize, 2, 1));
    EXPECT_FALSE(isBetter(Direction::Maximize, 1, 2));
    EXPECT_TRUE(isBetter(Direction::Minimize, 1, 2));
    EXPECT_FALSE(isBetter(Direction::Maximize, nan, 1));
    EXPECT_TRUE(isBetter(Direction::Minimize, 5, nan));
}
