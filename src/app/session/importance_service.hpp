// fANOVA importance of the trials the views show, kept up to date in the background: one analysis
// per session that every importance view reads (the bars over the parallel coordinates, the
// importance matrix), so they always agree and the forest is fitted once.
//
// The analysis covers the shown studies' trials that pass every brush (the hub's visible rows),
// for one metric (the first shown study's objective unless the user picks another). When the
// table or a brush changes, the next analysis starts after a short pause (a dragged brush is not
// refitted at every pixel); a running one whose input went stale is cancelled and its result
// dropped. A change that leaves the fitted input as it was (the same trials with the same
// parameter and metric values, visible alike, as when the curves arrive after the trials) keeps
// the result, handed over to the new table, instead of fitting again. The fit leaves one core to
// the GUI thread. Nothing of it runs on the GUI thread but copying the visible flags and, when a
// new table comes, comparing it with the one fitted.
#pragma once

#include "session/trial_table.hpp"
#include "tendril/engine/importance.hpp"

#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <memory>
#include <optional>
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

    // The metric analysed; "" = the first shown study's objective. Every view that offers the
    // choice shows this one: metricChanged tells them when another view changed it.
    QString metric() const { return metric_; }
    void setMetric(const QString& metric);

    // How long the service waits after a change before it starts (tests set 0).
    void setDelay(int ms) { delay_.setInterval(ms); }
    // Forest size; the default is the engine's (64 trees).
    void setTrees(int trees) { trees_ = trees; schedule(); }

    // How many fits ran since the service was made (tests: a change that must not refit).
    int fitsStarted() const { return fitsStarted_; }
    // Threads a fit uses: one fewer than the cores, at least one, so the GUI thread keeps a core.
    static int fitThreads();

signals:
    void resultChanged();
    void busyChanged(bool busy);
    void metricChanged(const QString& metric);

private:
    // What a fit reads: when it is unchanged, so is the result.
    struct FitInput {
        std::shared_ptr<const TrialTable> table;
        std::vector<char> visible;
        QString metric;  // resolved: never "" when the table has an objective
        int trees = 0;
    };
    FitInput currentInput() const;
    bool sameAsFitted(const FitInput& input) const;
    // The result (and the running fit's, when it delivers) now describes this equal table.
    void handOver(const std::shared_ptr<const TrialTable>& table);
    void tableChanged();
    void updateBusy();
    void schedule();
    void start();

    ProjectSession& session_;
    LatestJob* job_;
    QTimer delay_;
    QString metric_;
    QString error_;
    int trees_ = 0;
    std::shared_ptr<const ImportanceResult> result_;
    std::optional<FitInput> fitted_;  // the input of the newest fit started (running or done)
    bool fitFailed_ = false;          // it ended in an error: the same input is tried again
    bool resultIsFitted_ = false;     // result_ is that fit's (not an older one shown meanwhile)
    int fitsStarted_ = 0;
    std::shared_ptr<std::atomic<bool>> cancelRunning_;
    bool busy_ = false;
};

// The study the engine analyses: the visible rows of every shown study as one study (parameters
// and metric values only, the metric taken from the table so curve-only metrics count), with the
// first shown study's objective and the union of the spaces. Exposed for tests.
Study importanceStudy(const TrialTable& table, const std::vector<char>& visible, const std::string& metric);

// Whether importanceStudy(a, visible, metric) and importanceStudy(b, visible, metric) would be
// the same study: the same rows (trial keys), and in every visible row the same state, parameter
// values and metric value, with the same objective and spaces. Curves and everything else a trial
// holds do not count. Exposed for tests.
bool sameImportanceInput(const TrialTable& a, const TrialTable& b, const std::vector<char>& visible,
                         const std::string& metric);

} // namespace tendril::app
