#include "style/app_style.hpp"

#include "style/plot_colors.hpp"

#include <QAbstractItemView>
#include <QApplication>
#include <QIcon>
#include <QImageReader>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QProxyStyle>
#include <QSettings>
#include <QStyleOption>
#include <QStyleFactory>

namespace tendril::app {

namespace {

QPalette lightPalette()
{
    const QColor window(0xf4, 0xf5, 0xf7);
    const QColor text(0x1d, 0x23, 0x30);
    const QColor muted(0x9a, 0xa1, 0xad);
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf7, 0xf8, 0xfa));
    p.setColor(QPalette::ToolTipBase, QColor(0x26, 0x2c, 0x3a));
    p.setColor(QPalette::ToolTipText, Qt::white);
    p.setColor(QPalette::PlaceholderText, muted);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(0xec, 0xee, 0xf2));
    p.setColor(QPalette::Mid, QColor(0xc9, 0xce, 0xd8));
    p.setColor(QPalette::Dark, QColor(0xa7, 0xae, 0xbb));
    p.setColor(QPalette::Shadow, QColor(0x7d, 0x85, 0x95));
    // A light selection keeps dark text readable and coloured state dots visible on selected rows.
    p.setColor(QPalette::Highlight, QColor(0xd4, 0xe2, 0xfd));
    p.setColor(QPalette::HighlightedText, QColor(0x0f, 0x1e, 0x45));
    p.setColor(QPalette::Link, QColor(0x2f, 0x6f, 0xed));
    p.setColor(QPalette::LinkVisited, QColor(0x5b, 0x4f, 0xc9));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, muted);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0xe3, 0xe6, 0xeb));
    return p;
}

// Slate rather than black: study colours and the performance ramp stay readable on it, and a long
// session is easier on the eyes than pure contrast.
QPalette darkPalette()
{
    const QColor window(0x1f, 0x23, 0x2b);
    const QColor base(0x17, 0x1a, 0x21);
    const QColor text(0xe3, 0xe7, 0xee);
    const QColor muted(0x7c, 0x85, 0x94);
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x1c, 0x20, 0x27));
    p.setColor(QPalette::ToolTipBase, QColor(0x33, 0x39, 0x46));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, muted);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2a, 0x2f, 0x39));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x3a, 0x40, 0x4c));
    p.setColor(QPalette::Midlight, QColor(0x30, 0x35, 0x40));
    p.setColor(QPalette::Mid, QColor(0x45, 0x4c, 0x59));
    p.setColor(QPalette::Dark, QColor(0x5a, 0x62, 0x70));
    p.setColor(QPalette::Shadow, QColor(0x0c, 0x0e, 0x12));
    p.setColor(QPalette::Highlight, QColor(0x2b, 0x4a, 0x80));
    p.setColor(QPalette::HighlightedText, QColor(0xf2, 0xf5, 0xfa));
    p.setColor(QPalette::Link, QColor(0x7a, 0xa7, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xa9, 0x9c, 0xf5));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, muted);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x30, 0x35, 0x40));
    return p;
}

// The chrome around the views, in the palette's own shades so both themes share one sheet.
QString styleSheetFor(const QPalette& p)
{
    const bool dark = p.color(QPalette::Window).lightness() < 128;
    const QString chrome = (dark ? QColor(0x26, 0x2b, 0x34) : QColor(0xec, 0xee, 0xf2)).name();
    const QString line = (dark ? QColor(0x33, 0x39, 0x44) : QColor(0xdd, 0xe1, 0xe7)).name();
    const QString separator = (dark ? QColor(0x30, 0x35, 0x40) : QColor(0xe1, 0xe4, 0xea)).name();
    const QString grid = (dark ? QColor(0x2a, 0x2f, 0x38) : QColor(0xed, 0xf0, 0xf3)).name();
    const QString title = (dark ? QColor(0xc9, 0xcf, 0xda) : QColor(0x3b, 0x42, 0x52)).name();
    const QString status = (dark ? QColor(0xa9, 0xb1, 0xbe) : QColor(0x4b, 0x52, 0x63)).name();
    return QStringLiteral(R"(
QMainWindow::separator { background: %1; width: 1px; height: 1px; }
QDockWidget { font-weight: 600; color: %2; }
QDockWidget::title { background: %3; padding: 5px 10px; border-bottom: 1px solid %4; }
QTableView { border: none; gridline-color: %5; }
QListView { border: none; }
QStatusBar { background: %3; border-top: 1px solid %4; color: %6; }
QStatusBar::item { border: none; }
QStatusBar QLabel { padding: 0 6px; }
QToolTip { padding: 4px 6px; border: none; }
)")
        .arg(separator, title, chrome, line, grid, status);
}

