// The one place that decides how trial states look, so every view speaks the same colour language.
#pragma once

#include "tendril/core/types.hpp"

#include <QColor>
#include <QIcon>
#include <QString>

namespace tendril::app {

QColor stateColor(TrialState state);
// "Complete", "Pruned", ...: the state as a word in a sentence or a cell.
QString stateLabel(TrialState state);
// A small filled dot in the state's colour, sized for a table cell's decoration.
QIcon stateDot(TrialState state);
// The same dot in any colour (a study's, say); callers cache it.
QIcon colorDot(const QColor& color);

} // namespace tendril::app
