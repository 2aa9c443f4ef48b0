// UTF-8 validation shared by the JSON reader (which refuses bad bytes) and writer (which replaces them).
#pragma once

#include <cstddef>

namespace tendril::utf8 {

// Length of the valid UTF-8 sequence that starts at p (a byte >= 0x80) and ends before end, or 0
// when it is not valid UTF-8: overlong forms, surrogates and code points above U+10FFFF are refused.
inline std::size_t sequenceLength(const unsigned char* p, const unsigned char* end)
{
    const unsigned char c = *p;
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (static_cast<std::size_t>(end - p) < len || p[1] < lo || p[1] > hi)
        return 0;
    for (std::size_t k = 2; k < len; ++k)
        if (p[k] < 0x80 || p[k] > 0xBF)
            return 0;
    return len;
}

// Appends the UTF-8 encoding of a code point (at most U+10FFFF, not a surrogate).
template <class String>
void appendCodePoint(String& out, unsigned cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

} // namespace tendril::utf8
