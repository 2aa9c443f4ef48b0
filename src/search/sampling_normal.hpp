// The standard normal distribution truncated to an interval, computed in log space so that far
// tails (a narrow kernel evaluated many bandwidths away) stay finite: what the Parzen estimators
// need to draw candidates and to weigh them.
#pragma once

namespace tendril::search {

// log Phi(x), accurate in the left tail (asymptotic series below -20).
double logNormalCdf(double x);
// log (Phi(b) - Phi(a)) for a <= b; -infinity for an empty interval.
double logNormalMass(double a, double b);
// The x with log Phi(x) = logP, for logP <= 0.
double normalQuantileFromLog(double logP);
// The u-quantile (0 <= u < 1) of the standard normal truncated to [a, b], a < b.
double truncatedNormalQuantile(double u, double a, double b);
// log of the standard normal density.
double logNormalDensity(double x);
// log(exp(p) + exp(q)) without overflow; -infinity terms drop out.
double logAddExp(double p, double q);

} // namespace tendril::search
