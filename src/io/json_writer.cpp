#include "tendril/io/json_writer.hpp"

#include "utf8.hpp"

#include <charconv>
#include <cmath>

namespace tendril {

JsonWriter::JsonWriter(std::string& out, int indent) : out_(out), indent_(indent < 0 ? 0 : indent)
{
    stack_.reserve(16);
}

void JsonWriter::newline()
{
    out_ += '\n';
    out_.append(stack_.size() * static_cast<std::size_t>(indent_), ' ');
}

// Writes the separator that precedes a value or key at the current level: a comma after an earlier
// sibling, then a line break in block layout or a space in one-line layout.
void JsonWriter::beforeValue()
{
    if (afterKey_) {
        afterKey_ = false;
        return;
    }
    if (stack_.empty())
        return;
    Level& level = stack_.back();
    if (!level.empty)
        out_ += ',';
    if (indent_ > 0) {
        if (!level.oneLine)
            newline();
        else if (!level.empty)
            out_ += ' ';
    }
    level.empty = false;
}

void JsonWriter::open(char bracket, bool array, bool oneLine)
{
    beforeValue();
    out_ += bracket;
    const bool parentOneLine = !stack_.empty() && stack_.back().oneLine;
    stack_.push_back(Level{array, true, oneLine || parentOneLine});
}

void JsonWriter::close(char bracket)
{
    const Level level = stack_.back();
    stack_.pop_back();
    if (indent_ > 0 && !level.empty && !level.oneLine)
        newline();
    out_ += bracket;
}

JsonWriter& JsonWriter::beginObject()
{
    open('{', false, false);
    return *this;
}

JsonWriter& JsonWriter::endObject()
{
    close('}');
    return *this;
}

JsonWriter& JsonWriter::beginArray()
{
    open('[', true, false);
    return *this;
}

JsonWriter& JsonWriter::endArray()
{
    close(']');
    return *this;
}

JsonWriter& JsonWriter::beginInlineObject()
{
    open('{', false, true);
    return *this;
}

JsonWriter& JsonWriter::beginInlineArray()
{
    open('[', true, true);
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view k)
{
    beforeValue();
    appendJsonString(out_, k);
    out_ += indent_ > 0 ? ": " : ":";
    afterKey_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s)
{
    beforeValue();
    appendJsonString(out_, s);
    return *this;
}

JsonWriter& JsonWriter::value(double d)
{
    beforeValue();
    appendJsonNumber(out_, d);
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t i)
{
    beforeValue();
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, i);
    out_.append(buf, res.ptr);
    return *this;
}

JsonWriter& JsonWriter::value(bool b)
{
    beforeValue();
    out_ += b ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null()
{
    beforeValue();
    out_ += "null";
    return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json)
{
    beforeValue();
    out_ += json;
    return *this;
}

void appendJsonNumber(std::string& out, double d)
{
    if (std::isnan(d)) {
        out += "\"NaN\"";
        return;
    }
    if (std::isinf(d)) {
        out += d > 0 ? "\"Infinity\"" : "\"-Infinity\"";
        return;
    }
    char buf[32];
    const auto res = std::to_chars(buf, buf + sizeof buf, d);
    out.append(buf, res.ptr);
}

void appendJsonString(std::string& out, std::string_view s)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    std::size_t run = 0;  // start of the bytes not yet copied
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
            if (const std::size_t len = utf8::sequenceLength(bytes + i, bytes + s.size())) {
                i += len;
                continue;
            }
        }
        out.append(s.data() + run, i - run);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c >= 0x80) {
                out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
            } else {
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 0xF];
            }
        }
        run = ++i;
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

} // namespace tendril
