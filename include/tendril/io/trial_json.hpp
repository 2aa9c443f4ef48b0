// The tendril/1 shapes of single objects, shared by the file writer and `tendril-cli --json`.
#pragma once

#include "tendril/core/study.hpp"
#include "tendril/io/json_writer.hpp"

namespace tendril {

// Writes a trial object as tendril/1 has it; curves only when withCurves.
void writeTrialJson(JsonWriter& w, const Trial& t, bool withCurves);
// Writes a Param object as tendril/1 declares it, on one line.
void writeParamJson(JsonWriter& w, const Param& p);
// Writes a parameter value: numbers, booleans and strings as themselves.
void writeValueJson(JsonWriter& w, const Value& v);

} // namespace tendril
