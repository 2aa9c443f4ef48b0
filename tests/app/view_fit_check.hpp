// Whether a view fits a narrow dock: every control a user clicks (buttons, check boxes, combo boxes,
// sliders) is whole on screen, neither outside the view nor clipped by a parent, nor squeezed below
// the size its text needs.
#pragma once

#include <QAbstractButton>
#include <QCoreApplication>
#include <QAbstractScrollArea>
#include <QAbstractSlider>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QScrollBar>
#include <QStringList>
#include <QWidget>

#include <gtest/gtest.h>

namespace tendril::app::test {

inline QString describe(const QWidget& widget)
{
    QString name = widget.objectName();
    if (name.isEmpty())
        if (const auto* button = qobject_cast<const QAbstractButton*>(&widget))
            name = button->text();
    const QRect r = widget.geometry();
    return QStringLiteral("%1 %2 (%3,%4 %5x%6)")
        .arg(QString::fromLatin1(widget.metaObject()->className()), name)
        .arg(r.x())
        .arg(r.y())
        .arg(r.width())
        .arg(r.height());
}

// The visible controls of view that are cut off, described for the failure message. Controls inside
// a scroll area (an item view's header buttons, a scrolled page) are left out: they scroll into view.
inline QStringList controlsCutOff(const QWidget& view)
{
    QStringList cut;
    int checked = 0;
    for (QWidget* w : view.findChildren<QWidget*>()) {
        const bool control = qobject_cast<QAbstractButton*>(w) || qobject_cast<QComboBox*>(w)
            || (qobject_cast<QAbstractSlider*>(w) && !qobject_cast<QScrollBar*>(w));
        if (!control || !w->isVisibleTo(&view))
            continue;
        bool scrolls = false;
        for (QWidget* p = w->parentWidget(); p && p != &view; p = p->parentWidget())
            scrolls = scrolls || qobject_cast<QAbstractScrollArea*>(p);
        if (scrolls)
            continue;
        ++checked;
        // Up the parents to the view, the control's rectangle must lie inside each of them.
        QRect r = w->rect();
        bool inside = true;
        for (const QWidget* child = w; child != &view; child = child->parentWidget()) {
            r.translate(child->pos());
            inside = inside && child->parentWidget()->rect().contains(r);
        }
        if (!inside || w->width() < w->minimumSizeHint().width() || w->height() < w->minimumSizeHint().height())
            cut << describe(*w);
    }
    if (checked == 0)
        cut << QStringLiteral("no control was checked: the view shows none");
    return cut;
}

// Saves the picture where TENDRIL_SCREENSHOT_DIR says, for a person to look at.
inline void keepForLooking(const QImage& image, const QString& name)
{
    const QString folder = qEnvironmentVariable("TENDRIL_SCREENSHOT_DIR");
    if (!folder.isEmpty())
        image.save(QDir(folder).filePath(name));
}

// Resizes view as a dock of that size would, lets the layouts settle, checks that no control is cut
// off, and keeps a picture named name (see keepForLooking).
inline void resizeAndCheck(QWidget& view, QSize size, const QString& name)
{
    view.resize(size);
    QCoreApplication::processEvents();
    EXPECT_EQ(view.size(), size) << "the view's minimum size is " << view.minimumSize().width() << "x"
                                 << view.minimumSize().height();
    EXPECT_EQ(controlsCutOff(view), QStringList{}) << name.toStdString();
    keepForLooking(view.grab().toImage(), name);
}

// The view goes down to a narrow, short dock: its minimum size allows 420 × 260.
inline void expectNarrowMinimum(const QWidget& view)
{
    EXPECT_LE(view.minimumSizeHint().width(), 420);
    EXPECT_LE(view.minimumSizeHint().height(), 260);
}

} // namespace tendril::app::test
