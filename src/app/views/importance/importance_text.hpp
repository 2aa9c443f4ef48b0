// The words of the importance view: its status line, its empty states and the captions of the
// detail, in one place so the view and its tests read the same sentences.
#pragma once

#include "views/importance/importance_terms.hpp"

#include <QString>

namespace tendril::app::importance {

// The headline of every empty state, with the engine's reason under it when there is one.
QString emptyHeadline();
QString emptyText(const QString& reason);

// "412 trials analysed · 64 trees · updating…" (the engine's note joins when it has one).
QString statusText(const engine::ImportanceReport& report, bool updating);
// What the status line's tooltip adds: the method, the metric, and which trials and parameters
// were left out and why.
QString statusTooltip(const engine::ImportanceReport& report);

// The detail's title and the sentence under it.
QString detailTitle(const ImportanceTerm& term);
QString detailCaption(const ImportanceTerm& term, const QString& metric, const engine::ImportanceReport& report);

} // namespace tendril::app::importance
