// Lines out of a pipe. A chunk is scanned with memchr and lines that lie whole in it are handed on
// without a copy; only the tail of a line that the next chunk continues is kept, and never more than
// maxLineBytes of it, so a script printing a gigabyte without a newline costs no memory.
#include "tendril/io/trial_output.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace tendril {

namespace {

constexpr std::size_t kFirstCapacity = 256;

} // namespace

LineSplitter::LineSplitter(std::size_t maxLineBytes) : max_(maxLineBytes)
{
    if (max_ == 0)
        throw std::invalid_argument("LineSplitter: maxLineBytes must be at least 1");
}

void LineSplitter::feedLines(std::string_view bytes, const HandlerRef& onLine)
{
    const char* p = bytes.data();
    const char* const end = p + bytes.size();
    while (p != end) {
        const auto* newline = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        if (!newline) {
            takePartial(p, end, onLine);
            return;
        }
        takeLine(p, newline, onLine);
        p = newline + 1;
    }
}

void LineSplitter::finishLines(const HandlerRef& onLine)
{
    if (skippingRest_) {
        skippingRest_ = false;
        return;
    }
    if (carriageReturnAtLimit_) {
        carriageReturnAtLimit_ = false;
        deliverHeld(false, onLine);
        return;
    }
    if (size_ == 0)
        return;
    if (buffer_[size_ - 1] == '\r')
        --size_;
    deliverHeld(false, onLine);
}

void LineSplitter::takeLine(const char* begin, const char* end, const HandlerRef& onLine)
{
    if (skippingRest_) {
        skippingRest_ = false;
        return;
    }
    std::size_t n = static_cast<std::size_t>(end - begin);
    if (carriageReturnAtLimit_) {
        carriageReturnAtLimit_ = false;
        // The held "\r" ended the line only if the newline came right after it.
        deliverHeld(n != 0, onLine);
        return;
    }
    if (size_ == 0) {  // the whole line is in this chunk: no copy
        if (n > 0 && end[-1] == '\r')
            --n;
        onLine(std::string_view(begin, std::min(n, max_)), n > max_);
        return;
    }
    const std::size_t room = max_ - size_;
    if (n <= room) {
        append(begin, n);
        if (buffer_[size_ - 1] == '\r')
            --size_;
        deliverHeld(false, onLine);
        return;
    }
    append(begin, room);
    const bool onlyCarriageReturnBeyond = n == room + 1 && begin[room] == '\r';
    deliverHeld(!onlyCarriageReturnBeyond, onLine);
}

void LineSplitter::takePartial(const char* begin, const char* end, const HandlerRef& onLine)
{
    if (skippingRest_)
        return;
    const std::size_t n = static_cast<std::size_t>(end - begin);
    if (carriageReturnAtLimit_) {  // bytes after the "\r": the line is too long after all
        carriageReturnAtLimit_ = false;
        skippingRest_ = true;
        deliverHeld(true, onLine);
        return;
    }
    const std::size_t room = max_ - size_;
    if (n <= room) {
        append(begin, n);
        return;
    }
    if (n == room + 1 && begin[room] == '\r') {
        append(begin, room);
        carriageReturnAtLimit_ = true;
        return;
    }
    skippingRest_ = true;
    if (size_ == 0) {
        onLine(std::string_view(begin, max_), true);
        return;
    }
    append(begin, room);
    deliverHeld(true, onLine);
}

void LineSplitter::append(const char* begin, std::size_t n)
{
    const std::size_t needed = size_ + n;
    if (needed > capacity_) {
        const std::size_t grown = std::min(max_, std::max(capacity_ * 2, kFirstCapacity));
        const std::size_t capacity = std::max(needed, grown);
        std::unique_ptr<char[]> bigger(new char[capacity]);
        if (size_ > 0)
            std::memcpy(bigger.get(), buffer_.get(), size_);
        buffer_ = std::move(bigger);
        capacity_ = capacity;
    }
    if (n > 0)
        std::memcpy(buffer_.get() + size_, begin, n);
    size_ = needed;
}

void LineSplitter::deliverHeld(bool truncated, const HandlerRef& onLine)
{
    const std::size_t n = size_;
    size_ = 0;  // first, so that a handler that throws leaves the splitter at the start of a line
    onLine(std::string_view(buffer_.get(), n), truncated);
}

} // namespace tendril
