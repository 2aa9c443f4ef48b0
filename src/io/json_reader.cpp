#include "tendril/io/json_reader.hpp"

#include "json_lexing.hpp"
#include "tendril/io/json_writer.hpp"
#include "utf8.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace tendril {

using json_detail::hexByte;
using json_detail::isDigit;
using json_detail::isTokenChar;

namespace {

// Deep enough for any real export; shallow enough that the recursive skip and copy cannot overflow
// the stack on hostile input.
constexpr std::size_t kMaxDepth = 512;

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

JsonReader::JsonReader(std::string_view text, std::string name)
    : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()), name_(std::move(name))
{
    if (text.size() >= 3 && std::memcmp(begin_, "\xEF\xBB\xBF", 3) == 0)
        p_ += 3;
    // Enough for the nesting of real files; kept small because a reader is built for every line a
    // trial prints, and a larger block would fall outside malloc's fast per-thread cache.
    frames_.reserve(8);
}

void JsonReader::skipWhitespace()
{
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t'))
        ++p_;
}

void JsonReader::skipToToken()
{
    skipWhitespace();
    if (p_ == end_)
        failEndOfInput();
}

bool JsonReader::isNumberStart(char c) const
{
    return isDigit(c) || c == '-' || c == 'N' || c == 'I';
}

JsonReader::Kind JsonReader::peek()
{
    skipToToken();
    switch (*p_) {
    case '{': return Kind::Object;
    case '[': return Kind::Array;
    case '"': return Kind::String;
    case 't':
    case 'f': return Kind::Bool;
    case 'n': return Kind::Null;
    default:
        if (isNumberStart(*p_))
            return Kind::Number;
        if (std::isalpha(static_cast<unsigned char>(*p_)))
            failInvalidLiteral(p_);
        failUnexpected("expected a JSON value");
    }
}

void JsonReader::expectEnd()
{
    skipWhitespace();
    if (p_ != end_)
        failUnexpected("expected the end of the file after the JSON document");
}

void JsonReader::pushFrame(bool array)
{
    if (depth_ >= kMaxDepth)
        failHere("values are nested more than " + std::to_string(kMaxDepth) + " levels deep");
    if (depth_ == frames_.size())
        frames_.emplace_back();
    Frame& f = frames_[depth_++];
    f.array = array;
    f.count = 0;
    f.keyOwned = false;
    f.hasKey = false;
    f.key = {};
}

void JsonReader::beginObject()
{
    if (peek() != Kind::Object)
        failExpected("an object");
    ++p_;
    pushFrame(false);
}

void JsonReader::beginArray()
{
    if (peek() != Kind::Array)
        failExpected("an array");
    ++p_;
    pushFrame(true);
}

bool JsonReader::nextKey()
{
    Frame& f = frames_[depth_ - 1];
    skipToToken();
    if (*p_ == '}') {
        ++p_;
        --depth_;
        return false;
    }
    if (f.count > 0) {
        if (*p_ != ',')
            failUnexpected("expected ',' or '}' after object member");
        ++p_;
        skipToToken();
        if (*p_ != '"')
            failUnexpected("expected a member name in double quotes after ','");
    } else if (*p_ != '"') {
        failUnexpected("expected a member name in double quotes or '}'");
    }
    f.hasKey = false;  // the path names no member while the name itself is being read
    const std::string_view k = parseString();
    if (k.data() >= begin_ && k.data() < end_) {
        f.key = k;
        f.keyOwned = false;
    } else {  // decoded into buffer_, which the member's value may overwrite
        f.ownedKey.assign(k);
        f.keyOwned = true;
    }
    f.hasKey = true;
    ++f.count;
    skipToToken();
    if (*p_ != ':')
        failUnexpected("expected ':' after member name");
    ++p_;
    return true;
}

std::string_view JsonReader::key() const
{
    const Frame& f = frames_[depth_ - 1];
    return f.keyOwned ? std::string_view(f.ownedKey) : f.key;
}

bool JsonReader::nextElement()
{
    Frame& f = frames_[depth_ - 1];
    skipToToken();
    if (*p_ == ']') {
        ++p_;
        --depth_;
        return false;
    }
    if (f.count > 0) {
        if (*p_ != ',')
            failUnexpected("expected ',' or ']' after array element");
        ++p_;
        skipWhitespace();
        if (p_ != end_ && *p_ == ']')
            failHere("expected a value after ',', got ']' (trailing commas are not JSON)");
    }
    ++f.count;
    return true;
}

