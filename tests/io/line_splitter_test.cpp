// Cutting a trial's output into lines, whatever the chunks the pipe delivers.
#include "tendril/io/trial_output.hpp"

#include "tendril/core/random.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace tendril {
namespace {

struct Line {
    std::string text;
    bool truncated = false;
    friend bool operator==(const Line&, const Line&) = default;
};

std::ostream& operator<<(std::ostream& out, const Line& line)
{
    return out << (line.truncated ? "[truncated] " : "") << ::testing::PrintToString(line.text);
}

// Feeds input in chunks of the given sizes (cycled; 0 means all at once), then finishes.
std::vector<Line> split(std::string_view input, std::size_t maxLineBytes, const std::vector<std::size_t>& chunkSizes = {0})
{
    std::vector<Line> lines;
    const auto collect = [&](std::string_view text, bool truncated) { lines.push_back({std::string(text), truncated}); };
    LineSplitter splitter(maxLineBytes);
    std::size_t offset = 0, k = 0;
    while (offset < input.size()) {
        const std::size_t size = chunkSizes[k++ % chunkSizes.size()];
        const std::size_t n = size == 0 ? input.size() - offset : std::min(size, input.size() - offset);
        splitter.feed(input.substr(offset, n), collect);
        EXPECT_LE(splitter.heldBytes(), maxLineBytes);
        EXPECT_LE(splitter.bufferCapacity(), maxLineBytes);
        offset += n;
    }
    splitter.finish(collect);
    return lines;
}

// What the splitter must produce, computed the plain way on the whole input at once.
std::vector<Line> expectedLines(std::string_view input, std::size_t maxLineBytes)
{
    std::vector<Line> lines;
    std::size_t start = 0;
    while (start < input.size()) {
        std::size_t end = input.find('\n', start);
        const bool terminated = end != std::string_view::npos;
        if (!terminated)
            end = input.size();
        std::string_view line = input.substr(start, end - start);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.size() > maxLineBytes)
            lines.push_back({std::string(line.substr(0, maxLineBytes)), true});
        else
            lines.push_back({std::string(line), false});
        start = end + 1;
    }
    return lines;
}

TEST(LineSplitter, CompleteLinesWithoutTheirNewline)
{
    EXPECT_EQ(split("a\nbc\n\nlast\n", 100), (std::vector<Line>{{"a"}, {"bc"}, {""}, {"last"}}));
    EXPECT_EQ(split("", 100), std::vector<Line>{});
    EXPECT_EQ(split("\n", 100), std::vector<Line>{{""}});
}

TEST(LineSplitter, CarriageReturnsBeforeTheNewlineAreDropped)
{
    EXPECT_EQ(split("a\r\nb\r\n\r\n", 100), (std::vector<Line>{{"a"}, {"b"}, {""}}));
    // Only one, and only right before the newline: progress bars redraw with a lone "\r".
    EXPECT_EQ(split("10%\r20%\r\r\n", 100), (std::vector<Line>{{"10%\r20%\r"}}));
    EXPECT_EQ(split("a\r\nb\r\n", 100, {1}), (std::vector<Line>{{"a"}, {"b"}}));
}

TEST(LineSplitter, FinishDeliversTheLastUnterminatedLine)
{
    std::vector<Line> lines;
    const auto collect = [&](std::string_view text, bool truncated) { lines.push_back({std::string(text), truncated}); };
    LineSplitter splitter(100);
    splitter.feed("one\ntw", collect);
    EXPECT_EQ(lines, std::vector<Line>{{"one"}});
    EXPECT_EQ(splitter.heldBytes(), 2u);
    splitter.feed("o", collect);
    splitter.finish(collect);
    EXPECT_EQ(lines, (std::vector<Line>{{"one"}, {"two"}}));
    EXPECT_EQ(splitter.heldBytes(), 0u);
    // Nothing held: nothing more; and the splitter starts afresh.
    splitter.finish(collect);
    splitter.feed("three\r", collect);
    splitter.finish(collect);
    EXPECT_EQ(lines, (std::vector<Line>{{"one"}, {"two"}, {"three"}}));
}

TEST(LineSplitter, LinesAtTheLimit)
{
    EXPECT_EQ(split("abcd\n", 4), std::vector<Line>{{"abcd"}});
    EXPECT_EQ(split("abcd\r\n", 4), std::vector<Line>{{"abcd"}});
    EXPECT_EQ(split("abcde\n", 4), (std::vector<Line>{{"abcd", true}}));
    EXPECT_EQ(split("abcd\rx\n", 4), (std::vector<Line>{{"abcd", true}}));
    EXPECT_EQ(split("abcd\r\r\n", 4), (std::vector<Line>{{"abcd", true}}));
    EXPECT_EQ(split("abcd\r", 4), std::vector<Line>{{"abcd"}});
    EXPECT_EQ(split("abcdefgh\nxy\n", 4), (std::vector<Line>{{"abcd", true}, {"xy"}}));
    for (const std::size_t chunk : {1, 2, 3, 5}) {
        EXPECT_EQ(split("abcd\r\nabcd\rx\nabcdefgh\nxy\nab\r", 4, {chunk}),
                  (std::vector<Line>{{"abcd"}, {"abcd", true}, {"abcd", true}, {"xy"}, {"ab"}}))
            << "chunks of " << chunk;
    }
}

