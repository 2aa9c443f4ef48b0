#include "views/curves/curve_text.hpp"

#include "style/labels.hpp"
#include "style/number_format.hpp"
#include "style/plot_colors.hpp"
#include "style/state_style.hpp"

#include <QGuiApplication>
#include <QPalette>

#include <cmath>

namespace tendril::app::curves {

QString formatDuration(double seconds)
{
    if (std::isnan(seconds))
        return QStringLiteral("NaN");
    if (seconds < 0)
        return QStringLiteral("−") + formatDuration(-seconds);
    if (std::isinf(seconds))
        return QStringLiteral("∞");
    if (seconds < 10.0 && seconds != std::trunc(seconds))
        return QString::number(seconds, 'g', 2) + u's';
    const auto total = static_cast<qint64>(std::llround(seconds));
    const qint64 h = total / 3600;
    const qint64 m = (total % 3600) / 60;
    const qint64 s = total % 60;
    if (h > 0)
        return m == 0 ? QStringLiteral("%1h").arg(h) : QStringLiteral("%1h %2m").arg(h).arg(m, 2, 10, QLatin1Char('0'));
    if (m > 0)
        return s == 0 ? QStringLiteral("%1m").arg(m) : QStringLiteral("%1m %2s").arg(m).arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1s").arg(s);
}

QString metricTitle(const CurveSet& set, std::size_t metric)
{
    QString title = qstr(set.metrics()[metric]);
    if (metric < set.directions.size() && set.directions[metric])
        title += u' ' + directionArrow(*set.directions[metric]);
    return title;
}

QString curveTooltip(const TrialTable& table, const CurveSet& set, std::size_t trialIndex, std::size_t metric,
                     std::size_t point)
{
    const CurveTrial& t = set.trials[trialIndex];
    const Trial& trial = table.trial(t.row);
    const CurveSeries& series = t.series[metric];

    QString html = QStringLiteral("<div style='white-space:nowrap'>");
    html += QStringLiteral("<span style='color:%1'>■</span> <b>%2</b>")
                .arg(t.color.lighter(130).name(), qstr(t.id).toHtmlEscaped());
    if (set.colorByStudy)
        html += QStringLiteral(" · %1").arg(qstr(table.study(t.study).name).toHtmlEscaped());
    html += QStringLiteral(" · <span style='color:%1'>%2</span>")
                .arg(stateColor(trial.state).lighter(140).name(), stateLabel(trial.state).toLower());
    html += QStringLiteral("</div>");

    if (point < series.size()) {
        const QString metricName = qstr(set.metrics()[metric]).toHtmlEscaped();
        QString where = QStringLiteral("step %1").arg(formatCompact(series.steps[point]));
        if (set.request.xAxis == CurveXAxis::WallTime)
            where += QStringLiteral(", %1").arg(formatDuration(series.x[point]));
        html += QStringLiteral("<div style='white-space:nowrap'>%1 at %2: <b>%3</b>")
                    .arg(metricName, where, formatCompact(series.raw[point]));
        if (set.request.smoothingWindow > 1)
            html += QStringLiteral(" (smoothed %1)").arg(formatCompact(series.smoothed[point]));
        html += QStringLiteral("</div>");
    }
    if (!trial.parent.empty()) {
        html += QStringLiteral("<div style='white-space:nowrap'>continues %1").arg(qstr(trial.parent).toHtmlEscaped());
        if (trial.startStep)
            html += QStringLiteral(" from step %1").arg(formatCompact(*trial.startStep));
        html += QStringLiteral("</div>");
    }
    if (!trial.params.empty()) {
        // Tooltips are dark in both themes; the names are the tooltip's text a step towards its background.
        const QPalette palette = QGuiApplication::palette();
        const QString muted =
            mixColors(palette.color(QPalette::ToolTipText), palette.color(QPalette::ToolTipBase), 0.35).name();
        html += QStringLiteral("<table style='margin-top:4px' cellspacing='0' cellpadding='1'>");
        for (const auto& [name, value] : trial.params)
            html += QStringLiteral("<tr><td style='color:%1; padding-right:10px'>%2</td><td>%3</td></tr>")
                        .arg(muted, qstr(name).toHtmlEscaped(), formatValue(value).toHtmlEscaped());
        html += QStringLiteral("</table>");
    }
    return html;
}

} // namespace tendril::app::curves
