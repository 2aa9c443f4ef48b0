// The exploration overview's renderers as pure functions, tested on properties of what they draw:
// dashed histories for survivors of a bracket study, curved mutation links for a PBT study (checked
// in the pixels along a known link), filtered-out trials as grey context only, the selection and
// the hovered trial's lineage on top, and the best-so-far area in the colour of its value.
#include "exploration_fixtures.hpp"
#include "style/plot_colors.hpp"
#include "style/study_colors.hpp"
#include "views/exploration/exploration_paint.hpp"
#include "views/exploration/exploration_render.hpp"

#include <QApplication>
#include <QPainter>
#include <QPalette>

#include <gtest/gtest.h>

#include <cmath>

using namespace tendril;
using namespace tendril::app;
using namespace tendril::app::exploration;
using namespace tendril::app::test;

namespace {

constexpr QSize kCell(420, 220);

bool near(QRgb pixel, const QColor& colour, int tolerance)
{
    return std::abs(qRed(pixel) - colour.red()) <= tolerance && std::abs(qGreen(pixel) - colour.green()) <= tolerance
        && std::abs(qBlue(pixel) - colour.blue()) <= tolerance;
}

// The image composed over the canvas, as the widget shows it.
QImage flattened(const QImage& layer, const QColor& canvas)
{
    QImage out(layer.size(), QImage::Format_RGB32);
    out.fill(canvas);
    QPainter p(&out);
    p.drawImage(0, 0, layer);
    return out;
}

// Whether a pixel within radius of pos is near the colour.
bool colourAround(const QImage& image, QPointF pos, const QColor& colour, int tolerance, int radius = 1)
{
    for (int dy = -radius; dy <= radius; ++dy)
        for (int dx = -radius; dx <= radius; ++dx) {
            const QPoint p(static_cast<int>(std::lround(pos.x())) + dx, static_cast<int>(std::lround(pos.y())) + dy);
            if (image.rect().contains(p) && near(image.pixel(p), colour, tolerance))
                return true;
        }
    return false;
}

class ExplorationRenderTest : public ::testing::Test {
protected:
    void use(const std::vector<Study>& studies)
    {
        table_ = tableOf(studies);
        data_ = std::make_unique<ExplorationData>(table_);
        inputs_.data = data_.get();
        inputs_.colors = PlotColors::of(QApplication::palette());
        inputs_.range = *data_->valueExtent();
        inputs_.font = QApplication::font();
    }

    CellScene scene(std::optional<std::size_t> param)
    {
        frame_ = frameCell(QRectF(QPointF(0, 0), QSizeF(kCell)), axisWidthFor(*data_, param, inputs_.font));
        return param ? buildParamScene(*data_, 0, *param, frame_.plot) : buildPerformanceScene(*data_, 0, frame_.plot);
    }

    QImage render(const CellScene& s, RenderReport* report)
    {
        return flattened(renderCell(s, frame_, inputs_, kCell, 1.0, report), inputs_.colors.canvas);
    }