// Fusion with flat table headers. Headers are drawn here rather than by a style sheet because a
// style sheet on QHeaderView replaces the whole section, sort arrow included.
// Fusion frames check boxes and radio buttons, and fills slider grooves, with the palette's Window
// colour darkened. That reads on the light theme; on the dark one the frame all but vanishes into
// the canvas. On dark, those parts are drawn with a mid grey as Window instead, which Fusion's
// darkening turns into a frame about as bright as the plots' axes.
QPalette withVisibleIndicators(const QPalette& palette)
{
    const PlotColors colors = PlotColors::of(palette);
    if (!colors.dark)
        return palette;
    QPalette p = palette;
    p.setColor(QPalette::Window, mixColors(colors.canvas, colors.ink, 0.55));
    return p;
}

class TendrilStyle : public QProxyStyle {
public:
    TendrilStyle() : QProxyStyle(QStyleFactory::create(QStringLiteral("Fusion"))) {}

    void drawPrimitive(PrimitiveElement element, const QStyleOption* option, QPainter* painter,
                       const QWidget* widget) const override
    {
        const bool button = element == PE_IndicatorCheckBox || element == PE_IndicatorRadioButton;
        if (button && drawWithVisibleIndicators<QStyleOptionButton>(element, option, painter, widget))
            return;
        if (element == PE_IndicatorItemViewItemCheck
            && drawWithVisibleIndicators<QStyleOptionViewItem>(element, option, painter, widget))
            return;
        QProxyStyle::drawPrimitive(element, option, painter, widget);
    }

    void drawComplexControl(ComplexControl control, const QStyleOptionComplex* option, QPainter* painter,
                            const QWidget* widget) const override
    {
        if (control == CC_Slider) {
            if (const auto* slider = qstyleoption_cast<const QStyleOptionSlider*>(option)) {
                QStyleOptionSlider visible = *slider;
                visible.palette = withVisibleIndicators(slider->palette);
                QProxyStyle::drawComplexControl(control, &visible, painter, widget);
                return;
            }
        }
        QProxyStyle::drawComplexControl(control, option, painter, widget);
    }

    void drawControl(ControlElement element, const QStyleOption* option, QPainter* painter,
                     const QWidget* widget) const override
    {
        if (element != CE_HeaderSection) {
            QProxyStyle::drawControl(element, option, painter, widget);
            return;
        }
        const QRect r = option->rect;
        const bool hovered = (option->state & State_MouseOver) && (option->state & State_Enabled);
        const QPalette& palette = option->palette;
        painter->fillRect(r, hovered ? palette.color(QPalette::Midlight) : palette.color(QPalette::Window));
        painter->setPen(palette.color(QPalette::Mid));
        painter->drawLine(r.bottomLeft(), r.bottomRight());
        painter->setPen(palette.color(QPalette::Midlight));
        painter->drawLine(r.topRight() + QPoint(0, 4), r.bottomRight() - QPoint(0, 4));
    }

    // Draws the primitive with withVisibleIndicators' palette; false when the option is not an
    // Option. The copy keeps the option's own type: Fusion casts it back and draws nothing when it
    // was sliced to the base class.
    template <typename Option>
    bool drawWithVisibleIndicators(PrimitiveElement element, const QStyleOption* option, QPainter* painter,
                                   const QWidget* widget) const
    {
        const auto* typed = qstyleoption_cast<const Option*>(option);
        if (!typed)
            return false;
        Option visible = *typed;
        visible.palette = withVisibleIndicators(typed->palette);
        QProxyStyle::drawPrimitive(element, &visible, painter, widget);
        return true;
    }

