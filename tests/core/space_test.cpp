#include "tendril/core/space.hpp"

#include <gtest/gtest.h>

using namespace tendril;

TEST(Param, ValidationNamesTheProblem)
{
    EXPECT_EQ(Param::floatRange("lr", 1e-5, 0.1, true).validate(), "");
    EXPECT_NE(Param::floatRange("lr", 1.0, 0.1).validate().find("above high"), std::string::npos);
    EXPECT_NE(Param::floatRange("lr", 0.0, 0.1, true).validate().find("low > 0"), std::string::npos);
    EXPECT_NE(Param::categorical("act", {}).validate().find("no choices"), std::string::npos);
    EXPECT_NE(Param::categorical("act", {"relu", "relu"}).validate().find("twice"), std::string::npos);
    Param stepped = Param::floatRange("d", 0.3, 0.7, false, 0.0);
    EXPECT_NE(stepped.validate().find("step"), std::string::npos);
}

TEST(Param, DomainChecks)
{
    const Param lr = Param::floatRange("lr", 1e-5, 0.1, true);
    EXPECT_TRUE(lr.contains(Value(1e-3)));
    EXPECT_TRUE(lr.contains(Value(0.1)));
    EXPECT_FALSE(lr.contains(Value(0.2)));
    EXPECT_FALSE(lr.contains(Value("fast")));

    const Param layers = Param::intRange("layers", 20, 110, false, 18);
    EXPECT_TRUE(layers.contains(Value(56)));
    EXPECT_TRUE(layers.contains(Value(56.0)));
    EXPECT_FALSE(layers.contains(Value(56.5)));
    EXPECT_EQ(layers.effectiveStep(), 18.0);
    EXPECT_EQ(Param::intRange("n", 1, 5).effectiveStep(), 1.0);
    EXPECT_FALSE(lr.effectiveStep());

    const Param act = Param::categorical("act", {"relu", "tanh", 3, true});
    EXPECT_EQ(act.choiceIndex(Value("tanh")), 1u);
    EXPECT_EQ(act.choiceIndex(Value(3.0)), 2u);
    EXPECT_EQ(act.choiceIndex(Value(true)), 3u);
    EXPECT_FALSE(act.contains(Value("gelu")));
    EXPECT_NE(act.checkValue(Value("gelu")).find("relu, tanh, 3, true"), std::string::npos);
}

TEST(SearchSpace, FindsByName)
{
    SearchSpace s;
    s.params = {Param::floatRange("lr", 1e-5, 0.1, true), Param::categorical("act", {"relu"})};
    EXPECT_EQ(s.indexOf("act"), 1);
    EXPECT_EQ(s.indexOf("momentum"), -1);
    ASSERT_NE(s.find("lr"), nullptr);
    EXPECT_TRUE(s.find("lr")->log);
}
