// The open project: the project file, what its studies hold, and which studies the user has chosen.
//
// Views never talk to each other; they read the session and follow its signals. Later releases add
// the selection hub (filters, selected and hovered trials) here.
#pragma once

#include "tendril/store/project.hpp"

#include <QObject>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <vector>

namespace tendril::app {

class ProjectSession : public QObject {
    Q_OBJECT

public:
    // Opens the project file. Throws StoreError (one line naming the file) when it cannot.
    ProjectSession(const QString& path, OpenMode mode, QObject* parent = nullptr);
    ~ProjectSession() override;

    QString path() const;
    // The file name without its extension: what the window title shows.
    QString displayName() const;

    const std::vector<StudySummary>& summaries() const { return summaries_; }
    const StudySummary* summary(const QString& name) const;
    bool hasStudy(const QString& name) const { return summary(name) != nullptr; }
    QStringList studyNames() const;
    qint64 trialCount() const;

    // The study with all its trials, loaded on first use and kept while it is unchanged. Returns
    // nullptr and sets *error (one line) when it cannot be read.
    std::shared_ptr<const Study> study(const QString& name, QString* error = nullptr);

    // The studies the user works with, in order; the first one is the "current" study.
    const QStringList& selectedStudies() const { return selected_; }
    QString currentStudyName() const { return selected_.value(0); }
    // Unknown names are dropped; an unchanged selection emits nothing.
    void setSelectedStudies(const QStringList& names);

    // Re-reads the list of studies (after an import, or when another process wrote to the file).
    void reload();

    // The project file itself, for operations that write; views only read through the session.
    Project& project() { return project_; }

signals:
    void studiesChanged();
    void selectionChanged(const QStringList& names);

private:
    Project project_;
    std::vector<StudySummary> summaries_;
    std::map<QString, std::shared_ptr<const Study>> loaded_;
    QStringList selected_;
};

} // namespace tendril::app
