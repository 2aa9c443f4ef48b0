// Records of a StudyRecorder, built tersely, and the study the recorder tests record into.
#pragma once

#include "tendril/store/study_recorder.hpp"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tendril::testing {

// A study as a runner creates it before launching anything: a space (lr float, layers int), the
// objective val_loss (minimize), a declared metric val_acc, the command, and no trials.
Study runnerStudy(const std::string& name);

// A new trial: id, number, params and start time; everything else empty.
TrialStartRecord newTrial(const std::string& id, std::int64_t number,
                          std::vector<std::pair<std::string, Value>> params, const std::string& started);

// A continuation of a trial with what changes for the next run; nullopt / "" leave a field as is.
TrialStartRecord continuationOf(const std::string& id, std::optional<std::int64_t> rung, std::optional<double> budget,
                                const std::string& started);

CurvePointRecord point(const std::string& trial, const std::string& metric, double step, double value,
                       double seconds = std::nan(""));

TrialLogRecord logLine(const std::string& trial, LogStream stream, const std::string& text, bool malformed = false);

TrialEndRecord endOf(const std::string& trial, TrialState state, std::vector<std::pair<std::string, double>> metrics,
                     const std::string& finished, const std::string& error = "", const std::string& artifacts = "");

// What write() threw, or "(written without error)".
std::string writeError(StudyRecorder& recorder, const RecordBatch& batch);

// The seq column of a curve's points in key order, "0,1,2": shows that appends continue the
// sequence without gaps or restarts.
std::string pointSeqs(const std::string& projectPath, const std::string& trial, const std::string& metric);

} // namespace tendril::testing
