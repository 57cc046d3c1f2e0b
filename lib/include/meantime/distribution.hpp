// An uncertain parameter that is constant over time: drawn once per path from one of a few
// families. A `Distribution` is a small value type; `fixed(x)` is the certain case.
#pragma once

#include <array>
#include <string>
#include <vector>

namespace meantime {

class UniformStream;

enum class DistributionKind { fixed, uniform, triangular, pert, normal, lognormal, beta, gamma, research };

// The parameter names of each family, in the order they are stored.
//   fixed(value)                      uniform(min, max)
//   triangular(min, mode, max)        pert(min, mode, max)   (Beta-PERT, lambda = 4)
//   normal(mean, sd)                  lognormal(median, sigma)  (sigma of the log)
//   beta(alpha, beta)                 gamma(shape, scale)
//   research(asked, interested, prior)  market research: "asked n, k were interested" is the
//                                     Beta(2m + k, 2(1 - m) + n - k) posterior of a Beta(2m, 2(1 - m))
//                                     prior with mean m = `prior`, worth two people asked (the
//                                     uniform prior when m = 1/2)
const std::vector<std::string>& distribution_parameter_names(DistributionKind kind);
const char* distribution_name(DistributionKind kind);
// Throws std::invalid_argument listing the valid names when `name` is unknown.
DistributionKind distribution_kind_from_name(const std::string& name);
const std::vector<std::string>& distribution_names();

class Distribution {
 public:
  Distribution() = default;
  Distribution(double value)
      : kind_(DistributionKind::fixed), p_{value, 0, 0} {}  // NOLINT: a number is a fixed distribution
  Distribution(DistributionKind kind, std::array<double, 3> parameters) : kind_(kind), p_(parameters) {}

  DistributionKind kind() const noexcept { return kind_; }
  const std::array<double, 3>& parameters() const noexcept { return p_; }
  double parameter(std::size_t i) const { return p_.at(i); }
  bool is_fixed() const noexcept { return kind_ == DistributionKind::fixed; }

  double mean() const;
  // Smallest and largest values a draw can take (may be +-infinity).
  double support_min() const;
  double support_max() const;
  // One draw, consuming uniforms from `stream` (rejection samplers may take several).
  double draw(UniformStream& stream) const;

  // Empty when the parameters are usable; otherwise the broken rule in words.
  std::string parameter_problem() const;

  bool operator==(const Distribution& other) const { return kind_ == other.kind_ && p_ == other.p_; }
  bool operator!=(const Distribution& other) const { return !(*this == other); }

 private:
  DistributionKind kind_ = DistributionKind::fixed;
  std::array<double, 3> p_{0, 0, 0};
};

inline Distribution fixed(double value) { return Distribution(value); }
inline Distribution uniform(double min, double max) { return {DistributionKind::uniform, {min, max, 0}}; }
inline Distribution triangular(double min, double mode, double max) {
  return {DistributionKind::triangular, {min, mode, max}};
}
inline Distribution pert(double min, double mode, double max) { return {DistributionKind::pert, {min, mode, max}}; }
inline Distribution normal(double mean, double sd) { return {DistributionKind::normal, {mean, sd, 0}}; }
inline Distribution lognormal(double median, double sigma) { return {DistributionKind::lognormal, {median, sigma, 0}}; }
inline Distribution beta(double alpha, double beta_) { return {DistributionKind::beta, {alpha, beta_, 0}}; }
inline Distribution gamma(double shape, double scale) { return {DistributionKind::gamma, {shape, scale, 0}}; }
// The prior's mean when none is given: a few percent (illustrative), so that asking nobody
// gives no rosier an answer than asking (the uniform prior, 1/2, made an unasked share 50%).
inline constexpr double kResearchPrior = 0.05;
inline Distribution research(double asked, double interested, double prior = kResearchPrior) {
  return {DistributionKind::research, {asked, interested, prior}};
}

std::string describe(const Distribution& d);  // "triangular(min=1, mode=2, max=4)"

// A number as meantime's messages and docs write it: up to 12 significant digits.
std::string format_number(double x);

}  // namespace meantime
