// Widget-free pieces of the "Selected experiments" table: which trials to suggest when nothing is
// selected, the order of a sorted column, and CSV cells.
#pragma once

#include "session/trial_table.hpp"

#include <QString>

#include <vector>

namespace tendril::app::selected {

// The best complete trials by the objective, best first (ties keep table order), among the rows
// with visible[row] set (empty: all rows). Trials without a finite objective value are never
// suggested; fewer than count come back when fewer qualify.
std::vector<TrialKey> suggestedTrials(const TrialTable& table, const std::vector<char>& visible, std::size_t count);

// The order of two cells of a sorted column: -1, 0 or 1 as a sorts before, with, or after b.
// Missing values (NaN) go last whichever way the column is sorted, so the answers stay on top.
int compareCells(double a, double b, bool ascending);

// One CSV cell as RFC 4180 wants it: quoted when it holds a comma, a quote or a line break, with
// quotes doubled.
QString csvCell(const QString& text);

} // namespace tendril::app::selected
