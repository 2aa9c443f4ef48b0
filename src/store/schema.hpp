// The project file's schema, its migrations, and opening a file safely.
#pragma once

#include "tendril/store/project.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;

namespace tendril::store {

// PRAGMA application_id of every Tendril project: "Tndr" in ASCII, so `file` and hex dumps show it.
inline constexpr std::int32_t kApplicationId = 0x546E6472;

// Opens the file at path in the given mode and returns a connection with the connection pragmas
// set and the schema at Project::kSchemaVersion. Refuses (StoreError) anything that is not a
// Tendril project it can use, and never writes to a file it refuses.
sqlite3* openProject(const std::string& path, OpenMode mode);

// The SQL of migration `index`, which takes a file from user_version index to index + 1; index
// must be below Project::kSchemaVersion. For tests that build a file as an older Tendril left it.
std::string_view migrationSql(std::size_t index);

} // namespace tendril::store
