// The open project: the project file, what its studies hold, which studies the user has chosen to
// show, and the selection hub every view is built on.
//
// Views never talk to each other; they read the session and its hub and follow their signals. The
// shown studies are loaded on a worker thread (its own read-only connection) into one TrialTable
// that the hub hands to the views; while the project is open the session watches the file, so
// trials and reports another process (the runner) adds reach the views without a reload.
#pragma once

#include "session/selection_hub.hpp"
#include "tendril/store/project.hpp"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <map>
#include <memory>
#include <vector>

namespace tendril::app {

class LatestJob;

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

    // The studies the user works with (shown in the views), in order; the first one is the
    // "current" study.
    const QStringList& selectedStudies() const { return selected_; }
    QString currentStudyName() const { return selected_.value(0); }
    // Unknown names are dropped; an unchanged selection emits nothing.
    void setSelectedStudies(const QStringList& names);

    // Re-reads the list of studies (after an import, or when another process wrote to the file)
    // and reloads the shown studies that may have changed.
    void reload();

    // The hub of this session's views; its table holds the shown studies once they are loaded.
    SelectionHub& hub() { return *hub_; }
    const SelectionHub& hub() const { return *hub_; }
    // True while the shown studies are being read. They arrive in two steps: first the trials
    // without their curves (what the overview, trade-offs and tables need, so they paint at once),
    // then again with the curves; loading() stays true until the curves are in.
    bool loading() const;
    // True while only the first step has arrived: the hub's table has the trials but no curves.
    bool curvesLoading() const;
    // Blocks until the shown studies are loaded (tests and screenshots). False after timeoutMs.
    bool waitUntilLoaded(int timeoutMs = 30000);

    // How often the file is checked for changes by other processes; 0 stops watching.
    void setWatchInterval(int ms);
    // Checks the file now: when another connection committed since the last check, reloads.
    void checkForChanges();

    // A view asks for the control panel's "Refine" of the current study, pre-filled from the hub's
    // brushes (the search-space overview's "Refine from brushes"); the control panel answers.
    void requestRefine() { emit refineRequested(); }

    // The project file itself, for operations that write; views only read through the session.
    Project& project() { return project_; }

signals:
    void studiesChanged();
    void selectionChanged(const QStringList& names);
    // The shown studies are loaded (or reloaded after a change) and in the hub's table.
    void shownStudiesLoaded();
    void loadingChanged(bool loading);
    // Reading the shown studies failed; the message names the file and study.
    void loadFailed(const QString& message);
    void refineRequested();

private:
    void loadShownStudies();
    void loadShownCurves();
    void updateLoading();

    Project project_;
    std::vector<StudySummary> summaries_;
    std::map<QString, std::shared_ptr<const Study>> loaded_;
    QStringList selected_;
    SelectionHub* hub_;
    LatestJob* loader_;       // the shown studies' trials, without curves unless cached
    LatestJob* curveLoader_;  // then the same studies with their curves
    bool loading_ = false;
    QTimer watch_;
    std::int64_t dataVersion_ = 0;
};

} // namespace tendril::app