std::string_view JsonReader::parseString()
{
    const char* start = ++p_;  // after the opening quote
    const char* q = start;
    // Fast path: most strings in these files are plain ASCII names without escapes.
    while (q != end_) {
        const auto c = static_cast<unsigned char>(*q);
        if (c == '"') {
            p_ = q + 1;
            return {start, static_cast<std::size_t>(q - start)};
        }
        if (c == '\\')
            break;
        if (c < 0x20) {
            p_ = q;
            failAt(q, "control character " + hexByte(c) + " inside a string; write it as an escape");
        }
        if (c >= 0x80) {
            const auto* u = reinterpret_cast<const unsigned char*>(q);
            const std::size_t len = utf8::sequenceLength(u, reinterpret_cast<const unsigned char*>(end_));
            if (len == 0)
                failInvalidUtf8(q);
            q += len;
            continue;
        }
        ++q;
    }
    if (q == end_) {
        p_ = q;
        failAt(end_, "unexpected end of file inside a string" +
                         (depth_ ? " (" + path() + ")" : std::string()));
    }
    // Slow path: decode escapes into buffer_.
    buffer_.assign(start, q);
    while (true) {
        if (q == end_)
            failAt(end_, "unexpected end of file inside a string" +
                             (depth_ ? " (" + path() + ")" : std::string()));
        const auto c = static_cast<unsigned char>(*q);
        if (c == '"') {
            p_ = q + 1;
            return buffer_;
        }
        if (c < 0x20)
            failAt(q, "control character " + hexByte(c) + " inside a string; write it as an escape");
        if (c >= 0x80) {
            const auto* u = reinterpret_cast<const unsigned char*>(q);
            const std::size_t len = utf8::sequenceLength(u, reinterpret_cast<const unsigned char*>(end_));
            if (len == 0)
                failInvalidUtf8(q);
            buffer_.append(q, len);
            q += len;
            continue;
        }
        if (c != '\\') {
            buffer_ += static_cast<char>(c);
            ++q;
            continue;
        }
        const char* escape = q++;
        if (q == end_)
            continue;  // reported as end of file above
        switch (*q++) {
        case '"': buffer_ += '"'; break;
        case '\\': buffer_ += '\\'; break;
        case '/': buffer_ += '/'; break;
        case 'b': buffer_ += '\b'; break;
        case 'f': buffer_ += '\f'; break;
        case 'n': buffer_ += '\n'; break;
        case 'r': buffer_ += '\r'; break;
        case 't': buffer_ += '\t'; break;
        case 'u': {
            const auto readHex4 = [&](const char* at) -> long {
                if (end_ - at < 4)
                    return -1;
                long v = 0;
                for (int i = 0; i < 4; ++i) {
                    const int d = hexDigit(at[i]);
                    if (d < 0)
                        return -1;
                    v = v * 16 + d;
                }
                return v;
            };
            long cp = readHex4(q);
            if (cp < 0)
                failAt(escape, "invalid \\u escape: expected four hex digits");
            q += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                const long low = (end_ - q >= 6 && q[0] == '\\' && q[1] == 'u') ? readHex4(q + 2) : -1;
                if (low < 0xDC00 || low > 0xDFFF)
                    failAt(escape, "invalid \\u escape: a high surrogate must be followed by a low one");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                q += 6;
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                failAt(escape, "invalid \\u escape: a low surrogate without a high one");
            }
            utf8::appendCodePoint(buffer_, static_cast<unsigned>(cp));
            break;
        }
        default: {
            const auto after = static_cast<unsigned char>(q[-1]);
            if (after < 0x20 || after >= 0x7F)
                failAt(escape, "invalid escape: '\\' followed by byte " + hexByte(after) + " in a string");
            failAt(escape, "invalid escape '\\" + std::string(1, q[-1]) + "' in a string");
        }
        }
    }
}

void JsonReader::checkTokenEnd(const char* tokenBegin)
{
    if (p_ != end_ && isTokenChar(*p_))
        failInvalidLiteral(tokenBegin);
}

void JsonReader::expectLiteral(std::string_view word)
{
    const char* start = p_;
    if (static_cast<std::size_t>(end_ - p_) < word.size() || std::memcmp(p_, word.data(), word.size()) != 0)
        failInvalidLiteral(start);
    p_ += word.size();
    checkTokenEnd(start);
}

JsonReader::NumberToken JsonReader::scanNumber()
{
    NumberToken t{p_, p_, true, false, 0.0};
    if (*p_ == 'N') {
        expectLiteral("NaN");
        t.special = true;
        t.specialValue = std::numeric_limits<double>::quiet_NaN();
    } else if (*p_ == 'I' || (*p_ == '-' && end_ - p_ > 1 && p_[1] == 'I')) {
        const bool negative = *p_ == '-';
        if (negative)
            ++p_;
        expectLiteral("Infinity");
        if (negative)
            checkTokenEnd(t.begin);
        t.special = true;
        t.specialValue = negative ? -std::numeric_limits<double>::infinity()
                                  : std::numeric_limits<double>::infinity();
    } else {
        const char* q = p_;
        if (*q == '-')
            ++q;
        if (q == end_ || !isDigit(*q))
            failInvalidLiteral(t.begin);
        if (*q == '0')
            ++q;
        else
            while (q != end_ && isDigit(*q))
                ++q;
        if (q != end_ && *q == '.') {
            t.integer = false;
            ++q;
            if (q == end_ || !isDigit(*q))
                failInvalidLiteral(t.begin);
            while (q != end_ && isDigit(*q))
                ++q;
        }
        if (q != end_ && (*q == 'e' || *q == 'E')) {
            t.integer = false;
            ++q;
            if (q != end_ && (*q == '+' || *q == '-'))
                ++q;
            if (q == end_ || !isDigit(*q))
                failInvalidLiteral(t.begin);
            while (q != end_ && isDigit(*q))
                ++q;
        }
        p_ = q;
        checkTokenEnd(t.begin);
    }
    t.end = p_;
    return t;
}

