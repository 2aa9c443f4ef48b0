#include "bohb_kde.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace tendril::search {

BohbDensity::BohbDensity(std::vector<KdeDimension> dims, std::vector<std::vector<double>> data, double minBandwidth)
    : dims_(std::move(dims)), data_(std::move(data))
{
    const double n = static_cast<double>(data_.size());
    const double shrink = std::pow(n, -1.0 / (4.0 + static_cast<double>(dims_.size())));
    for (std::size_t d = 0; d < dims_.size(); ++d) {
        double mean = 0.0;
        for (const auto& row : data_)
            mean += row[d];
        mean /= n;
        double squares = 0.0;
        for (const auto& row : data_)
            squares += (row[d] - mean) * (row[d] - mean);
        // numpy's std: the population standard deviation (ddof = 0), as statsmodels uses it.
        double bandwidth = std::max(1.06 * std::sqrt(squares / n) * shrink, minBandwidth);
        if (dims_[d].categorical()) {
            const double c = static_cast<double>(dims_[d].choices);
            bandwidth = std::min(bandwidth, (c - 1.0) / c);
        }
        bandwidths_.push_back(bandwidth);
    }
}

double BohbDensity::logPdf(const std::vector<double>& point) const
{
    static const double kLogSqrtTwoPi = 0.5 * std::log(2.0 * std::numbers::pi);
    std::vector<double> terms;
    terms.reserve(data_.size());
    for (const auto& row : data_) {
        double logKernel = 0.0;
        for (std::size_t d = 0; d < dims_.size(); ++d) {
            const double h = bandwidths_[d];
            if (dims_[d].categorical()) {
                const double c = static_cast<double>(dims_[d].choices);
                if (c < 2.0)
                    continue;
                logKernel += point[d] == row[d] ? std::log1p(-h) : std::log(h / (c - 1.0));
            } else {
                const double z = (point[d] - row[d]) / h;
                logKernel += -0.5 * z * z - kLogSqrtTwoPi - std::log(h);
            }
        }
        terms.push_back(logKernel);
    }
    const double top = *std::max_element(terms.begin(), terms.end());
    if (!std::isfinite(top))
        return top;
    double sum = 0.0;
    for (double t : terms)
        sum += std::exp(t - top);
    return top + std::log(sum) - std::log(static_cast<double>(data_.size()));
}

} // namespace tendril::search
