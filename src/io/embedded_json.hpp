// JSON kept as text in the model (configs, artifacts, user_attrs, view states), written into a file.
#pragma once

#include "tendril/io/json_writer.hpp"

#include <string>
#include <string_view>

namespace tendril::io_detail {

// Writes json as one compact value of w after checking it: the text comes from any part of the
// program, and a malformed piece would make the whole file unreadable. Throws std::invalid_argument
// naming `what` ("artifacts of trial \"t3\"") when json is not one valid JSON value, or not an
// object when requireObject.
void writeEmbeddedJson(JsonWriter& w, std::string_view json, bool requireObject, const std::string& what);

} // namespace tendril::io_detail
