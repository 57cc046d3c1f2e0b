#include "meantime/distribution.hpp"

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "meantime/rng.hpp"
#include "meantime/samplers.hpp"

namespace meantime {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
std::string number(double x) { return format_number(x); }
}  // namespace

std::string format_number(double x) {
  std::ostringstream out;
  out.precision(12);
  out << x;
  return out.str();
}

const std::vector<std::string>& distribution_names() {
  static const std::vector<std::string> names = {"fixed",     "uniform", "triangular", "pert",    "normal",
                                                 "lognormal", "beta",    "gamma",      "research"};
  return names;
}

const char* distribution_name(DistributionKind kind) {
  return distribution_names()[static_cast<std::size_t>(kind)].c_str();
}

DistributionKind distribution_kind_from_name(const std::string& name) {
  const auto& names = distribution_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<DistributionKind>(i);
  }
  std::string valid;
  for (const auto& n : names) valid += (valid.empty() ? "" : ", ") + n;
  throw std::invalid_argument("unknown distribution '" + name + "'; valid: " + valid);
}

const std::vector<std::string>& distribution_parameter_names(DistributionKind kind) {
  static const std::vector<std::vector<std::string>> names = {
      {"value"},           {"min", "max"},    {"min", "mode", "max"}, {"min", "mode", "max"},          {"mean", "sd"},
      {"median", "sigma"}, {"alpha", "beta"}, {"shape", "scale"},     {"asked", "interested", "prior"}};
  return names[static_cast<std::size_t>(kind)];
}

std::string Distribution::parameter_problem() const {
  const auto& names = distribution_parameter_names(kind_);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!std::isfinite(p_[i])) return names[i] + " must be a finite number, got " + number(p_[i]);
  }
  const double a = p_[0], b = p_[1], c = p_[2];
  switch (kind_) {
    case DistributionKind::fixed:
      return {};
    case DistributionKind::uniform:
      if (!(a <= b)) return "min must be <= max, got min=" + number(a) + " > max=" + number(b);
      return {};
    case DistributionKind::triangular:
    case DistributionKind::pert:
      if (!(a <= b && b <= c)) {
        return "needs min <= mode <= max, got min=" + number(a) + ", mode=" + number(b) + ", max=" + number(c);
      }
      return {};
    case DistributionKind::normal:
    case DistributionKind::lognormal:
      if (kind_ == DistributionKind::lognormal && !(a > 0)) return "median must be > 0, got " + number(a);
      if (!(b >= 0)) return names[1] + " must be >= 0, got " + number(b);
      return {};
    case DistributionKind::beta:
    case DistributionKind::gamma:
      if (!(a > 0)) return names[0] + " must be > 0, got " + number(a);
      if (!(b > 0)) return names[1] + " must be > 0, got " + number(b);
      return {};
    case DistributionKind::research:
      if (!(a >= 0 && a == std::floor(a))) return "asked must be a whole number >= 0, got " + number(a);
      if (!(b >= 0 && b == std::floor(b) && b <= a)) {
        return "interested must be a whole number from 0 to asked (" + number(a) + "), got " + number(b);
      }
      if (!(c > 0 && c < 1)) return "prior must be > 0 and < 1 (the share expected before asking), got " + number(c);
      return {};
  }
  return {};
}

double Distribution::mean() const {
  const double a = p_[0], b = p_[1], c = p_[2];
  switch (kind_) {
    case DistributionKind::fixed:
      return a;
    case DistributionKind::uniform:
      return 0.5 * (a + b);
    case DistributionKind::triangular:
      return (a + b + c) / 3.0;
    case DistributionKind::pert:
      return (a + 4.0 * b + c) / 6.0;
    case DistributionKind::normal:
      return a;
    case DistributionKind::lognormal:
      return a * std::exp(0.5 * b * b);
    case DistributionKind::beta:
      return a / (a + b);
    case DistributionKind::gamma:
      return a * b;
    case DistributionKind::research:
      return (b + 2.0 * c) / (a + 2.0);
  }
  return a;
}

double Distribution::support_min() const {
  switch (kind_) {
    case DistributionKind::normal:
      return p_[1] > 0 ? -kInf : p_[0];
    case DistributionKind::lognormal:
    case DistributionKind::beta:
    case DistributionKind::research:
    case DistributionKind::gamma:
      return 0.0;
    default:
      return p_[0];
  }
}

double Distribution::support_max() const {
  switch (kind_) {
    case DistributionKind::fixed:
      return p_[0];
    case DistributionKind::uniform:
      return p_[1];
    case DistributionKind::triangular:
    case DistributionKind::pert:
      return p_[2];
    case DistributionKind::normal:
    case DistributionKind::lognormal:
      return p_[1] > 0 ? kInf : p_[0];  // sd 0: the one value
    case DistributionKind::beta:
    case DistributionKind::research:
      return 1.0;
    case DistributionKind::gamma:
      return kInf;
  }
  return kInf;
}

double Distribution::draw(UniformStream& stream) const {
  const double a = p_[0], b = p_[1], c = p_[2];
  switch (kind_) {
    case DistributionKind::fixed:
      return a;
    case DistributionKind::uniform:
      return a + (b - a) * stream.next();
    case DistributionKind::triangular: {
      if (c <= a) return a;
      const double u = stream.next();
      const double split = (b - a) / (c - a);
      return u < split ? a + std::sqrt(u * (c - a) * (b - a)) : c - std::sqrt((1.0 - u) * (c - a) * (c - b));
    }
    case DistributionKind::pert: {
      if (c <= a) return a;
      const double alpha = 1.0 + 4.0 * (b - a) / (c - a);
      const double beta_ = 1.0 + 4.0 * (c - b) / (c - a);
      return a + (c - a) * beta_variate(alpha, beta_, stream);
    }
    case DistributionKind::normal:
      return a + b * standard_normal(stream);
    case DistributionKind::lognormal:
      return a * std::exp(b * standard_normal(stream));
    case DistributionKind::beta:
      return beta_variate(a, b, stream);
    case DistributionKind::gamma:
      return b * standard_gamma(a, stream);
    case DistributionKind::research:
      return beta_variate(2.0 * c + b, 2.0 * (1.0 - c) + (a - b), stream);
  }
  return a;
}

std::string describe(const Distribution& d) {
  if (d.is_fixed()) return number(d.parameter(0));
  std::string text = distribution_name(d.kind());
  text += "(";
  const auto& names = distribution_parameter_names(d.kind());
  for (std::size_t i = 0; i < names.size(); ++i) {
    text += (i ? ", " : "") + names[i] + "=" + number(d.parameter(i));
  }
  return text + ")";
}

}  // namespace meantime
