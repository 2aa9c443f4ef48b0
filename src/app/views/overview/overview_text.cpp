#include "views/overview/overview_text.hpp"

#include "style/number_format.hpp"

#include <QLocale>
#include <QStringList>

#include <cmath>

namespace tendril::app::overview {

QString formatCount(std::int64_t n)
{
    QLocale locale;
    if (locale.language() == QLocale::C)
        locale = QLocale(QLocale::English, QLocale::UnitedStates);
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale.toString(static_cast<qlonglong>(n));
}

QString binRangeText(const HistogramBins& bins, int bin)
{
    const double low = bins.edge(bin);
    const double high = bins.edge(bin + 1);
    // Whole-number bins have their edges half-way between integers.
    const double firstWhole = low + 0.5;
    const double lastWhole = high - 0.5;
    if (bins.scale() == plot::Scale::Linear && firstWhole == std::trunc(firstWhole) && lastWhole == std::trunc(lastWhole)
        && std::fabs(firstWhole) < 1e15) {
        if (firstWhole == lastWhole)
            return formatCompact(firstWhole);
        return formatCompact(firstWhole) + QStringLiteral(" – ") + formatCompact(lastWhole);
    }
    return rangeText({low, high});
}

QString rangeText(const plot::ValueRange& range)
{
    return formatCompact(range.low) + QStringLiteral(" – ") + formatCompact(range.high);
}

QString excludedText(const ExcludedValues& excluded)
{
    QStringList parts;
    if (excluded.nan)
        parts << QStringLiteral("%1 NaN").arg(formatCount(static_cast<std::int64_t>(excluded.nan)));
    if (excluded.positiveInfinity)
        parts << QStringLiteral("%1 +∞").arg(formatCount(static_cast<std::int64_t>(excluded.positiveInfinity)));
    if (excluded.negativeInfinity)
        parts << QStringLiteral("%1 −∞").arg(formatCount(static_cast<std::int64_t>(excluded.negativeInfinity)));
    return parts.join(QStringLiteral(" · "));
}

} // namespace tendril::app::overview
