#include "sampling_normal.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace tendril::search {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const double kLogSqrtTwoPi = 0.5 * std::log(2.0 * std::numbers::pi);

double normalCdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

// log(exp(p) - exp(q)) for p >= q.
double logDiffExp(double p, double q)
{
    if (q == -kInf)
        return p;
    if (p <= q)
        return -kInf;
    return p + std::log1p(-std::exp(q - p));
}

// Solves log Phi(x) = logP for logP <= log(1/2) (so x <= 0). Newton's method on the concave,
// increasing log Phi never overshoots the root from the left, so it converges from any start; the
// rational start (Abramowitz and Stegun 26.2.23, error below 4.5e-4) makes that three or four steps.
double leftQuantile(double logP)
{
    const double t = std::sqrt(-2.0 * logP);
    double x = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) /
                         (1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
    for (int i = 0; i < 60; ++i) {
        const double logCdf = logNormalCdf(x);
        const double slope = std::exp(logNormalDensity(x) - logCdf);
        const double dx = (logCdf - logP) / slope;
        x -= dx;
        if (std::fabs(dx) <= 1e-15 * std::max(1.0, std::fabs(x)))
            break;
    }
    return x;
}

} // namespace

double logNormalDensity(double x) { return -0.5 * x * x - kLogSqrtTwoPi; }

double logAddExp(double p, double q)
{
    if (p == -kInf)
        return q;
    if (q == -kInf)
        return p;
    const double top = std::max(p, q);
    return top + std::log1p(std::exp(-std::fabs(p - q)));
}

double logNormalCdf(double x)
{
    if (x > 6.0)
        return std::log1p(-normalCdf(-x));
    if (x > -20.0)
        return std::log(normalCdf(x));
    // Phi(x) = phi(x) / -x * (1 - 1/x^2 + 3/x^4 - 15/x^6 + ...): summed until the terms stop
    // changing the total (the series is asymptotic; at |x| >= 20 it settles long before diverging).
    const double inverseSquare = 1.0 / (x * x);
    double total = 1.0, term = 1.0;
    for (int i = 1; i < 100; ++i) {
        const double next = -term * (2.0 * i - 1.0) * inverseSquare;
        if (std::fabs(next) >= std::fabs(term) || total + next == total)
            break;
        term = next;
        total += term;
    }
    return logNormalDensity(x) - std::log(-x) + std::log(total);
}

double logNormalMass(double a, double b)
{
    if (!(a < b))
        return -kInf;
    // Work in the left tail, where the cdf keeps its relative precision.
    if (b <= 0.0)
        return logDiffExp(logNormalCdf(b), logNormalCdf(a));
    if (a > 0.0)
        return logNormalMass(-b, -a);
    return std::log1p(-normalCdf(a) - normalCdf(-b));
}

double normalQuantileFromLog(double logP)
{
    if (logP == -kInf)
        return -kInf;
    if (logP >= 0.0)
        return kInf;
    if (logP <= -std::numbers::ln2)
        return leftQuantile(logP);
    return -leftQuantile(std::log(-std::expm1(logP)));
}

double truncatedNormalQuantile(double u, double a, double b)
{
    const double logMass = logNormalMass(a, b);
    double x;
    if (a < 0.0) {
        x = normalQuantileFromLog(logAddExp(logNormalCdf(a), std::log(u) + logMass));
    } else {
        // Mirror the right tail onto the left one.
        x = -normalQuantileFromLog(logAddExp(logNormalCdf(-b), std::log1p(-u) + logMass));
    }
    return std::clamp(x, a, b);
}

} // namespace tendril::search
