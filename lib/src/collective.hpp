// A collective of providers in a town: named costs shared by a split rule, a membership fee,
// and cover for an ill member's sessions from the others' spare capacity.
#pragma once

#include <cstdint>
#include <vector>

#include "business.hpp"
#include "meantime/scenario.hpp"

namespace meantime {

// What the collective needs to know of one provider's month (after the demand half).
struct MemberMonth {
  bool member = false;   // a collective_member of an enabled collective
  bool trading = false;  // has not failed
  bool ill = false;
  std::int64_t deliverable = 0;  // booked sessions its healthy capacity allows
  std::int64_t lost = 0;         // of those, lost to illness
  std::int64_t spare = 0;        // healthy capacity left after its own bookings
  double price_per_session = 0;
  double shared_items_alone = 0;  // what it pays alone for the items the collective shares
};

// The provider's cost items the collective pays instead (0 for a non-member or without a
// collective), and the rest, which the provider pays itself.
double shared_items(const Collective& c, const Provider& p);
double own_items(const Collective& c, const Provider& p);
// The collective's shared costs a month, in all.
double shared_costs(const Collective& c);
bool is_member(const Collective& c, const Provider& p);

// Each provider's CollectiveMonth: shares of the shared costs and the fee (split among the
// members still trading; a member that has failed pays its own items again), and cover
// (ill members in order take sessions from the others in order, as far as their spare capacity
// times cover_share allows).
std::vector<CollectiveMonth> collective_month(const Collective& c, const std::vector<MemberMonth>& members);

}  // namespace meantime