TEST(LineSplitter, ChunkBoundariesDoNotMatter)
{
    // Text made of the bytes that matter: newlines, carriage returns, and runs long enough to cross
    // every limit tried.
    Xoshiro256 rng(20261120);
    std::string input;
    for (int i = 0; i < 20000; ++i) {
        const std::uint64_t r = rng.below(100);
        if (r < 10)
            input += '\n';
        else if (r < 18)
            input += '\r';
        else if (r < 20)
            input += std::string(rng.below(40), 'L');
        else
            input += static_cast<char>('a' + rng.below(26));
    }
    for (const std::size_t maxLineBytes : {1, 2, 3, 7, 16, 64, 100000}) {
        const std::vector<Line> expected = expectedLines(input, maxLineBytes);
        EXPECT_EQ(split(input, maxLineBytes), expected) << "all at once, limit " << maxLineBytes;
        EXPECT_EQ(split(input, maxLineBytes, {1}), expected) << "byte by byte, limit " << maxLineBytes;
        EXPECT_EQ(split(input, maxLineBytes, {3, 1, 7, 2, 64, 5, 1, 1, 13}), expected)
            << "uneven chunks, limit " << maxLineBytes;
    }
}

TEST(LineSplitter, AHugeLineIsDeliveredOnceTruncatedInBoundedMemory)
{
    constexpr std::size_t kMax = std::size_t(1) << 20;
    constexpr std::size_t kChunk = 64 * 1024;
    constexpr std::size_t kTotal = std::size_t(50) << 20;
    std::string chunk(kChunk, 'x');
    for (std::size_t i = 0; i < kChunk; ++i)
        chunk[i] = static_cast<char>('a' + (i * 7 + i / 26) % 26);

    std::vector<Line> lines;
    const auto collect = [&](std::string_view text, bool truncated) { lines.push_back({std::string(text), truncated}); };
    LineSplitter splitter(kMax);
    splitter.feed("before\n", collect);
    for (std::size_t fed = 0; fed < kTotal; fed += kChunk) {
        splitter.feed(chunk, collect);
        ASSERT_LE(splitter.heldBytes(), kMax);
        ASSERT_LE(splitter.bufferCapacity(), kMax);
    }
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], Line{"before"});
    EXPECT_TRUE(lines[1].truncated);
    ASSERT_EQ(lines[1].text.size(), kMax);
    for (std::size_t offset = 0; offset < kMax; offset += kChunk)
        ASSERT_EQ(lines[1].text.compare(offset, kChunk, chunk), 0) << "at byte " << offset;
    // Nothing of the rest was kept; the next line comes through whole.
    EXPECT_EQ(splitter.heldBytes(), 0u);
    splitter.feed(chunk.substr(0, 10) + "\nafter\n", collect);
    splitter.finish(collect);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[2], Line{"after"});
}

TEST(LineSplitter, HugeLineInOneChunkIsNotCopied)
{
    const std::string input = std::string(10000, 'z') + "\nok\n";
    std::vector<Line> lines;
    LineSplitter splitter(100);
    splitter.feed(input, [&](std::string_view text, bool truncated) { lines.push_back({std::string(text), truncated}); });
    EXPECT_EQ(lines, (std::vector<Line>{{std::string(100, 'z'), true}, {"ok"}}));
    EXPECT_EQ(splitter.bufferCapacity(), 0u);
}

TEST(LineSplitter, AHandlerThatThrowsLeavesTheSplitterUsable)
{
    std::vector<std::string> lines;
    LineSplitter splitter(100);
    const auto failing = [&](std::string_view text, bool) {
        if (text == "bad")
            throw std::runtime_error("handler failed");
        lines.emplace_back(text);
    };
    splitter.feed("par", failing);
    EXPECT_THROW(splitter.feed("tial\nbad\ndropped\n", failing), std::runtime_error);
    splitter.feed("next\n", failing);
    EXPECT_EQ(lines, (std::vector<std::string>{"partial", "next"}));
}

TEST(LineSplitter, RefusesAZeroLimit)
{
    EXPECT_THROW(LineSplitter(0), std::invalid_argument);
}

TEST(LineSplitter, FeedsFromAPointerAndSize)
{
    const char data[] = "x\ny";
    std::vector<std::string> lines;
    LineSplitter splitter(10);
    const auto collect = [&](std::string_view text, bool) { lines.emplace_back(text); };
    splitter.feed(data, 3, collect);
    splitter.finish(collect);
    EXPECT_EQ(lines, (std::vector<std::string>{"x", "y"}));
}

} // namespace
} // namespace tendril
