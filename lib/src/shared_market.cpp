#include "shared_market.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "market.hpp"

namespace meantime {

std::vector<double> choice_probabilities(const std::vector<Offer>& offers, double median_per_hour, double spread,
                                         const Town& town) {
  std::vector<double> p(kFirstOffer + offers.size(), 0.0);
  std::vector<std::size_t> order;  // trading offers, cheapest first
  for (std::size_t j = 0; j < offers.size(); ++j) {
    if (offers[j].trading) order.push_back(j);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return offers[a].price_per_hour < offers[b].price_per_hour; });
  auto afford = [&](std::size_t rank) {  // share who can afford the offer of this rank
    return affordable_share(offers[order[rank]].price_per_hour, median_per_hour, spread);
  };
  auto utility = [&](std::size_t j) { return offers[j].fit - town.price_coefficient * offers[j].price_per_hour; };
  p[kCouldNotAfford] = order.empty() ? 1.0 : 1.0 - afford(0);
  for (std::size_t k = 1; k <= order.size(); ++k) {
    // Exactly the k cheapest are affordable.
    const double share = afford(k - 1) - (k < order.size() ? afford(k) : 0.0);
    if (!(share > 0)) continue;
    // Logit over the k offers (and buying none), shifted by the largest utility for stability.
    double top = town.outside_option ? town.none_utility : -INFINITY;
    for (std::size_t r = 0; r < k; ++r) top = std::max(top, utility(order[r]));
    double denominator = town.outside_option ? std::exp(town.none_utility - top) : 0.0;
    for (std::size_t r = 0; r < k; ++r) denominator += std::exp(utility(order[r]) - top);
    if (town.outside_option) p[kBoughtNone] += share * std::exp(town.none_utility - top) / denominator;
    for (std::size_t r = 0; r < k; ++r) {
      p[kFirstOffer + order[r]] += share * std::exp(utility(order[r]) - top) / denominator;
    }
  }
  return p;
}

std::vector<std::int64_t> split_prospects(std::int64_t prospects, const std::vector<double>& probabilities,
                                          MonthDraws& draws) {
  std::vector<std::int64_t> counts(probabilities.size(), 0);
  std::int64_t left = prospects;
  double mass_left = std::accumulate(probabilities.begin(), probabilities.end(), 0.0);
  for (std::size_t c = 0; c + 1 < probabilities.size() && left > 0; ++c) {
    if (!(probabilities[c] > 0)) continue;
    const double conditional = mass_left > 0 ? std::clamp(probabilities[c] / mass_left, 0.0, 1.0) : 1.0;
    counts[c] =
        conditional >= 1.0 ? left : draws.binomial(MonthDraw::town_choice, static_cast<unsigned>(c), left, conditional);
    left -= counts[c];
    mass_left -= probabilities[c];
  }
  // What is left goes to the last category with any chance (the conditional chance there is 1).
  for (std::size_t c = probabilities.size(); c-- > 0;) {
    if (probabilities[c] > 0 || c == kCouldNotAfford) {
      counts[c] += left;
      break;
    }
  }
  return counts;
}

}  // namespace meantime
