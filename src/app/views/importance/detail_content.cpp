#include "views/importance/detail_content.hpp"

#include <algorithm>
#include <cmath>

namespace tendril::app::importance {

namespace {

QString notAnalysedReason(const engine::ImportanceReport& report, const std::string& param)
{
    for (const engine::ParamImportance& p : report.params)
        if (p.name == param && p.constant)
            return QStringLiteral("%1 has one value in the analysed trials, so it has no curve")
                .arg(QString::fromStdString(param));
    if (std::find(report.droppedParams.begin(), report.droppedParams.end(), param) != report.droppedParams.end())
        return QStringLiteral("%1 is set in under half of the analysed trials and was not analysed")
            .arg(QString::fromStdString(param));
    return QStringLiteral("%1 was not analysed").arg(QString::fromStdString(param));
}

} // namespace

std::shared_ptr<const DetailContent> computeDetail(const DetailRequest& request, const engine::Control& control)
{
    auto content = std::make_shared<DetailContent>();
    content->result = request.result;
    content->term = request.term;
    if (!request.result) {
        content->missing = QStringLiteral("no analysis yet");
        return content;
    }
    const engine::ImportanceReport& report = request.result->report;
    const engine::ImportanceModel* model = report.model.get();
    if (!model) {
        content->missing = report.note.empty() ? QStringLiteral("the forest could not be fitted")
                                               : QString::fromStdString(report.note);
        return content;
    }
    const TermKey& term = request.term;
    for (const std::string* param : {&term.first, &term.second})
        if (!param->empty() && model->columnOf(*param) < 0) {
            content->missing = notAnalysedReason(report, *param);
            return content;
        }
    if (term.isPair()) {
        content->table = model->pairTable(term.second, term.first, request.pairBins, control);
    } else {
        const int column = model->columnOf(term.first);
        const bool log = model->columns()[static_cast<std::size_t>(column)].log;
        content->curve = displayCurve(model->curve(term.first, control), log, request.maxCurveCells);
    }
    return content;
}

engine::MarginalCurve displayCurve(const engine::MarginalCurve& curve, bool log, std::size_t maxCells)
{
    if (curve.categorical || curve.cells() <= maxCells || maxCells == 0 || curve.edges.size() != curve.cells() + 1)
        return curve;
    // Work on the axis the forest integrated on, where cell lengths are the measure.
    std::vector<double> t(curve.edges.size());
    for (std::size_t i = 0; i < t.size(); ++i)
        t[i] = log ? std::log10(curve.edges[i]) : curve.edges[i];
    const double t0 = t.front(), t1 = t.back();
    engine::MarginalCurve out;
    out.column = curve.column;
    out.categorical = false;
    out.edges.resize(maxCells + 1);
    out.mean.assign(maxCells, 0.0);
    out.std.assign(maxCells, 0.0);
    const double width = (t1 - t0) / static_cast<double>(maxCells);
    for (std::size_t b = 0; b <= maxCells; ++b) {
        const double tb = b == maxCells ? t1 : t0 + width * static_cast<double>(b);
        out.edges[b] = log ? std::pow(10.0, tb) : tb;
    }
    out.edges.front() = curve.edges.front();
    out.edges.back() = curve.edges.back();
    std::size_t cell = 0;
    for (std::size_t b = 0; b < maxCells; ++b) {
        const double lo = t0 + width * static_cast<double>(b);
        const double hi = b + 1 == maxCells ? t1 : lo + width;
        double covered = 0.0, mean = 0.0, spread = 0.0;
        while (cell < curve.cells()) {
            const double overlap = std::min(hi, t[cell + 1]) - std::max(lo, t[cell]);
            if (overlap > 0.0) {
                covered += overlap;
                mean += overlap * curve.mean[cell];
                spread += overlap * curve.std[cell];
            }
            if (t[cell + 1] > hi)
                break;  // the cell goes on into the next display cell
            ++cell;
        }
        if (covered > 0.0) {
            out.mean[b] = mean / covered;
            out.std[b] = spread / covered;
        } else {
            // Thinner than rounding: the value of the cell at the display cell's middle.
            const std::size_t at = std::min(cell, curve.cells() - 1);
            out.mean[b] = curve.mean[at];
            out.std[b] = curve.std[at];
        }
    }
    return out;
}

TrialPoints trialPoints(const TrialTable& table, std::size_t xColumn, std::size_t yColumn, std::size_t metricColumn)
{
    TrialPoints points;
    const auto& columns = table.columns();
    if (xColumn >= columns.size() || yColumn >= columns.size())
        return points;
    const std::vector<double>& xs = columns[xColumn].values;
    const std::vector<double>& ys = columns[yColumn].values;
    const std::vector<double>* metric = metricColumn < columns.size() ? &columns[metricColumn].values : nullptr;
    for (std::size_t row = 0; row < table.rows(); ++row) {
        if (!std::isfinite(xs[row]) || !std::isfinite(ys[row]) || table.trial(row).state != TrialState::Complete)
            continue;
        points.rows.push_back(row);
        points.x.push_back(xs[row]);
        points.y.push_back(ys[row]);
        points.metric.push_back(metric ? (*metric)[row] : std::nan(""));
    }
    return points;
}

} // namespace tendril::app::importance