    int pixelMetric(PixelMetric metric, const QStyleOption* option, const QWidget* widget) const override
    {
        if (metric == PM_HeaderMargin)
            return 6;
        // Item views take their cell text margin from this metric: give table cells room to breathe.
        if (metric == PM_FocusFrameHMargin && qobject_cast<const QAbstractItemView*>(widget))
            return 6;
        return QProxyStyle::pixelMetric(metric, option, widget);
    }
};

// The shapes of resources/icons/tendril.svg on its 256 x 256 canvas; keep the two in step.
void paintVine(QPainter& painter, qreal size)
{
    painter.scale(size / 256.0, size / 256.0);
    QLinearGradient background(QPointF(8, 8), QPointF(248, 248));
    background.setColorAt(0, QColor(0x14, 0x94, 0x6b));
    background.setColorAt(1, QColor(0x25, 0x63, 0xeb));
    painter.setPen(Qt::NoPen);
    painter.setBrush(background);
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 56, 56);

    QPainterPath stem(QPointF(72, 216));
    stem.cubicTo(86, 170, 118, 150, 126, 112);
    stem.cubicTo(132, 80, 158, 56, 186, 64);
    stem.cubicTo(212, 72, 214, 106, 190, 114);
    stem.cubicTo(172, 120, 160, 102, 174, 92);
    QPainterPath curl(QPointF(104, 166));
    curl.cubicTo(80, 150, 60, 124, 70, 98);
    curl.cubicTo(78, 78, 104, 80, 104, 100);
    QPainterPath shoot(QPointF(126, 112));
    shoot.cubicTo(150, 118, 178, 140, 196, 170);

    painter.setBrush(Qt::NoBrush);
    QPen pen(Qt::white, 14, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter.setPen(pen);
    painter.drawPath(stem);
    pen.setWidthF(11);
    painter.setPen(pen);
    painter.drawPath(curl);
    pen.setWidthF(9);
    pen.setColor(QColor(255, 255, 255, 217));
    painter.setPen(pen);
    painter.drawPath(shoot);

    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::white);
    painter.drawEllipse(QPointF(196, 170), 13, 13);
    painter.drawEllipse(QPointF(104, 100), 10, 10);
}

} // namespace

QIcon appIcon()
{
    // Qt renders SVG only with its optional svg plugin; where that is missing the same drawing is
    // painted here, so the icon never depends on how Qt was packaged.
    if (QImageReader::supportedImageFormats().contains("svg"))
        return QIcon(QStringLiteral(":/icons/tendril.svg"));
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64, 128, 256}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        paintVine(painter, size);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

namespace {

constexpr auto kThemeKey = "appearance/theme";
Theme gTheme = Theme::Light;

} // namespace

std::optional<Theme> themeFromName(const QString& name)
{
    if (name == QLatin1String("light"))
        return Theme::Light;
    if (name == QLatin1String("dark"))
        return Theme::Dark;
    return std::nullopt;
}

QString themeName(Theme theme)
{
    return theme == Theme::Dark ? QStringLiteral("dark") : QStringLiteral("light");
}

void applyAppStyle(QApplication& app)
{
    app.setStyle(new TendrilStyle);  // the application takes ownership
    QFont font = app.font();
    font.setPointSizeF(9.5);
    app.setFont(font);
    app.setWindowIcon(appIcon());
    const Theme saved = themeFromName(QSettings().value(QLatin1String(kThemeKey)).toString()).value_or(Theme::Light);
    gTheme = saved;
    const QPalette palette = saved == Theme::Dark ? darkPalette() : lightPalette();
    app.setPalette(palette);
    app.setStyleSheet(styleSheetFor(palette));
}

void setTheme(Theme theme, bool remember)
{
    gTheme = theme;
    if (remember)
        QSettings().setValue(QLatin1String(kThemeKey), themeName(theme));
    const QPalette palette = theme == Theme::Dark ? darkPalette() : lightPalette();
    QApplication::setPalette(palette);
    qApp->setStyleSheet(styleSheetFor(palette));
}

Theme currentTheme()
{
    return gTheme;
}

} // namespace tendril::app
