#include "tendril/core/value.hpp"

#include <charconv>
#include <cmath>

namespace tendril {

double Value::toDouble() const
{
    switch (kind()) {
    case Kind::Bool: return asBool() ? 1.0 : 0.0;
    case Kind::Int: return static_cast<double>(asInt());
    case Kind::Real: return asReal();
    default: return std::nan("");
    }
}

std::string Value::toString() const
{
    switch (kind()) {
    case Kind::Null: return {};
    case Kind::Bool: return asBool() ? "true" : "false";
    case Kind::Int: return std::to_string(asInt());
    case Kind::Real: return formatDouble(asReal());
    case Kind::String: return asString();
    }
    return {};
}

bool operator==(const Value& a, const Value& b)
{
    if (a.isNumber() && b.isNumber()) {
        if (a.isInt() && b.isInt())
            return a.asInt() == b.asInt();
        // NaN equals NaN: values are compared as data ("the same value was reported"), not as
        // arithmetic.
        const double x = a.toDouble(), y = b.toDouble();
        return x == y || (std::isnan(x) && std::isnan(y));
    }
    return a.v_ == b.v_;
}

namespace {
int rank(const Value& v)
{
    switch (v.kind()) {
    case Value::Kind::Null: return 0;
    case Value::Kind::Bool: return 1;
    case Value::Kind::Int:
    case Value::Kind::Real: return 2;
    case Value::Kind::String: return 3;
    }
    return 4;
}
} // namespace

bool operator<(const Value& a, const Value& b)
{
    const int ra = rank(a), rb = rank(b);
    if (ra != rb)
        return ra < rb;
    switch (a.kind()) {
    case Value::Kind::Null: return false;
    case Value::Kind::Bool: return !a.asBool() && b.asBool();
    case Value::Kind::Int:
    case Value::Kind::Real:
        if (a.isInt() && b.isInt())
            return a.asInt() < b.asInt();
        return a.toDouble() < b.toDouble();
    case Value::Kind::String: return a.asString() < b.asString();
    }
    return false;
}

std::string formatDouble(double d)
{
    if (std::isnan(d))
        return "NaN";
    if (std::isinf(d))
        return d > 0 ? "Infinity" : "-Infinity";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, d);
    return std::string(buf, res.ptr);
}

} // namespace tendril