double JsonReader::toDouble(const NumberToken& t) const
{
    if (t.special)
        return t.specialValue;
    double d = 0.0;
    const auto res = std::from_chars(t.begin, t.end, d);
    if (res.ec == std::errc::result_out_of_range) {
        // from_chars leaves d untouched here; strtod gives the IEEE answer (an infinity or zero).
        const std::string text(t.begin, t.end);
        return std::strtod(text.c_str(), nullptr);
    }
    return d;
}

std::string_view JsonReader::readString()
{
    if (peek() != Kind::String)
        failExpected("a string");
    return parseString();
}

double JsonReader::readNumber()
{
    skipWhitespace();
    if (p_ != end_ && isNumberStart(*p_))
        return toDouble(scanNumber());
    if (p_ != end_ && *p_ == '"') {
        const char* start = p_;
        const std::string_view s = parseString();
        if (s == "NaN")
            return std::numeric_limits<double>::quiet_NaN();
        if (s == "Infinity")
            return std::numeric_limits<double>::infinity();
        if (s == "-Infinity")
            return -std::numeric_limits<double>::infinity();
        p_ = start;
    }
    failExpected("a number");
}

std::string_view JsonReader::readNumberText()
{
    skipWhitespace();
    if (p_ == end_ || !isNumberStart(*p_))
        failExpected("a number");
    const NumberToken t = scanNumber();
    return {t.begin, static_cast<std::size_t>(t.end - t.begin)};
}

std::optional<double> JsonReader::readOptionalNumber()
{
    if (skipNull())
        return std::nullopt;
    return readNumber();
}

std::int64_t JsonReader::readInteger()
{
    skipWhitespace();
    if (p_ == end_ || !isNumberStart(*p_))
        failExpected("a whole number");
    const char* start = p_;
    const NumberToken t = scanNumber();
    if (t.integer) {
        std::int64_t v = 0;
        const auto res = std::from_chars(t.begin, t.end, v);
        if (res.ec == std::errc())
            return v;
    } else if (!t.special) {
        const double d = toDouble(t);
        // 2^63 itself is out of range; every double below it in magnitude converts exactly.
        if (std::floor(d) == d && std::fabs(d) < 9.2233720368547758e18)
            return static_cast<std::int64_t>(d);
    }
    p_ = start;
    failExpected("a whole number");
}

bool JsonReader::readBool()
{
    if (peek() != Kind::Bool)
        failExpected("true or false");
    const bool v = *p_ == 't';
    expectLiteral(v ? "true" : "false");
    return v;
}

Value JsonReader::readScalar()
{
    switch (peek()) {
    case Kind::String: return Value(std::string(parseString()));
    case Kind::Bool: return Value(readBool());
    case Kind::Null: expectLiteral("null"); return Value();
    case Kind::Number: {
        const NumberToken t = scanNumber();
        if (t.integer) {
            std::int64_t v = 0;
            if (std::from_chars(t.begin, t.end, v).ec == std::errc())
                return Value(v);
        }
        return Value(toDouble(t));  // reals, and integers beyond 64 bits
    }
    default: failExpected("a number, boolean or string");
    }
}

bool JsonReader::skipNull()
{
    skipWhitespace();
    if (p_ == end_ || *p_ != 'n')
        return false;
    expectLiteral("null");
    return true;
}

void JsonReader::skipValue()
{
    switch (peek()) {
    case Kind::Object:
        beginObject();
        while (nextKey())
            skipValue();
        break;
    case Kind::Array:
        beginArray();
        while (nextElement())
            skipValue();
        break;
    case Kind::String: parseString(); break;
    case Kind::Number: scanNumber(); break;
    case Kind::Bool: expectLiteral(*p_ == 't' ? "true" : "false"); break;
    case Kind::Null: expectLiteral("null"); break;
    }
}

void JsonReader::copyValue(JsonWriter& w)
{
    switch (peek()) {
    case Kind::Object:
        beginObject();
        w.beginObject();
        while (nextKey()) {
            w.key(key());
            copyValue(w);
        }
        w.endObject();
        break;
    case Kind::Array:
        beginArray();
        w.beginArray();
        while (nextElement())
            copyValue(w);
        w.endArray();
        break;
    case Kind::String: w.value(parseString()); break;
    case Kind::Number: {
        const NumberToken t = scanNumber();
        if (t.special)
            w.value(t.specialValue);
        else
            w.raw(std::string_view(t.begin, static_cast<std::size_t>(t.end - t.begin)));
        break;
    }
    case Kind::Bool: w.value(readBool()); break;
    case Kind::Null:
        expectLiteral("null");
        w.null();
        break;
    }
}

std::string JsonReader::readCompactJson()
{
    std::string out;
    JsonWriter w(out, 0);
    copyValue(w);
    return out;
}

} // namespace tendril
