#include "startup/command_line.hpp"

#include <gtest/gtest.h>

using tendril::app::parseCommandLine;

namespace {
QStringList args(std::initializer_list<const char*> list)
{
    QStringList out{QStringLiteral("tendril")};
    for (const char* a : list)
        out << QString::fromUtf8(a);
    return out;
}
} // namespace

TEST(CommandLine, TakesEveryOption)
{
    const auto parsed = parseCommandLine(args({"runs.tendril", "--view", "trials", "--study", "a", "--study", "b",
                                               "--screenshot", "out.png", "--size", "800x600"}));
    ASSERT_TRUE(parsed.options) << parsed.output.toStdString();
    EXPECT_EQ(parsed.options->project, QStringLiteral("runs.tendril"));
    EXPECT_FALSE(parsed.options->demo);
    EXPECT_EQ(parsed.options->view, QStringLiteral("trials"));
    EXPECT_EQ(parsed.options->studies, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    EXPECT_EQ(parsed.options->screenshot, QStringLiteral("out.png"));
    EXPECT_EQ(parsed.options->size, QSize(800, 600));
}

TEST(CommandLine, NothingGivenMeansTheLastProjectOrWelcome)
{
    const auto parsed = parseCommandLine(args({}));
    ASSERT_TRUE(parsed.options);
    EXPECT_TRUE(parsed.options->project.isEmpty());
    EXPECT_FALSE(parsed.options->demo);
    EXPECT_FALSE(parsed.options->size.has_value());
}

TEST(CommandLine, UsageErrorsExitTwoWithOneLine)
{
    for (const auto& bad : {args({"--size", "big"}), args({"--size", "10x10"}), args({"--bogus"}),
                            args({"a.tendril", "b.tendril"}), args({"--demo", "a.tendril"}), args({"--view"})}) {
        const auto parsed = parseCommandLine(bad);
        EXPECT_FALSE(parsed.options) << bad.join(QLatin1Char(' ')).toStdString();
        EXPECT_EQ(parsed.exitCode, 2) << bad.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(parsed.output.startsWith(QStringLiteral("error: "))) << parsed.output.toStdString();
        EXPECT_FALSE(parsed.output.contains(QLatin1Char('\n'))) << parsed.output.toStdString();
    }
    EXPECT_TRUE(parseCommandLine(args({"--size", "big"})).output.contains(QStringLiteral("--size")));
}

TEST(CommandLine, HelpIsNotAnError)
{
    const auto parsed = parseCommandLine(args({"--help"}));
    EXPECT_FALSE(parsed.options);
    EXPECT_EQ(parsed.exitCode, 0);
    EXPECT_TRUE(parsed.output.contains(QStringLiteral("--screenshot")));
}
