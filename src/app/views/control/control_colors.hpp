// The control panel's colours beyond the plot colours: muted text, the red of a problem and the
// grey of what does not apply, derived from a palette so the light and the dark theme both get
// readable ones.
#pragma once

#include <QColor>

class QPalette;

namespace tendril::app {

struct ControlColors {
    bool dark = false;       // the canvas is dark: coloured text goes lighter, not deeper
    QColor muted;            // secondary text: hints, a study's second line, counts
    QColor notApplicable;    // a cell that does not apply to its row
    QColor barTrack;         // behind a study's bar of trial states
    QColor issueText;        // a validation message
    QColor issueBorder;      // around the field a message is about
    QColor issueField;       // the background of that field
    QColor issueCell;        // the background of a table cell with a problem
    QColor bannerBackground; // an error banner
    QColor bannerBorder;
    QColor bannerText;
    QColor balloonBackground;  // the message balloon next to a field
    QColor balloonText;

    static ControlColors of(const QPalette& palette);
};

} // namespace tendril::app
