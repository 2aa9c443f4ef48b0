// The most recently opened project files, most recent first, kept in the user's settings.
#pragma once

#include <QStringList>

namespace tendril::app {

class RecentProjects {
public:
    static constexpr int kMaxEntries = 8;

    static QStringList list();
    // Puts the file first (absolute path), dropping older duplicates and the overflow.
    static void add(const QString& path);
    static void remove(const QString& path);
    static void clear();
};

} // namespace tendril::app
