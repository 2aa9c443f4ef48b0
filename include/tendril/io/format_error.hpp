// The exception every reader throws for input it refuses.
#pragma once

#include <stdexcept>

namespace tendril {

// A refused input. what() is one line naming the file, the line and column or JSON path, and what
// was expected: `runs.json: studies[0].trials[17].state: expected one of ..., got "done"`.
class FormatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace tendril
