// The demo project: the bundled digits studies (resources/demo) as a project file of its own, with
// the training script they ran written beside it so they can be refined and resumed.
#pragma once

#include <QString>

namespace tendril::app {

// Where --demo and "Open demo" keep it: demo.tendril in the application's data folder.
QString defaultDemoProjectPath();

// Creates the project at path from the bundled demo.json unless a file is already there. The file
// is built under a temporary name and renamed at the end, so an interrupted run never leaves a
// half-filled demo behind. Throws FormatError, StoreError or std::runtime_error (one line).
void ensureDemoProject(const QString& path);

} // namespace tendril::app
