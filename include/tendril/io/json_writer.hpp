// A streaming JSON writer: fast, no document tree, numbers in shortest round-trip form.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tendril {

class JsonWriter {
public:
    // indent 0 writes compact JSON; otherwise nested values go on their own lines. Output is appended
    // to out, so several writers may fill one buffer one after the other.
    explicit JsonWriter(std::string& out, int indent = 0);

    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    // Like beginObject/beginArray, but everything up to the matching end stays on one line even in
    // indented output ("[1, 2]"): small records and curve points would otherwise bloat a file.
    JsonWriter& beginInlineObject();
    JsonWriter& beginInlineArray();
    JsonWriter& key(std::string_view k);
    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
    JsonWriter& value(double d);  // non-finite as the strings "NaN", "Infinity", "-Infinity"
    JsonWriter& value(std::int64_t i);
    JsonWriter& value(int i) { return value(static_cast<std::int64_t>(i)); }
    JsonWriter& value(bool b);
    JsonWriter& null();
    // Inserts already-serialised JSON (an object kept as text in the model) as one value.
    JsonWriter& raw(std::string_view json);

private:
    void beforeValue();
    void newline();
    void open(char bracket, bool array, bool oneLine);
    void close(char bracket);
    std::string& out_;
    int indent_;
    struct Level { bool array; bool empty; bool oneLine; };
    std::vector<Level> stack_;
    bool afterKey_ = false;
};

// Appends s as a JSON string literal (quotes and escapes) to out. Bytes that are not valid UTF-8 are
// written as U+FFFD, so the output is always valid JSON that a strict reader accepts.
void appendJsonString(std::string& out, std::string_view s);

// Appends the shortest text that reads back to the same double; non-finite values as the JSON
// strings "NaN", "Infinity" and "-Infinity".
void appendJsonNumber(std::string& out, double d);

} // namespace tendril
