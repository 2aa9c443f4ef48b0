#include "embedded_json.hpp"

#include "tendril/io/json_reader.hpp"

#include <stdexcept>

namespace tendril::io_detail {

void writeEmbeddedJson(JsonWriter& w, std::string_view json, bool requireObject, const std::string& what)
{
    std::string compact;
    try {
        JsonReader in(json, what);
        if (requireObject && in.peek() != JsonReader::Kind::Object)
            in.failExpected("a JSON object");
        compact = in.readCompactJson();
        in.expectEnd();
    } catch (const FormatError& e) {
        throw std::invalid_argument(std::string("cannot write ") + e.what());
    }
    w.raw(compact);
}

} // namespace tendril::io_detail
