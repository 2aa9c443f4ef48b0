#include "views/importance/importance_text.hpp"

#include "style/labels.hpp"

#include <QCoreApplication>
#include <QStringList>

namespace tendril::app::importance {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ImportanceView", text);
}

QString sentence(const std::string& note)
{
    QString text = qstr(note);
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

} // namespace

QString emptyHeadline()
{
    return tr("Show a study with complete trials to see which hyperparameters matter");
}

QString emptyText(const QString& reason)
{
    return reason.isEmpty() ? emptyHeadline() : emptyHeadline() + QStringLiteral("\n\n") + reason;
}

QString statusText(const engine::ImportanceReport& report, bool updating)
{
    QStringList parts;
    parts << tr("%1 trials analysed").arg(report.trialsUsed);
    if (report.treesUsed > 0 && report.treesUsed < report.trees)
        parts << tr("%1 of %2 trees").arg(report.treesUsed).arg(report.trees);
    else if (report.trees > 0)
        parts << tr("%1 trees").arg(report.trees);
    if (!report.note.empty())
        parts << sentence(report.note);
    if (updating)
        parts << tr("updating…");
    return parts.join(QStringLiteral(" · "));
}

QString statusTooltip(const engine::ImportanceReport& report)
{
    QStringList lines;
    lines << tr("fANOVA of a random forest fitted to %1 %2 over the complete trials that pass every brush")
                 .arg(qstr(report.metric), directionArrow(report.direction));
    QStringList excluded;
    if (report.trialsMissingMetric > 0)
        excluded << tr("%1 without %2").arg(report.trialsMissingMetric).arg(qstr(report.metric));
    if (report.trialsNotFinite > 0)
        excluded << tr("%1 with a value that is not finite").arg(report.trialsNotFinite);
    if (report.trialsMissingParams > 0)
        excluded << tr("%1 lacking an analysed parameter").arg(report.trialsMissingParams);
    if (!excluded.isEmpty())
        lines << tr("Left out: %1").arg(excluded.join(QStringLiteral(", ")));
    if (!report.droppedParams.empty()) {
        QStringList names;
        for (const std::string& p : report.droppedParams)
            names << qstr(p);
        lines << tr("Not analysed (set in under half of the trials): %1").arg(names.join(QStringLiteral(", ")));
    }
    if (report.seconds > 0)
        lines << tr("Computed in %1 s").arg(report.seconds, 0, 'f', report.seconds < 1 ? 2 : 1);
    return lines.join(u'\n');
}

QString detailTitle(const ImportanceTerm& term)
{
    return term.label();
}

QString detailCaption(const ImportanceTerm& term, const QString& metric, const engine::ImportanceReport& report)
{
    const QString share = formatShare(term.importance, term.std);
    if (term.constant)
        return tr("One value in the analysed trials: it cannot explain %1").arg(metric);
    if (term.isPair())
        return tr("Expected %1 over %2 and %3 together · interaction %4 · drag a rectangle to brush both")
            .arg(metric, qstr(term.key.first), qstr(term.key.second), share);
    return tr("Expected %1 over %2, ±1 sd over %3 trees · %4 · drag across to brush a range")
        .arg(metric, qstr(term.key.first))
        .arg(report.treesUsed > 0 ? report.treesUsed : report.trees)
        .arg(share);
}

} // namespace tendril::app::importance
