#include "sampling.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

namespace tendril::search {

namespace {

// Digits after the decimal point in the shortest text that reads back to d ("1e-05" has 5).
int decimalPlaces(double d)
{
    const std::string text = formatDouble(d);
    const std::size_t e = text.find_first_of("eE");
    const std::string mantissa = text.substr(0, e);
    const std::size_t dot = mantissa.find('.');
    int places = dot == std::string::npos ? 0 : static_cast<int>(mantissa.size() - dot - 1);
    if (e != std::string::npos)
        places -= std::atoi(text.c_str() + e + 1);
    return std::max(places, 0);
}

} // namespace

std::int64_t gridPointCount(double low, double high, double step)
{
    const double intervals = (high - low) / step;
    // (0.7 - 0.3) / 0.1 is 3.9999999999999996: a relative tolerance keeps the end point on the grid.
    return static_cast<std::int64_t>(std::floor(intervals + 1e-9 * std::max(1.0, intervals))) + 1;
}

double gridPoint(double low, double step, std::int64_t k)
{
    const double raw = low + static_cast<double>(k) * step;
    const int places = std::max(decimalPlaces(low), decimalPlaces(step));
    if (places > 22)
        return raw;
    const double scale = std::pow(10.0, places);
    const double scaled = std::nearbyint(raw * scale);
    // Beyond 2^53 the scaled integer is no longer exact and rounding would only add error.
    if (!(std::fabs(scaled) < 0x1.0p53))
        return raw;
    return scaled / scale;
}

SamplingScale::SamplingScale(const Param& param) : type_(param.type), log_(param.log)
{
    if (param.type == ParamType::Categorical) {
        choices_ = param.choices;
        low_ = -0.5;
        high_ = static_cast<double>(choices_.size()) - 0.5;
        single_ = choices_.size() == 1;
        return;
    }
    valueLow_ = param.low;
    valueHigh_ = param.high;
    const std::optional<double> step = param.log ? std::nullopt : param.effectiveStep();
    if (step) {
        step_ = *step;
        valueHigh_ = gridPoint(param.low, *step, gridPointCount(param.low, param.high, *step) - 1);
        cell_ = *step;
        low_ = valueLow_ - 0.5 * *step;
        high_ = valueHigh_ + 0.5 * *step;
    } else if (param.log && param.type == ParamType::Int) {
        low_ = std::log(valueLow_ - 0.5);
        high_ = std::log(valueHigh_ + 0.5);
    } else if (param.log) {
        low_ = std::log(valueLow_);
        high_ = std::log(valueHigh_);
    } else {
        low_ = valueLow_;
        high_ = valueHigh_;
    }
    single_ = valueLow_ == valueHigh_;
}

std::optional<double> SamplingScale::toCoordinate(const Value& value) const
{
    if (categorical()) {
        for (std::size_t i = 0; i < choices_.size(); ++i)
            if (choices_[i] == value)
                return static_cast<double>(i);
        return std::nullopt;
    }
    if (!value.isNumber())
        return std::nullopt;
    const double x = value.toDouble();
    const double tolerance = 1e-9 * std::max({1.0, std::fabs(valueLow_), std::fabs(valueHigh_)});
    if (!(x >= valueLow_ - tolerance && x <= valueHigh_ + tolerance))
        return std::nullopt;
    const double inside = std::clamp(x, valueLow_, valueHigh_);
    return log_ ? std::log(inside) : inside;
}

Value SamplingScale::toValue(double coordinate) const
{
    if (categorical()) {
        const double index = std::clamp(std::nearbyint(coordinate), 0.0, static_cast<double>(choices_.size() - 1));
        return choices_[static_cast<std::size_t>(index)];
    }
    double x;
    if (step_) {
        const std::int64_t last = gridPointCount(valueLow_, valueHigh_, *step_) - 1;
        const double k = std::clamp(std::nearbyint((coordinate - valueLow_) / *step_), 0.0, static_cast<double>(last));
        x = gridPoint(valueLow_, *step_, static_cast<std::int64_t>(k));
    } else if (log_) {
        x = std::exp(coordinate);
        if (type_ == ParamType::Int)
            x = std::nearbyint(x);
    } else {
        x = coordinate;
    }
    x = std::clamp(x, valueLow_, valueHigh_);
    if (type_ == ParamType::Int)
        return Value(static_cast<std::int64_t>(std::llround(x)));
    return Value(x);
}

double SamplingScale::snap(double coordinate) const
{
    return *toCoordinate(toValue(coordinate));
}

Value sampleUniform(const SamplingScale& scale, SearchRng& rng)
{
    if (scale.categorical())
        return scale.toValue(static_cast<double>(rng.below(scale.choiceCount())));
    return scale.toValue(rng.uniform(scale.low(), scale.high()));
}

std::vector<SamplingScale> samplingScales(const SearchSpace& space)
{
    std::vector<SamplingScale> scales;
    scales.reserve(space.size());
    for (const Param& param : space.params)
        scales.emplace_back(param);
    return scales;
}

ParamValues sampleUniform(const SearchSpace& space, const std::vector<SamplingScale>& scales, SearchRng& rng)
{
    ParamValues values;
    values.reserve(space.size());
    for (std::size_t i = 0; i < space.size(); ++i)
        values.emplace_back(space.params[i].name, sampleUniform(scales[i], rng));
    return values;
}

} // namespace tendril::search
