// "Refine": the configuration of the next study, from the study it refines and from what the user
// brushed on the views. Widget-free, so the narrowing is tested exactly.
#pragma once

#include "session/selection_hub.hpp"
#include "session/trial_table.hpp"
#include "tendril/io/study_config.hpp"

#include <QString>

#include <map>
#include <string>
#include <vector>

namespace tendril::app {

struct NarrowedSpace {
    SearchSpace space;
    // One line per parameter the brushes changed or could not change, for the dialog to show:
    // "learning_rate 0.001 – 0.01", "dropout: the brushes do not overlap; range kept".
    std::vector<std::string> notes;
};

// The space narrowed to the brushes on the hub's table. For every parameter with a brushed column:
// a numeric range becomes the brushed range clipped to the old one (ranges of one source are
// alternatives, so their hull is taken; brushes of different sources must all hold, so theirs is
// the intersection); int bounds round inwards, and a stepped range keeps its grid. A categorical
// parameter keeps the brushed categories, in its own order. Metric brushes, and brushes on
// parameters the space does not have, change nothing; a parameter whose brushes leave nothing of
// it keeps its range and says so in the notes.
NarrowedSpace narrowSpaceToBrushes(const SearchSpace& space, const TrialTable& table,
                                   const std::map<QString, Brush>& brushes);

// base when it is free, else base-2, base-3, ...
std::string uniqueStudyName(const std::string& base, const std::vector<std::string>& taken);

// The configuration a study was run with (storedStudyConfig), or, for a study that has none (an
// imported one), one rebuilt from its name, objective, metrics, space, algorithm, budget, command
// and parent, with workdir as its working folder. Throws FormatError when the stored one is broken.
StudyConfig configOfStudy(const Study& study, const std::string& workdir);

struct RefinedConfig {
    StudyConfig config;
    std::vector<std::string> notes;  // as NarrowedSpace::notes
};

// The next study after parent: its configuration (configOfStudy) named "<parent>-refined" (made
// unique among taken), with parent set, no seed (the new study draws its own), and the space
// narrowed to the brushes when a table is given.
RefinedConfig refinedConfig(const Study& parent, const TrialTable* table, const std::map<QString, Brush>& brushes,
                            const std::vector<std::string>& taken, const std::string& workdir);

} // namespace tendril::app
