// Helpers shared by the study and trial halves of the tendril/1 reader.
#include "native_reader_parts.hpp"

#include "tendril/io/json_writer.hpp"

namespace tendril::native_detail {

std::string quoted(std::string_view s)
{
    std::string out;
    appendJsonString(out, s);
    return out;
}

void SeenFields::mark(JsonReader& in, int bit)
{
    const std::uint64_t mask = std::uint64_t(1) << bit;
    if (bits_ & mask)
        in.failAtPath("the field is given twice");
    bits_ |= mask;
}

void failMissing(const JsonReader& in, std::string_view field)
{
    in.failAtPath("missing required field " + quoted(field));
}

void UserAttrs::put(std::string_view key, std::string json, bool fromExplicit)
{
    for (Member& m : members_) {
        if (m.key != key)
            continue;
        if (fromExplicit || !m.fromExplicit) {
            m.json = std::move(json);
            m.fromExplicit = fromExplicit;
        }
        return;
    }
    members_.push_back(Member{std::string(key), std::move(json), fromExplicit});
}

void UserAttrs::addUnknownField(JsonReader& in)
{
    const std::string key(in.key());
    put(key, in.readCompactJson(), false);
}

void UserAttrs::readExplicitObject(JsonReader& in)
{
    if (in.skipNull())
        return;
    in.beginObject();
    explicitGiven_ = true;
    while (in.nextKey()) {
        const std::string key(in.key());
        put(key, in.readCompactJson(), true);
    }
}

std::string UserAttrs::toJson() const
{
    if (members_.empty() && !explicitGiven_)
        return {};
    std::string out;
    JsonWriter w(out, 0);
    w.beginObject();
    for (const Member& m : members_)
        w.key(m.key).raw(m.json);
    w.endObject();
    return out;
}

std::string readOptionalString(JsonReader& in)
{
    if (in.skipNull())
        return {};
    return std::string(in.readString());
}

std::optional<std::int64_t> readOptionalInteger(JsonReader& in)
{
    if (in.skipNull())
        return std::nullopt;
    return in.readInteger();
}

std::string readTrialRef(JsonReader& in)
{
    const JsonReader::Kind kind = in.peek();
    if (kind == JsonReader::Kind::String)
        return std::string(in.readString());
    if (kind == JsonReader::Kind::Number) {
        // Other tools number their trials; the number's decimal text becomes the id.
        const Value v = in.readScalar();
        if (v.isInt())
            return std::to_string(v.asInt());
        in.failAtPath("expected a string or an integer, got " + v.toString());
    }
    in.failExpected("a string or an integer");
}

} // namespace tendril::native_detail
