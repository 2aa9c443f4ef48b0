#include "views/tradeoff/scatter_tooltips.hpp"

#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/plot_colors.hpp"
#include "style/state_style.hpp"
#include "style/study_colors.hpp"
#include "views/tradeoff/tradeoff_axes.hpp"

#include <QGuiApplication>
#include <QObject>
#include <QPalette>

#include <algorithm>
#include <cmath>

namespace tendril::app::tradeoff {

namespace {

// Secondary text: the tooltip's text a step towards its background. Tooltips are dark in both
// themes, but their colours come from the palette like everything else.
QString mutedText()
{
    const QPalette palette = QGuiApplication::palette();
    return mixColors(palette.color(QPalette::ToolTipText), palette.color(QPalette::ToolTipBase), 0.35).name();
}

QString dot(const QColor& color)
{
    return QStringLiteral("<span style='color:%1'>●</span>").arg(color.name());
}

QString row(const QString& name, const QString& value)
{
    return QStringLiteral("<tr><td style='color:%1; padding-right:12px'>%2</td><td align='right'>%3</td></tr>")
        .arg(mutedText(), name.toHtmlEscaped(), value.toHtmlEscaped());
}

QString cellText(const TableColumn& column, double v)
{
    return column.categorical ? qstr(column.label(v)) : formatCompact(v);
}

QString trialName(const TrialTable& table, std::size_t r)
{
    return qstr(table.study(table.studyOf(r)).name) + QStringLiteral(" · ") + qstr(table.trial(r).id);
}

} // namespace

QString trialTooltip(const TrialTable& table, std::size_t r)
{
    const Trial& trial = table.trial(r);
    QString html = QStringLiteral("<div style='white-space:nowrap'>%1 <b>%2</b> &nbsp;%3 %4</div>")
                       .arg(dot(studyColor(table.studyOf(r))), trialName(table, r).toHtmlEscaped(),
                            dot(stateColor(trial.state)), stateLabel(trial.state));
    QString metrics, params;
    const auto objective = table.objectiveColumn();
    const auto add = [&](std::size_t c) {
        const TableColumn& column = table.columns()[c];
        const double v = column.values[r];
        if (std::isnan(v))
            return;
        QString& part = column.kind == TableColumn::Kind::Metric ? metrics : params;
        part += row(axisTitle(column), cellText(column, v));
    };
    if (objective)
        add(*objective);
    for (std::size_t c = 0; c < table.columns().size(); ++c)
        if (c != objective)
            add(c);
    html += QStringLiteral("<table cellspacing='0' cellpadding='1'>") + metrics;
    if (!metrics.isEmpty() && !params.isEmpty())
        html += QStringLiteral("<tr><td colspan='2' style='font-size:3pt'>&nbsp;</td></tr>");
    html += params + QStringLiteral("</table>");
    if (!trial.error.empty())
        html += QStringLiteral("<div style='color:%1'>%2</div>").arg(mutedText(), qstr(trial.error).toHtmlEscaped());
    return html;
}

QString frontTooltip(const TrialTable& table, const std::vector<std::size_t>& front, const PlotAxis& x,
                     const PlotAxis& y, int maxRows)
{
    const qsizetype n = static_cast<qsizetype>(front.size());
    QString html = QStringLiteral("<div style='white-space:nowrap'><b>%1</b></div>"
                                  "<div style='color:%2; white-space:nowrap'>%3</div>")
                       .arg(n == 1 ? QObject::tr("Pareto front: 1 trial") : QObject::tr("Pareto front: %1 trials").arg(n),
                            mutedText(),
                            QObject::tr("complete trials that no other beats on both %1 and %2")
                                .arg(x.title.toHtmlEscaped(), y.title.toHtmlEscaped()));
    html += QStringLiteral("<table cellspacing='0' cellpadding='1'><tr><td></td><td style='color:%1'>%2</td>"
                           "<td align='right' style='color:%1; padding-left:12px'>%3</td>"
                           "<td align='right' style='color:%1; padding-left:12px'>%4</td></tr>")
                .arg(mutedText(), QObject::tr("trial"), x.title.toHtmlEscaped(), y.title.toHtmlEscaped());
    // Best on x first: the order a reader scans a trade-off in.
    const bool reversed = x.direction == Direction::Maximize;
    const qsizetype shown = std::min<qsizetype>(n, maxRows);
    for (qsizetype i = 0; i < shown; ++i) {
        const std::size_t r = front[static_cast<std::size_t>(reversed ? n - 1 - i : i)];
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td align='right' style='padding-left:12px'>%3</td>"
                               "<td align='right' style='padding-left:12px'>%4</td></tr>")
                    .arg(dot(studyColor(table.studyOf(r))), trialName(table, r).toHtmlEscaped(),
                         x.label(x.values[r]).toHtmlEscaped(), y.label(y.values[r]).toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    if (n > shown)
        html += QStringLiteral("<div style='color:%1'>%2</div>").arg(mutedText(), QObject::tr("and %1 more").arg(n - shown));
    return html;
}

} // namespace tendril::app::tradeoff
