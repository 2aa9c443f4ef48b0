// A hyperparameter value as users write it: a number, a boolean or a string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace tendril {

class Value {
public:
    enum class Kind { Null, Bool, Int, Real, String };

    Value() = default;
    Value(bool b) : v_(b) {}
    Value(int i) : v_(static_cast<std::int64_t>(i)) {}
    Value(std::int64_t i) : v_(i) {}
    Value(double d) : v_(d) {}
    Value(std::string s) : v_(std::move(s)) {}
    Value(const char* s) : v_(std::string(s)) {}

    Kind kind() const { return static_cast<Kind>(v_.index()); }
    bool isNull() const { return kind() == Kind::Null; }
    bool isBool() const { return kind() == Kind::Bool; }
    bool isInt() const { return kind() == Kind::Int; }
    bool isReal() const { return kind() == Kind::Real; }
    bool isNumber() const { return isInt() || isReal(); }
    bool isString() const { return kind() == Kind::String; }

    bool asBool() const { return std::get<bool>(v_); }
    std::int64_t asInt() const { return std::get<std::int64_t>(v_); }
    double asReal() const { return std::get<double>(v_); }
    const std::string& asString() const { return std::get<std::string>(v_); }

    // Numeric view: ints and reals as themselves, booleans as 0/1, anything else NaN.
    double toDouble() const;
    // Display text: shortest round-trip numbers, true/false, strings as they are, "" for null.
    std::string toString() const;

    // Numbers compare by value (3 == 3.0, NaN == NaN); other kinds must match exactly.
    friend bool operator==(const Value& a, const Value& b);
    friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }
    // A total order for sorting: null < bool < number < string.
    friend bool operator<(const Value& a, const Value& b);

private:
    std::variant<std::monostate, bool, std::int64_t, double, std::string> v_;
};

// Shortest text that reads back to the same double; "NaN", "Infinity", "-Infinity" for the rest.
std::string formatDouble(double d);

} // namespace tendril
