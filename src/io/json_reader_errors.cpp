// JsonReader's side that builds messages: JSON paths, line:column positions, descriptions of what was
// found. None of it runs unless something is refused or a caller asks for a path.
#include "tendril/io/json_reader.hpp"

#include "json_lexing.hpp"
#include "tendril/io/json_writer.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace tendril {

using json_detail::hexByte;
using json_detail::isTokenChar;

namespace {

bool isPlainKey(std::string_view k)
{
    if (k.empty())
        return false;
    for (const char c : k) {
        const auto u = static_cast<unsigned char>(c);
        if (!(std::isalnum(u) || c == '_' || c == '-' || u >= 0x80))
            return false;
    }
    return true;
}

// Messages are one line by contract, but they quote values from the file (a parameter value with
// a line break in it); control characters are shown as escapes instead.
std::string oneLine(std::string message)
{
    if (std::none_of(message.begin(), message.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
        return message;
    std::string out;
    for (const char c : message) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20)
            out += c;
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '\t')
            out += "\\t";
        else
            out += "\\u00" + hexByte(u).substr(2);
    }
    return out;
}

} // namespace

std::string JsonReader::path(std::size_t n) const
{
    std::string out;
    for (std::size_t i = 0; i < n && i < depth_; ++i) {
        const Frame& f = frames_[i];
        if (f.count == 0 || (!f.array && !f.hasKey))
            continue;
        if (f.array) {
            out += '[';
            out += std::to_string(f.count - 1);
            out += ']';
            continue;
        }
        appendJsonPathKey(out, f.keyOwned ? std::string_view(f.ownedKey) : f.key);
    }
    return out;
}

void appendJsonPathKey(std::string& path, std::string_view key)
{
    if (isPlainKey(key)) {
        if (!path.empty())
            path += '.';
        path += key;
    } else {
        path += '[';
        appendJsonString(path, key);
        path += ']';
    }
}

std::string JsonReader::describeNext()
{
    switch (peek()) {
    case Kind::Object: return "an object";
    case Kind::Array: return "an array";
    case Kind::Null: expectLiteral("null"); return "null";
    case Kind::Bool: return readBool() ? "true" : "false";
    case Kind::Number: {
        const NumberToken t = scanNumber();
        return std::string(t.begin, t.end);
    }
    case Kind::String: {
        const std::string_view s = parseString();
        constexpr std::size_t kShown = 60;
        std::string out;
        appendJsonString(out, s.size() > kShown ? s.substr(0, kShown) : s);
        if (s.size() > kShown)
            out.insert(out.size() - 1, "...");
        return out;
    }
    }
    return {};
}

void JsonReader::failAt(const char* where, const std::string& message) const
{
    where = std::clamp(where, begin_, end_);
    std::size_t line = 1;
    const char* lineStart = begin_;
    for (const char* q = begin_; q != where; ++q)
        if (*q == '\n') {
            ++line;
            lineStart = q + 1;
        }
    if (lineStart == begin_ && end_ - begin_ >= 3 && std::memcmp(begin_, "\xEF\xBB\xBF", 3) == 0 &&
        where >= begin_ + 3)
        lineStart += 3;
    // Columns count characters, not bytes, so they match what an editor shows.
    std::size_t column = 1;
    for (const char* q = lineStart; q < where; ++q)
        if ((static_cast<unsigned char>(*q) & 0xC0) != 0x80)
            ++column;
    throw FormatError(oneLine(name_ + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message));
}

void JsonReader::failHere(const std::string& message)
{
    skipWhitespace();
    failAt(p_, message);
}

void JsonReader::failAtPath(const std::string& path, const std::string& message) const
{
    throw FormatError(oneLine(name_ + ": " + (path.empty() ? std::string() : path + ": ") + message));
}

void JsonReader::failExpected(const std::string& what)
{
    const std::string here = path();
    failAtPath(here, "expected " + what + ", got " + describeNext());
}

std::string JsonReader::describeChar(const char* where) const
{
    const auto c = static_cast<unsigned char>(*where);
    if (c >= 0x80) {
        const std::size_t len = utf8::sequenceLength(reinterpret_cast<const unsigned char*>(where),
                                                     reinterpret_cast<const unsigned char*>(end_));
        return "'" + std::string(where, len) + "'";
    }
    if (c < 0x20 || c == 0x7F)
        return "byte " + hexByte(c);
    return "'" + std::string(1, static_cast<char>(c)) + "'";
}

void JsonReader::failUnexpected(const std::string& expected)
{
    skipWhitespace();
    if (p_ == end_)
        failEndOfInput();
    const auto c = static_cast<unsigned char>(*p_);
    if (c >= 0x80 && utf8::sequenceLength(reinterpret_cast<const unsigned char*>(p_),
                                          reinterpret_cast<const unsigned char*>(end_)) == 0)
        failInvalidUtf8(p_);
    failAt(p_, expected + ", got " + describeChar(p_));
}

void JsonReader::failEndOfInput() const
{
    if (depth_ == 0)
        failAt(end_, "unexpected end of file, expected a JSON value");
    const Frame& inner = frames_[depth_ - 1];
    const std::string where = path(depth_ - 1);
    const char* kind = inner.array ? "array" : "object";
    failAt(end_, "unexpected end of file inside " +
                     (where.empty() ? std::string("the top-level ") + kind : std::string(kind) + " (" + where + ")"));
}

void JsonReader::failInvalidUtf8(const char* where) const
{
    failAt(where, "invalid UTF-8 byte " + hexByte(static_cast<unsigned char>(*where)) +
                      " (the file must be UTF-8 encoded)");
}

void JsonReader::failInvalidLiteral(const char* where) const
{
    const char* q = where;
    while (q != end_ && q - where < 32 && isTokenChar(*q))
        ++q;
    if (q == where)
        ++q;
    failAt(where, "invalid literal '" + std::string(where, q) + "'");
}

} // namespace tendril
