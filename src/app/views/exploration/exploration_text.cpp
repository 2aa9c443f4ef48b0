#include "views/exploration/exploration_text.hpp"

#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/state_style.hpp"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <set>

namespace tendril::app::exploration {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("tendril::app::exploration", text);
}

bool severalRounds(const Lineage& lineage)
{
    const auto& columns = lineage.columns();
    return !columns.empty() && columns.front().iteration != columns.back().iteration;
}

QString plural(std::size_t n, const QString& one, const QString& many)
{
    return QStringLiteral("%1 %2").arg(formatCompact(static_cast<double>(n)), n == 1 ? one : many);
}

} // namespace

QString resourceName(const Study& study)
{
    return study.budget.resource.empty() ? tr("step") : qstr(study.budget.resource);
}

QString columnLabel(const Lineage& lineage, std::size_t column)
{
    if (column >= lineage.columns().size())
        return {};
    const IterationColumn& c = lineage.columns()[column];
    if (lineage.scheme() == ExplorationScheme::Brackets)
        return c.step ? formatCompact(*c.step) : QStringLiteral("r%1").arg(c.rung.value_or(0));
    return QString::number(c.iteration);
}

QString groupLabel(const Lineage& lineage, std::size_t group, bool brief)
{
    if (lineage.scheme() != ExplorationScheme::Brackets)
        return {};
    for (const IterationColumn& c : lineage.columns()) {
        if (c.group != group)
            continue;
        if (brief) {
            const QString bracket = c.bracket ? QStringLiteral("b%1").arg(*c.bracket) : QString::number(group + 1);
            return severalRounds(lineage) ? QStringLiteral("%1·%2").arg(c.iteration).arg(bracket) : bracket;
        }
        const QString bracket = c.bracket ? tr("bracket %1").arg(*c.bracket) : tr("run %1").arg(group + 1);
        return severalRounds(lineage) ? tr("round %1 · %2").arg(c.iteration).arg(bracket) : bracket;
    }
    return {};
}

QString columnDescription(const Lineage& lineage, std::size_t column, const QString& resource)
{
    if (column >= lineage.columns().size())
        return {};
    const IterationColumn& c = lineage.columns()[column];
    switch (lineage.scheme()) {
    case ExplorationScheme::Brackets: {
        QStringList parts;
        if (severalRounds(lineage))
            parts << tr("Round %1").arg(c.iteration);
        if (c.bracket)
            parts << tr("bracket %1").arg(*c.bracket);
        parts << tr("rung %1").arg(c.rung.value_or(0));
        if (c.step)
            parts << QStringLiteral("%1 %2").arg(formatCompact(*c.step), resource);
        QString text = parts.join(QStringLiteral(" · "));
        text[0] = text[0].toUpper();
        return text;
    }
    case ExplorationScheme::Population:
        return c.step ? tr("Generation %1 · up to %2 %3").arg(c.iteration).arg(formatCompact(*c.step), resource)
                      : tr("Generation %1").arg(c.iteration);
    case ExplorationScheme::Sequential:
    case ExplorationScheme::Asynchronous:
        break;
    }
    return tr("Iteration %1").arg(c.iteration);
}

QString axisCaption(const Lineage& lineage)
{
    switch (lineage.scheme()) {
    case ExplorationScheme::Brackets: return tr("stage budget");
    case ExplorationScheme::Population: return tr("generation");
    case ExplorationScheme::Sequential:
    case ExplorationScheme::Asynchronous: break;
    }
    return tr("iteration");
}

QString trackSummary(const StudyTrack& track)
{
    const Lineage& lineage = track.lineage;
    const std::size_t columns = lineage.columns().size();
    QStringList parts{track.algorithm};
    switch (lineage.scheme()) {
    case ExplorationScheme::Brackets: {
        std::set<std::size_t> groups;
        for (const IterationColumn& c : lineage.columns())
            groups.insert(c.group);
        parts << plural(lineage.size(), tr("configuration"), tr("configurations"))
              << tr("%1, %2").arg(plural(groups.size(), tr("bracket run"), tr("bracket runs")),
                                  plural(columns, tr("stage"), tr("stages")));
        break;
    }
    case ExplorationScheme::Population: {
        std::size_t roots = 0;
        for (const TrialLineage& t : lineage.trials())
            roots += !t.parent;
        parts << plural(lineage.size(), tr("member"), tr("members"))
              << tr("population %1").arg(roots)
              << (lineage.perturbationInterval()
                      ? tr("%1 of %2 steps").arg(plural(columns, tr("generation"), tr("generations")),
                                                 formatCompact(*lineage.perturbationInterval()))
                      : plural(columns, tr("generation"), tr("generations")));
        break;
    }
    case ExplorationScheme::Sequential:
    case ExplorationScheme::Asynchronous:
        parts << plural(lineage.size(), tr("trial"), tr("trials"))
              << plural(columns, tr("iteration"), tr("iterations"));
        break;
    }
    return parts.join(QStringLiteral(" · "));
}

QString pointTooltip(const ExplorationData& data, const CellScene& scene, std::size_t point)
{
    const ScenePoint& p = scene.points[point];
    const TrialTable& table = *data.table();
    const StudyTrack& track = data.tracks()[scene.track];
    const Study& study = table.study(track.studyIndex);
    const Trial& trial = table.trial(p.row);
    const Lineage& lineage = track.lineage;
    const QString resource = resourceName(study);

    QStringList lines;
    lines << QStringLiteral("<b>%1</b> · %2 · %3")
                 .arg(qstr(trial.id).toHtmlEscaped(), track.name.toHtmlEscaped(), stateLabel(trial.state));
    if (scene.param) {
        const ParamAxis& axis = data.params()[*scene.param];
        const TableColumn& column = table.columns()[axis.column];
        lines << QStringLiteral("%1 = <b>%2</b>")
                     .arg(axis.name.toHtmlEscaped(), qstr(column.label(column.values[p.row])).toHtmlEscaped());
    }
    QString where = columnDescription(lineage, p.column, resource);
    if (std::isfinite(scene.points[point].value))
        where += QStringLiteral(": %1 %2").arg(data.metric().toHtmlEscaped(), formatCompact(p.value));
    lines << where;
    if (!p.final && lineage[p.trial].history.size() > 1)
        lines << tr("Evaluated %1 times; the large point is its last").arg(lineage[p.trial].history.size());
    if (const LineageLink* link = lineage.linkTo(p.trial)) {
        const QString parent = qstr(study.trials[link->parent].id).toHtmlEscaped();
        const QString at = link->startStep ? tr(" at %1 %2").arg(formatCompact(*link->startStep), resource) : QString();
        if (link->kind == LinkKind::Continuation) {
            lines << tr("Continues %1%2").arg(parent, at);
        } else {
            QStringList changes;
            for (const ParamChange& change : link->changes)
                changes << QStringLiteral("%1 %2 → %3")
                               .arg(qstr(change.name).toHtmlEscaped(), formatValue(change.from).toHtmlEscaped(),
                                    formatValue(change.to).toHtmlEscaped());
            lines << tr("Copied from %1%2").arg(parent, at)
                  << (changes.isEmpty() ? tr("Same values as its parent") : changes.join(QStringLiteral(", ")));
        }
    }
    const std::size_t children = lineage[p.trial].children.size();
    if (children > 0)
        lines << tr("%1, %2 in its whole lineage")
                     .arg(plural(children, tr("child"), tr("children")),
                          plural(lineage.family(p.trial).size() - 1, tr("relative"), tr("relatives")));
    return lines.join(QStringLiteral("<br>"));
}

} // namespace tendril::app::exploration
