// Character classes and small helpers shared by the two halves of JsonReader.
#pragma once

#include <string>

namespace tendril::json_detail {

inline bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Characters that may continue a number or literal: seeing one right after a token means the token
// was longer than its grammar allows ("012", "nulls", "1.5.2").
inline bool isTokenChar(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' ||
           c == '+' || c == '-';
}

inline std::string hexByte(unsigned char c)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    return std::string("0x") + kHex[c >> 4] + kHex[c & 0xF];
}

} // namespace tendril::json_detail
