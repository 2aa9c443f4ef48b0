#include "app_paint_probe.hpp"

#include <QThread>
#include <QWidget>

#include <algorithm>
#include <ctime>

namespace tendril::bench {

PaintProbe::PaintProbe() : guiThread_(QThread::currentThread())
{
    clock_.start();
}

std::int64_t PaintProbe::threadCpuNs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

void PaintProbe::addView(const QString& name, QWidget* root)
{
    ViewPaints v;
    v.name = name;
    v.root = root;
    views_.push_back(std::move(v));
}

const ViewPaints* PaintProbe::view(const QString& name) const
{
    for (const ViewPaints& v : views_)
        if (v.name == name)
            return &v;
    return nullptr;
}

void PaintProbe::reset()
{
    for (ViewPaints& v : views_) {
        v.paints = 0;
        v.paintNs = 0;
        v.lastShownNs = -1;
        v.lastShownCpuNs = -1;
        v.paintNsByClass.clear();
    }
    busy_.clear();
}

int PaintProbe::viewOf(const QWidget* widget) const
{
    for (const QWidget* w = widget; w; w = w->parentWidget())
        for (std::size_t i = 0; i < views_.size(); ++i)
            if (views_[i].root == w)
                return static_cast<int>(i);
    return -1;
}

bool PaintProbe::deliver(QObject* receiver, QEvent* event, const std::function<bool()>& send)
{
    if (QThread::currentThread() != guiThread_)
        return send();
    const bool outermost = depth_ == 0;
    // The event and even the receiver (a deferred delete) may be gone once delivered.
    const QEvent::Type type = event->type();
    const bool widget = receiver->isWidgetType();
    const char* className = receiver->metaObject()->className();
    const QString objectName = outermost ? receiver->objectName() : QString();
    const std::int64_t start = now();
    ++depth_;
    bool result = false;
    // Events must keep flowing even if a view throws; the depth stays right either way.
    try {
        result = send();
    } catch (...) {
        --depth_;
        throw;
    }
    --depth_;
    const std::int64_t end = now();

    if (type == QEvent::Paint && widget) {
        auto* painted = static_cast<QWidget*>(receiver);
        const int index = viewOf(painted);
        if (index >= 0) {
            ViewPaints& v = views_[static_cast<std::size_t>(index)];
            ++v.paints;
            v.paintNs += end - start;
            v.paintNsByClass[QString::fromLatin1(className)] += end - start;
            if (std::find(paintedInFrame_.begin(), paintedInFrame_.end(), index) == paintedInFrame_.end())
                paintedInFrame_.push_back(static_cast<std::size_t>(index));
            if (listener_)
                listener_(static_cast<std::size_t>(index), painted);
        }
    }
    if (!outermost)
        return result;

    if (end - start >= kBusyEventThresholdNs) {
        QString name = QString::fromLatin1(className);
        if (!objectName.isEmpty())
            name += QStringLiteral(" \"%1\"").arg(objectName);
        busy_.push_back({start, end, type, name});
    }
    if (!paintedInFrame_.empty()) {
        const std::int64_t cpu = threadCpuNs();
        for (const std::size_t index : paintedInFrame_) {
            views_[index].lastShownNs = end;
            views_[index].lastShownCpuNs = cpu;
        }
        paintedInFrame_.clear();
        if (frameListener_)
            frameListener_();
    }
    return result;
}

} // namespace tendril::bench