    std::shared_ptr<const TrialTable> table_;
    std::unique_ptr<ExplorationData> data_;
    RenderInputs inputs_;
    CellFrame frame_;
};

TEST_F(ExplorationRenderTest, BracketSurvivorsHistoriesAreDashedLines)
{
    use({hyperbandStudy()});
    const CellScene lr = scene(0);
    RenderReport report;
    const QImage image = render(lr, &report);
    EXPECT_EQ(report.points, lr.points.size());
    EXPECT_EQ(report.contextPoints, 0u);
    EXPECT_TRUE(report.mutationLinks.empty());
    // One segment per survivor (t4, t5), from its first rung's point to its second.
    ASSERT_EQ(report.dashedSegments.size(), 2u);
    for (std::size_t k = 0; k < 2; ++k) {
        const auto [first, count] = lr.trialPoints[4 + k];
        ASSERT_EQ(count, 2u);
        EXPECT_EQ(report.dashedSegments[k], QLineF(lr.points[first].pos, lr.points[first + 1].pos));
        // Along the segment, away from its points: dashes (ink on the canvas) and gaps (none). A
        // line between pixel rows is shared by the rows around it.
        const QLineF segment = report.dashedSegments[k];
        const QColor canvas = inputs_.colors.canvas;
        int dash = 0, gap = 0;
        for (int x = static_cast<int>(segment.pointAt(0.15).x()); x <= static_cast<int>(segment.pointAt(0.85).x()); ++x) {
            const int y = static_cast<int>(std::floor(segment.pointAt(0.5).y()));
            bool inked = false;
            for (int dy = -1; dy <= 1; ++dy)
                inked = inked || !near(image.pixel(x, y + dy), canvas, 25);
            ++(inked ? dash : gap);
        }
        EXPECT_GT(dash, 20) << "the line is drawn";
        EXPECT_GT(gap, 20) << "and dashed";
    }
}

TEST_F(ExplorationRenderTest, PbtMutationsAreCurvesFromTheParentToTheChild)
{
    Study pbt = pbtStudy();
    pbt.trials[4].setParam("lr", 0.0005);  // g0 takes a far lower learning rate than c0
    use({pbt});
    const CellScene lr = scene(0);
    RenderReport report;
    const QImage image = render(lr, &report);
    ASSERT_EQ(report.mutationLinks.size(), 2u);
    // r0 -> c0 and c0 -> g0: from the parent's point where it was copied to the child's first.
    const std::pair<std::size_t, std::size_t> edges[] = {{0, 3}, {3, 4}};
    for (std::size_t k = 0; k < 2; ++k) {
        const QLineF link = report.mutationLinks[k];
        const auto child = lr.trialPoints[edges[k].second];
        EXPECT_EQ(link.p2(), lr.points[child.first].pos);
        bool fromParent = false;
        const auto parent = lr.trialPoints[edges[k].first];
        for (std::uint32_t i = parent.first; i < parent.first + parent.second; ++i)
            fromParent = fromParent || lr.points[i].pos == link.p1();
        EXPECT_TRUE(fromParent);
    }
    // c0 -> g0 falls from lr 0.012 to 0.0005: the curve leaves and arrives flat, so a
    // quarter of the way along it is still near the parent's height, where a straight line is not.
    const QLineF link = report.mutationLinks[1];
    const QPainterPath curve = linkPath(link.p1(), link.p2());
    const QColor line = mutationLineColor(inputs_.colors);
    int onCurve = 0;
    for (const double t : {0.2, 0.3, 0.7, 0.8})
        onCurve += colourAround(image, curve.pointAtPercent(t), line, 50);
    EXPECT_GE(onCurve, 3);
    const QPointF quarter = curve.pointAtPercent(0.25);
    const double straightY = link.p1().y() + (quarter.x() - link.p1().x()) / link.dx() * link.dy();
    ASSERT_GT(std::fabs(straightY - quarter.y()), 1.5) << "the path bends";
    EXPECT_FALSE(colourAround(image, QPointF(quarter.x(), straightY), line, 30, 0)) << "no straight line drawn";
    EXPECT_TRUE(report.dashedSegments.size() >= 3u) << "members evaluated at several generations";
}

TEST_F(ExplorationRenderTest, FilteredOutTrialsAreDrawnOnlyAsGreyContext)
{
    use({pbtStudy()});
    const CellScene lr = scene(0);
    std::vector<char> visible(table_->rows(), 0);
    visible[0] = 1;  // r0 only
    inputs_.visible = &visible;
    RenderReport report;
    const QImage image = render(lr, &report);
    const std::size_t r0Points = lr.trialPoints[0].second;
    EXPECT_EQ(report.points, r0Points);
    EXPECT_EQ(report.contextPoints, lr.points.size() - r0Points);
    EXPECT_TRUE(report.mutationLinks.empty());
    EXPECT_EQ(report.dashedSegments.size(), r0Points - 1);
    // No colour where the hidden trials are: their points are grey.
    for (std::size_t i = r0Points; i < lr.points.size(); ++i) {
        const QRgb pixel = image.pixel(lr.points[i].pos.toPoint());
        EXPECT_LE(std::max({qRed(pixel), qGreen(pixel), qBlue(pixel)}) - std::min({qRed(pixel), qGreen(pixel), qBlue(pixel)}), 12)
            << "point " << i;
    }
    const ScenePoint& last = lr.points[r0Points - 1];
    EXPECT_TRUE(colourAround(image, last.pos, pointFill(inputs_, last.value), 4));
}

TEST_F(ExplorationRenderTest, PointsTakeThePerformanceColourOfTheirRange)
{
    use({pbtStudy()});
    const CellScene lr = scene(0);
    const auto [first, count] = lr.trialPoints[2];  // r2, alone at lr 0.05
    const ScenePoint& final = lr.points[first + count - 1];
    const QImage whole = render(lr, nullptr);
    EXPECT_TRUE(colourAround(whole, final.pos, performanceColor(data_->performance(final.value, inputs_.range)), 6));
    // A range ending below its value: the deepest colour.
    inputs_.range = {data_->valueExtent()->low, final.value - 0.05};
    const QImage narrowed = render(lr, nullptr);
    EXPECT_TRUE(colourAround(narrowed, final.pos, performanceColor(1.0), 4));
}

TEST_F(ExplorationRenderTest, TheSelectionLayerRingsOnlyTheSelectedTrials)
{
    use({pbtStudy()});
    const CellScene lr = scene(0);
    std::vector<char> selected(table_->rows(), 0);
    selected[3] = 1;  // c0
    const QImage layer = renderSelection(lr, inputs_, selected, kCell, 1.0);
    const auto accentNear = [&](QPointF pos) {
        for (int dy = -8; dy <= 8; ++dy)
            for (int dx = -8; dx <= 8; ++dx) {
                const QPoint p = pos.toPoint() + QPoint(dx, dy);
                if (layer.rect().contains(p) && qAlpha(layer.pixel(p)) > 200 && near(layer.pixel(p), inputs_.colors.accent, 30))
                    return true;
            }
        return false;
    };
    const auto [first, count] = lr.trialPoints[3];
    for (std::uint32_t k = first; k < first + count; ++k)
        EXPECT_TRUE(accentNear(lr.points[k].pos));
    // r2 sits far from c0's points and links: nothing of the selection there.
    const auto r2 = lr.trialPoints[2];
    for (std::uint32_t k = r2.first; k < r2.first + r2.second; ++k)
        EXPECT_FALSE(accentNear(lr.points[k].pos));
    // Nothing selected: an empty layer.
    const QImage none = renderSelection(lr, inputs_, std::vector<char>(table_->rows(), 0), kCell, 1.0);
    EXPECT_EQ(none.pixel(lr.points[first].pos.toPoint()), 0u);
}

TEST_F(ExplorationRenderTest, TheHighlightDrawsExactlyTheHoveredTrialsLineage)
{
    use({pbtStudy()});
    const CellScene lr = scene(0);
    const auto highlight = [&](const std::vector<std::size_t>& family, std::size_t hovered, QImage* into) {
        QImage image(kCell, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter p(&image);
        const std::vector<std::size_t> rows = paintHighlight(p, lr, inputs_, family, hovered);
        p.end();
        if (into)
            *into = image;
        return rows;
    };
    QImage image;
    const std::vector<std::size_t> family = data_->familyRows(3);  // c0: r0, c0, g0
    EXPECT_EQ(highlight(family, 3, &image), family);
    EXPECT_EQ(highlight(data_->familyRows(1), 1, nullptr), std::vector<std::size_t>{1});
    // Rows of another study are not drawn here.
    EXPECT_TRUE(highlight({42}, 42, nullptr).empty());
    // The hovered trial's points wear a ring in the accent colour, 2.2 pixels wide, around a
    // point grown by 4; its relatives' points are outlined in ink; r2, no relative, is not drawn.
    const auto [first, count] = lr.trialPoints[3];
    const double ring = (lr.smallDot + 4.0) / 2.0 - 1.1;
    EXPECT_TRUE(colourAround(image, lr.points[first].pos + QPointF(ring, 0), inputs_.colors.accent, 40, 1));
    const ScenePoint& r0 = lr.points[lr.trialPoints[0].first];
    EXPECT_TRUE(colourAround(image, r0.pos + QPointF((lr.smallDot + 1.5) / 2.0 - 0.6, 0), inputs_.colors.ink, 60, 1));
    const ScenePoint& r2 = lr.points[lr.trialPoints[2].first];
    const QColor veiled = image.pixelColor(r2.pos.toPoint());
    const QColor drawn = pointFill(inputs_, r2.value);
    EXPECT_GT(veiled.lightness(), drawn.lightness() + 30) << "only the veil where r2 is";
}

TEST_F(ExplorationRenderTest, TheBestSoFarAreaTakesTheColourOfItsValue)
{
    use({hyperbandStudy()});
    const CellScene performance = scene(std::nullopt);
    RenderReport report;
    const QImage image = render(performance, &report);
    ASSERT_EQ(report.areaColumns, performance.bestSoFar.size());
    for (std::size_t c = 0; c < performance.bestSoFar.size(); ++c) {
        const QPointF bottom(performance.xAxis.center(c) + performance.xAxis.columnWidth() / 4.0, performance.plot.bottom() - 3.0);
        const QColor expected = performanceColor(data_->performance(performance.bestSoFar[c], inputs_.range));
        EXPECT_TRUE(near(image.pixel(bottom.toPoint()), expected, 3)) << "column " << c;
    }
    EXPECT_TRUE(report.dashedSegments.empty()) << "histories show on hover only";
}

TEST_F(ExplorationRenderTest, AStudyWithoutTheParameterSaysSo)
{
    Study other = pbtStudy("other");
    other.space.params.push_back(Param::floatRange("momentum", 0.0, 1.0));
    other.trials[0].setParam("momentum", 0.5);
    use({pbtStudy(), other});
    ASSERT_EQ(data_->params().size(), 4u);
    RenderReport report;
    const CellScene momentum = scene(3);  // track 0 has no momentum
    render(momentum, &report);
    EXPECT_EQ(report.points, 0u);
    EXPECT_FALSE(data_->tracks()[0].hasParam[3]);
    EXPECT_TRUE(data_->tracks()[1].hasParam[3]);
}

} // namespace
