// fANOVA importance of the trials the views show, kept up to date in the background: one analysis
// per session that every importance view reads (the bars over the parallel coordinates, the
// importance matrix), so they always agree and the forest is fitted once.
//
// The analysis covers the shown studies' trials that pass every brush (the hub's visible rows),
// for one metric (the first shown study's objective unless the user picks another). When the
// table or a brush changes, the next analysis starts after a short pause (a dragged brush is not
// refitted at every pixel); a running one whose input went stale is cancelled and its result
// dropped. Nothing of it runs on the GUI thread but copying the visible flags.
#pragma once

#include "session/trial_table.hpp"
#include "tendril/engine/importance.hpp"

#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <memory>
#include <vector>

namespace tendril::app {

class LatestJob;
class ProjectSession;

struct ImportanceResult {
    std::shared_ptr<const TrialTable> table;  // the table the analysis read
    std::vector<char> visible;                // the rows it covered (one flag per table row)
    QString metric;
    engine::ImportanceReport report;          // singles and pairs, and the fitted model
};

class ImportanceService : public QObject {
    Q_OBJECT

public:
    // The session's service, created on first use as a child of the session.
    static ImportanceService& of(ProjectSession& session);
    explicit ImportanceService(ProjectSession& session);
    ~ImportanceService() override;

    // The newest finished analysis; null until one finished for the current table.
    std::shared_ptr<const ImportanceResult> result() const { return result_; }
    // True while an analysis is pending or running.
    bool busy() const;
    // Why there is no result, when there is none and nothing runs ("" otherwise): the analysis's
    // one-line error.
    QString error() const { return error_; }

    // The metric analysed; "" = the first shown study's objective.
    QString metric() const { return metric_; }
    void setMetric(const QString& metric);

    // How long the service waits after a change before it starts (tests set 0).
    void setDelay(int ms) { delay_.setInterval(ms); }
    // Forest size; the default is the engine's (64 trees).
    void setTrees(int trees) { trees_ = trees; schedule(); }

signals:
    void resultChanged();
    void busyChanged(bool busy);

private:
    void schedule();
    void start();

    ProjectSession& session_;
    LatestJob* job_;
    QTimer delay_;
    QString metric_;
    QString error_;
    int trees_ = 0;
    std::shared_ptr<const ImportanceResult> result_;
    std::shared_ptr<std::atomic<bool>> cancelRunning_;
    bool busy_ = false;
};

// The study the engine analyses: the visible rows of every shown study as one study (parameters
// and metric values only, the metric taken from the table so curve-only metrics count), with the
// first shown study's objective and the union of the spaces. Exposed for tests.
Study importanceStudy(const TrialTable& table, const std::vector<char>& visible, const std::string& metric);

} // namespace tendril::app
