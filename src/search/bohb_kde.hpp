// The kernel density estimator BOHB models good and bad configurations with (hpbandster's use of
// statsmodels' KDEMultivariate): one product kernel per observation, Gaussian in numeric
// dimensions and Aitchison-Aitken in categorical ones, with Scott's normal-reference bandwidth
// 1.06 · std · n^(−1/(D+4)) per dimension, floored at a minimum bandwidth. Numeric dimensions are
// the parameter's sampling coordinate scaled to [0, 1]; categorical ones the choice index.
#pragma once

#include <cstddef>
#include <vector>

namespace tendril::search {

struct KdeDimension {
    std::size_t choices = 0;  // 0 for a numeric dimension
    bool categorical() const { return choices != 0; }
};

class BohbDensity {
public:
    BohbDensity(std::vector<KdeDimension> dims, std::vector<std::vector<double>> data, double minBandwidth);

    std::size_t size() const { return data_.size(); }
    const std::vector<std::vector<double>>& data() const { return data_; }
    // Per dimension: the Gaussian's standard deviation, or the categorical kernel's λ (the mass
    // it spreads over the other choices), which stays at most (c − 1)/c so that the kernel never
    // favours the other choices over the observed one (statsmodels leaves it unbounded).
    const std::vector<double>& bandwidths() const { return bandwidths_; }
    // log of the density at a point (snapped coordinates).
    double logPdf(const std::vector<double>& point) const;

private:
    std::vector<KdeDimension> dims_;
    std::vector<std::vector<double>> data_;
    std::vector<double> bandwidths_;
};

} // namespace tendril::search
