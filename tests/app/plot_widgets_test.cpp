// The shared plot helpers that views build their toolbars, legends and picking on: the flow layout
// that wraps instead of widening a dock, the label that elides instead of widening it, and the
// distance from the mouse to a drawn line.
#include "plot/elided_label.hpp"
#include "plot/flow_layout.hpp"
#include "plot/polyline_distance.hpp"
#include "test_support.hpp"

#include <QCoreApplication>
#include <QHelpEvent>
#include <QPushButton>
#include <QToolTip>
#include <QWidget>

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace tendril::app::plot {
namespace {

// A widget of a fixed preferred size, so the arithmetic of the layout is known.
class Block : public QWidget {
public:
    Block(int width, int height, int minimumWidth = -1) : hint_(width, height), minimumWidth_(minimumWidth) {}
    QSize sizeHint() const override { return hint_; }
    QSize minimumSizeHint() const override { return {minimumWidth_ < 0 ? hint_.width() : minimumWidth_, hint_.height()}; }

private:
    QSize hint_;
    int minimumWidth_;
};

struct FlowFixture {
    QWidget host;
    FlowLayout* layout = new FlowLayout(&host, 10, 5);
    std::vector<Block*> blocks;

    explicit FlowFixture(const std::vector<QSize>& sizes)
    {
        layout->setContentsMargins(0, 0, 0, 0);
        for (const QSize size : sizes) {
            blocks.push_back(new Block(size.width(), size.height()));
            layout->addWidget(blocks.back());
        }
    }
    void layOut(int width)
    {
        host.resize(width, layout->heightForWidth(width));
        layout->setGeometry(QRect(0, 0, width, layout->heightForWidth(width)));
    }
};

TEST(FlowLayoutTest, WrapsOntoFurtherLinesInsteadOfWidening)
{
    FlowFixture f({{100, 20}, {100, 20}, {100, 20}});
    EXPECT_EQ(f.layout->sizeHint(), QSize(320, 20));  // everything on one line
    EXPECT_EQ(f.layout->minimumSize(), QSize(100, 20));  // the widest single item
    EXPECT_EQ(f.layout->heightForWidth(320), 20);
    EXPECT_EQ(f.layout->heightForWidth(319), 45);  // the third item wraps
    EXPECT_EQ(f.layout->heightForWidth(150), 70);  // one item a line

    f.layOut(250);
    EXPECT_EQ(f.blocks[0]->geometry(), QRect(0, 0, 100, 20));
    EXPECT_EQ(f.blocks[1]->geometry(), QRect(110, 0, 100, 20));
    EXPECT_EQ(f.blocks[2]->geometry(), QRect(0, 25, 100, 20));
}

TEST(FlowLayoutTest, ItemsSitCentredOnTheirLineAndHiddenOnesTakeNoRoom)
{
    FlowFixture f({{60, 30}, {60, 10}, {60, 20}});
    f.blocks[2]->hide();
    f.layOut(400);
    EXPECT_EQ(f.blocks[0]->geometry(), QRect(0, 0, 60, 30));
    EXPECT_EQ(f.blocks[1]->geometry(), QRect(70, 10, 60, 10));
    EXPECT_EQ(f.layout->sizeHint(), QSize(130, 30));
}

TEST(FlowLayoutTest, AnItemWiderThanTheLineIsNarrowedToItDownToItsMinimum)
{
    QWidget host;
    auto* layout = new FlowLayout(&host, 10, 5);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* stretchy = new Block(500, 20, 40);
    auto* rigid = new Block(300, 20);
    layout->addWidget(stretchy);
    layout->addWidget(rigid);
    layout->setGeometry(QRect(0, 0, 200, layout->heightForWidth(200)));
    EXPECT_EQ(stretchy->geometry(), QRect(0, 0, 200, 20));
    EXPECT_EQ(rigid->geometry(), QRect(0, 25, 300, 20));  // cannot shrink: it keeps its minimum
}

TEST(FlowLayoutTest, ExpandingItemsTakeWhatTheirLineLeavesOver)
{
    FlowFixture f({{100, 20}, {50, 20}, {200, 20}});
    f.blocks[1]->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    f.layOut(300);
    // Line one: 100 + 10 + 50 leaves 140, all of it to the expanding item; 200 wraps.
    EXPECT_EQ(f.blocks[0]->geometry(), QRect(0, 0, 100, 20));
    EXPECT_EQ(f.blocks[1]->geometry(), QRect(110, 0, 190, 20));
    EXPECT_EQ(f.blocks[2]->geometry(), QRect(0, 25, 200, 20));
}

TEST(FlowLayoutTest, IgnoredItemsGiveWayInsteadOfWrapping)
{
    FlowFixture f({{100, 20}, {100, 20}});
    // Like a label that elides: 200 px to show it all, any width will do.
    auto* hint = new Block(200, 20, 0);
    f.layout->addWidget(hint);
    hint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    hint->setMinimumWidth(60);
    // Never wider for the hint, nor taller.
    EXPECT_EQ(f.layout->sizeHint().width(), 210);
    EXPECT_EQ(f.layout->heightForWidth(250), 20);
    f.layOut(500);
    EXPECT_EQ(hint->geometry(), QRect(220, 0, 200, 20));  // room for all of it
    f.layOut(300);
    EXPECT_EQ(hint->geometry(), QRect(220, 0, 80, 20));  // what the line leaves
    f.layOut(260);
    EXPECT_TRUE(hint->isHidden());  // 40 left: less than its minimum, so nothing
    f.layOut(300);
    EXPECT_FALSE(hint->isHidden());  // back when there is room again
    EXPECT_EQ(hint->geometry(), QRect(220, 0, 80, 20));
    // A widget hidden by its owner stays hidden.
    hint->hide();
    f.layOut(500);
    EXPECT_TRUE(hint->isHidden());
}

TEST(FlowLayoutTest, InsertedWidgetsTakeTheirPlaceInTheOrder)
{
    FlowFixture f({{50, 20}, {50, 20}});
    auto* first = new Block(30, 20);
    f.layout->insertWidget(0, first);
    EXPECT_EQ(f.layout->indexOf(first), 0);
    EXPECT_EQ(f.layout->count(), 3);
    f.layOut(400);
    EXPECT_EQ(first->geometry().x(), 0);
    EXPECT_EQ(f.blocks[0]->geometry().x(), 40);
    EXPECT_EQ(first->parentWidget(), &f.host);
}

TEST(ElidedLabelTest, ElidesWhenShortOfRoomAndShowsTheWholeTextOnHover)
{
    ElidedLabel label;
    const QString text = QStringLiteral("218 of 230 trials plotted · 12 filtered out · 7 on the Pareto front");
    label.setFullText(text);
    EXPECT_EQ(label.minimumSizeHint().width(), 0);
    EXPECT_GE(label.sizeHint().width(), label.fontMetrics().horizontalAdvance(text));
    label.resize(label.sizeHint());
    EXPECT_EQ(label.text(), text);
    EXPECT_FALSE(label.isElided());

    label.setToolTip(QStringLiteral("Why some trials are not plotted"));
    label.resize(80, label.sizeHint().height());
    label.show();
    EXPECT_TRUE(label.isElided());
    EXPECT_TRUE(label.text().endsWith(QChar(0x2026))) << label.text().toStdString();
    EXPECT_EQ(label.fullText(), text);
    QHelpEvent help(QEvent::ToolTip, QPoint(5, 5), label.mapToGlobal(QPoint(5, 5)));
    QCoreApplication::sendEvent(&label, &help);
    EXPECT_TRUE(QToolTip::text().startsWith(text)) << QToolTip::text().toStdString();
    EXPECT_TRUE(QToolTip::text().endsWith(QStringLiteral("Why some trials are not plotted")))
        << QToolTip::text().toStdString();
    QToolTip::hideText();
}

TEST(PolylineDistanceTest, NearestPointOfTheSegmentsOrTheOnlyPoint)
{
    const QPolygonF line{{0, 0}, {10, 0}, {10, 10}};
    EXPECT_DOUBLE_EQ(distanceToPolyline(line, {5, 3}), 3.0);
    EXPECT_DOUBLE_EQ(distanceToPolyline(line, {13, 5}), 3.0);
    EXPECT_DOUBLE_EQ(distanceToPolyline(line, {-3, -4}), 5.0);
    EXPECT_DOUBLE_EQ(distanceToPolyline(QPolygonF{{2, 2}}, {5, 6}), 5.0);  // a dot
    // A segment of no length is its point.
    EXPECT_DOUBLE_EQ(distanceToPolyline(QPolygonF{{1, 1}, {1, 1}}, {4, 5}), 5.0);
    EXPECT_TRUE(std::isinf(distanceToPolyline({}, {0, 0})));
}

} // namespace
} // namespace tendril::app::plot
