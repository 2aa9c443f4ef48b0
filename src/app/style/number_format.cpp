#include "style/number_format.hpp"

#include <cmath>

namespace tendril::app {

namespace {

// "1.20e-04" -> "1.2e-4": trailing zeros and exponent padding only cost width in a table.
QString shortExponent(double value)
{
    QString text = QString::number(value, 'e', 2);
    const qsizetype e = text.indexOf(u'e');
    QString mantissa = text.left(e);
    QString exponent = text.mid(e + 1);
    if (mantissa.contains(u'.')) {
        while (mantissa.endsWith(u'0'))
            mantissa.chop(1);
        if (mantissa.endsWith(u'.'))
            mantissa.chop(1);
    }
    const bool negative = exponent.startsWith(u'-');
    exponent.remove(0, 1);  // the sign
    while (exponent.size() > 1 && exponent.startsWith(u'0'))
        exponent.remove(0, 1);
    return mantissa + u'e' + (negative ? QStringLiteral("-") : QString()) + exponent;
}

} // namespace

QString formatCompact(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
    const double magnitude = std::fabs(value);
    if (magnitude == 0.0)
        return QStringLiteral("0");
    if (magnitude >= 1e6 || magnitude < 1e-3)
        return shortExponent(value);
    if (value == std::trunc(value))
        return QString::number(static_cast<qint64>(value));
    if (magnitude >= 1000)
        return QString::number(value, 'f', 0);
    if (magnitude >= 100)
        return QString::number(value, 'f', 1);
    return QString::number(value, 'g', 4);
}

QString formatValue(const Value& value)
{
    switch (value.kind()) {
    case Value::Kind::Int: return QString::number(value.asInt());
    case Value::Kind::Real: return formatCompact(value.asReal());
    default: return QString::fromStdString(value.toString());
    }
}

QString formatExact(double value)
{
    return QString::fromStdString(formatDouble(value));
}

} // namespace tendril::app
