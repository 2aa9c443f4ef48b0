// How a Value is stored: a kind column and an untyped value column.
//
// The value column has no declared type, so SQLite keeps the storage class it is given (INTEGER,
// REAL, TEXT). The kind column adds what the storage class cannot say: that an INTEGER 0/1 is a
// boolean, and that a NULL is a NaN real rather than a null value.
#pragma once

#include "sqlite_util.hpp"

#include "tendril/core/value.hpp"

#include <string_view>

namespace tendril::store {

inline std::string_view kindName(Value::Kind kind)
{
    switch (kind) {
    case Value::Kind::Null: return "null";
    case Value::Kind::Bool: return "bool";
    case Value::Kind::Int: return "int";
    case Value::Kind::Real: return "real";
    case Value::Kind::String: return "string";
    }
    return "null";
}

// Binds the kind at kindIndex and the value at kindIndex + 1.
inline void bindValue(Statement& s, int kindIndex, const Value& v)
{
    s.bindText(kindIndex, kindName(v.kind()));
    switch (v.kind()) {
    case Value::Kind::Null: s.bindNull(kindIndex + 1); break;
    case Value::Kind::Bool: s.bindInt(kindIndex + 1, v.asBool() ? 1 : 0); break;
    case Value::Kind::Int: s.bindInt(kindIndex + 1, v.asInt()); break;
    case Value::Kind::Real: s.bindReal(kindIndex + 1, v.asReal()); break;
    case Value::Kind::String: s.bindText(kindIndex + 1, v.asString()); break;
    }
}

// Reads the kind at kindCol and the value at kindCol + 1; the CHECK constraint on the kind column
// guarantees one of the five names, whose first letters differ.
inline Value valueAt(const Statement& s, int kindCol)
{
    const std::string_view kind = s.textView(kindCol);
    switch (kind.empty() ? 'n' : kind.front()) {
    case 'b': return Value(s.intAt(kindCol + 1) != 0);
    case 'i': return Value(s.intAt(kindCol + 1));
    case 'r': return Value(s.realOrNaN(kindCol + 1));
    case 's': return Value(s.textAt(kindCol + 1));
    default: return Value();
    }
}

} // namespace tendril::store
