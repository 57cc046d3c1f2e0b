#include "collective.hpp"

#include <algorithm>
#include <cmath>

namespace meantime {

namespace {
// The four named items, as (collective's, provider's alone) pairs.
template <class F>
void for_each_item(const Collective& c, const Provider& p, F&& f) {
  f(c.insurance, p.costs.insurance);
  f(c.premises, p.costs.premises);
  f(c.admin, p.costs.admin);
  f(c.booking_system, p.costs.booking_system);
}
}  // namespace

bool is_member(const Collective& c, const Provider& p) { return c.enabled && p.collective_member; }

double shared_items(const Collective& c, const Provider& p) {
  double total = 0;
  if (!is_member(c, p)) return total;
  for_each_item(c, p, [&](const SharedCost& item, double alone) {
    if (item.shared) total += alone;
  });
  return total;
}

double own_items(const Collective& c, const Provider& p) {
  double total = 0;
  const bool member = is_member(c, p);
  for_each_item(c, p, [&](const SharedCost& item, double alone) {
    if (!(member && item.shared)) total += alone;
  });
  return total;
}

double shared_costs(const Collective& c) {
  double total = 0;
  for (const SharedCost* item : {&c.insurance, &c.premises, &c.admin, &c.booking_system}) {
    if (item->shared) total += item->cost_per_month;
  }
  return total;
}

std::vector<CollectiveMonth> collective_month(const Collective& c, const std::vector<MemberMonth>& members) {
  std::vector<CollectiveMonth> out(members.size());
  if (!c.enabled) return out;
  auto active = [](const MemberMonth& m) { return m.member && m.trading; };

  // Costs: split among the members still trading.
  std::vector<double> weight(members.size(), 0.0);
  double total_weight = 0;
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (!active(members[i])) continue;
    const auto sessions = static_cast<double>(members[i].deliverable);
    weight[i] = c.split == SplitRule::equal         ? 1.0
                : c.split == SplitRule::by_sessions ? sessions
                                                    : sessions * members[i].price_per_session;
    total_weight += weight[i];
  }
  std::size_t trading_members = 0;
  for (const auto& m : members) trading_members += active(m) ? 1 : 0;
  const double costs = shared_costs(c);
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (!members[i].member) continue;
    if (!members[i].trading) {
      out[i].costs = members[i].shared_items_alone;
      continue;
    }
    // A month without sessions (or revenue) among the members splits equally.
    const double share = total_weight > 0 ? weight[i] / total_weight : 1.0 / static_cast<double>(trading_members);
    out[i].costs = costs * share + c.membership_fee_per_month;
  }

  // Cover: ill members in order, from the others' spare capacity in order.
  if (!c.cover) return out;
  std::vector<std::int64_t> offered(members.size(), 0);
  for (std::size_t k = 0; k < members.size(); ++k) {
    if (active(members[k]) && !members[k].ill) {
      offered[k] = static_cast<std::int64_t>(std::floor(c.cover_share * static_cast<double>(members[k].spare) + 1e-9));
    }
  }
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (!active(members[i]) || !members[i].ill) continue;
    std::int64_t need = members[i].lost;
    for (std::size_t k = 0; k < members.size() && need > 0; ++k) {
      const std::int64_t given = std::min(need, offered[k]);
      if (given == 0) continue;
      offered[k] -= given;
      need -= given;
      out[k].covered_for_others += given;
      out[i].covered_for_me += given;
    }
  }
  for (auto& o : out) o.cover_payment_per_session = c.cover_payment_per_session;
  return out;
}

}  // namespace meantime
