// A town's shared market: one pool of budget holders, several offers, and each newly aware
// prospect's choice among the offers they can afford by a multinomial logit (see Town in
// scenario.hpp). Counts, not individuals: a month's prospects are split among "could afford
// nothing", "bought none" and each offer by one multinomial draw.
#pragma once

#include <cstdint>
#include <vector>

#include "draws.hpp"
#include "meantime/scenario.hpp"

namespace meantime {

struct Offer {
  double price_per_hour = 0;
  double fit = 0;
  bool trading = true;  // a provider that has failed offers nothing
};

// Choice categories: kCouldNotAfford, kBoughtNone, then offer j at kFirstOffer + j.
inline constexpr std::size_t kCouldNotAfford = 0;
inline constexpr std::size_t kBoughtNone = 1;
inline constexpr std::size_t kFirstOffer = 2;
static_assert(kFirstOffer + static_cast<std::size_t>(kMaxProviders) == kTownChoiceCategories,
              "every category has its town_choice draw (draws.hpp)");

// One newly aware prospect's probabilities of each category. Reservation prices per hour are
// lognormal (median, log sd `spread`; spread 0: everyone's is the median) and an offer is
// affordable when its price per hour is at most the prospect's. The affordable sets are nested
// (the k cheapest offers), so the probabilities are a sum over k of P(exactly the k cheapest are
// affordable) x the logit shares among those k (and buying none, with town.outside_option).
std::vector<double> choice_probabilities(const std::vector<Offer>& offers, double median_per_hour, double spread,
                                         const Town& town);

// Splits `prospects` among the categories with `probabilities` (a multinomial, drawn as one
// conditional binomial per category from its own draw slot; rounded expectations in
// deterministic runs). Returns counts per category, summing to `prospects`.
std::vector<std::int64_t> split_prospects(std::int64_t prospects, const std::vector<double>& probabilities,
                                          MonthDraws& draws);

}  // namespace meantime
