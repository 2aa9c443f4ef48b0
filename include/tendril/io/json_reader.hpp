// A pull parser for JSON as hyperparameter tools write it: strict RFC 8259 syntax and UTF-8, plus the
// bare tokens NaN, Infinity and -Infinity that Python's json module emits. It reads straight from a
// text buffer without building a tree, keeps the JSON path of the value being read, and reports every
// refusal as a FormatError naming the file with a line:column or a JSON path. After a refusal the
// reader's position is unspecified.
#pragma once

#include "tendril/core/value.hpp"
#include "tendril/io/format_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tendril {

class JsonWriter;

class JsonReader {
public:
    enum class Kind { Object, Array, String, Number, Bool, Null };

    // text must outlive the reader; name (a file name) starts every error message. A leading UTF-8
    // byte order mark is skipped.
    JsonReader(std::string_view text, std::string name);
    JsonReader(const char* text, std::string name) : JsonReader(std::string_view(text), std::move(name)) {}
    JsonReader(std::string&& text, std::string name) = delete;  // would read a destroyed temporary

    const std::string& name() const { return name_; }

    // The kind of the next value, after whitespace. Refuses the end of the input and anything that
    // cannot start a value. Bare NaN and (-)Infinity are numbers.
    Kind peek();
    // Refuses anything but whitespace after the document.
    void expectEnd();

    // Containers. Call nextKey()/nextElement() before each member/element and consume its value
    // (read or skip) before the next call; false means the container has ended and was consumed.
    void beginObject();
    bool nextKey();
    std::string_view key() const;  // the current member's name
    void beginArray();
    bool nextElement();
    std::size_t depth() const { return depth_; }  // open containers

    // Scalars. Each refuses a value of another kind with "expected ..., got ..." at the JSON path.
    std::string_view readString();  // valid until the next read
    // A number, also given as the string "NaN", "Infinity" or "-Infinity".
    double readNumber();
    // A number token exactly as written, bare NaN and (-)Infinity included, no strings: for callers
    // that must tell 1e999 (which reads as an infinity) from Infinity, or keep every digit.
    std::string_view readNumberText();
    // Like readNumber, but null reads as nullopt.
    std::optional<double> readOptionalNumber();
    // A whole number: an integer token, or a real one without a fraction (3.0).
    std::int64_t readInteger();
    bool readBool();
    // A number (integer tokens as Int, others as Real), boolean or string; null as a null Value.
    Value readScalar();
    // Consumes a null and returns true, or leaves any other value in place and returns false.
    bool skipNull();
    void skipValue();
    // Copies the next value into w: compact, keys in document order, numbers as written except that
    // non-finite ones become the strings "NaN", "Infinity", "-Infinity".
    void copyValue(JsonWriter& w);
    std::string readCompactJson();

    // JSON path of the value about to be read ("studies[0].trials[17].state"); with n, of the n
    // outermost containers only.
    std::string path() const { return path(depth_); }
    std::string path(std::size_t n) const;
    // What the next value is, for "got ..." in messages: 42, true, "abc", an object, an array.
    // Consumes a scalar, not a container; meant for the moment before a refusal.
    std::string describeNext();

    // Error helpers: "<name>:<line>:<col>: message" at the next token, and "<name>: <path>: message".
    [[noreturn]] void failHere(const std::string& message);
    [[noreturn]] void failAtPath(const std::string& message) const { failAtPath(path(), message); }
    [[noreturn]] void failAtPath(const std::string& path, const std::string& message) const;
    // "expected <what>, got <describeNext()>" at the current path.
    [[noreturn]] void failExpected(const std::string& what);

private:
    struct Frame {
        bool array = false;
        std::size_t count = 0;  // members or elements begun so far
        std::string_view key;   // object frames: current member name (into the text or ownedKey)
        std::string ownedKey;   // a member name that had escapes
        bool keyOwned = false;
        bool hasKey = false;    // false while a member name is being read
    };
    struct NumberToken {
        const char* begin;
        const char* end;
        bool integer;
        bool special;  // NaN or an infinity, value in specialValue
        double specialValue;
    };

    void skipWhitespace();
    void skipToToken();  // skips white space; the end of the input there is an error
    void pushFrame(bool array);
    std::string_view parseString();  // at '"'
    NumberToken scanNumber();        // at the first character of a number
    double toDouble(const NumberToken& t) const;
    void expectLiteral(std::string_view word);
    void checkTokenEnd(const char* tokenBegin);
    bool isNumberStart(char c) const;

    [[noreturn]] void failAt(const char* where, const std::string& message) const;
    [[noreturn]] void failUnexpected(const std::string& expected);
    [[noreturn]] void failEndOfInput() const;
    [[noreturn]] void failInvalidUtf8(const char* where) const;
    [[noreturn]] void failInvalidLiteral(const char* where) const;
    std::string describeChar(const char* where) const;

    const char* begin_;
    const char* p_;
    const char* end_;
    std::string name_;
    std::vector<Frame> frames_;  // grows only: frames are reused so their key storage stays allocated
    std::size_t depth_ = 0;
    std::string buffer_;  // decoded text of a string that had escapes
};

// Appends one member step to a JSON path as JsonReader::path() writes it: ".name", or ["odd name"]
// when the name is not a plain word.
void appendJsonPathKey(std::string& path, std::string_view key);

} // namespace tendril
