#include "meantime/validate.hpp"

#include <cmath>

#include "meantime/errors.hpp"
#include "meantime/fields.hpp"
#include "meantime/town.hpp"

namespace meantime {

namespace {

std::string number(double x) { return format_number(x); }

std::string range_rule(const FieldMeta& meta) {
  std::string rule;
  if (std::isfinite(meta.min)) rule = std::string(meta.min_open ? "> " : ">= ") + number(meta.min);
  if (std::isfinite(meta.max)) rule += (rule.empty() ? "<= " : " and <= ") + number(meta.max);
  return rule;
}

void check_number(const std::string& path, double value, const FieldMeta& meta) {
  if (!std::isfinite(value)) throw ScenarioError(path, "must be a finite number, got " + number(value));
  const bool below = meta.min_open ? !(value > meta.min) : !(value >= meta.min);
  if (below || value > meta.max) throw ScenarioError(path, "must be " + range_rule(meta) + ", got " + number(value));
}

void check_distribution(const std::string& path, const Distribution& d, const FieldMeta& meta) {
  if (d.is_fixed()) {
    check_number(path, d.parameter(0), meta);
    return;
  }
  const std::string problem = d.parameter_problem();
  if (!problem.empty()) throw ScenarioError(path, std::string(distribution_name(d.kind())) + ": " + problem);
  // Unbounded tails (normal, lognormal, gamma) are allowed on a bounded field only when the
  // bound lies beyond the 5-sigma point (a chance below 3e-7 per path); such rare draws are
  // clamped to the range.
  double low = d.support_min(), high = d.support_max();
  const double a = d.parameter(0), b = d.parameter(1);
  if (d.kind() == DistributionKind::normal) {
    low = a - 5 * b;
    high = a + 5 * b;
  } else if (d.kind() == DistributionKind::lognormal) {
    high = a * std::exp(5 * b);
  } else if (d.kind() == DistributionKind::gamma) {
    high = a * b + 7 * std::sqrt(a) * b;  // far past the 1 - 3e-7 quantile for shape >= 0.5
  }
  if (low < meta.min || high > meta.max) {
    throw ScenarioError(path, describe(d) + " reaches outside the valid range (" + range_rule(meta) + "): from " +
                                  number(low) + " to " + number(high) +
                                  "; use a bounded distribution (uniform, triangular, pert, beta) or narrow it");
  }
}
}  // namespace

namespace {

void check_lists(const Scenario& scenario) {
  for_each_field(
      scenario, [](const std::string&, const auto&, const FieldMeta&) {},
      [](const std::string& path, const auto& list, const FieldMeta& meta) {
        if (static_cast<double>(list.size()) > meta.max) {
          throw ScenarioError(path,
                              "can hold at most " + number(meta.max) + " items, got " + std::to_string(list.size()));
        }
      });
}

void check_cross_field_rules(const Scenario& s) {
  const auto& m = s.market;
  if (m.innovation.support_max() + m.imitation.support_max() > 1.0) {
    throw ScenarioError("market.imitation", "innovation + imitation must be <= 1 (a monthly probability), got up to " +
                                                number(m.innovation.support_max() + m.imitation.support_max()));
  }
  const auto& routes = m.routes;
  if (routes.enabled) {
    const double residents = routes.direct_payment.share + routes.health_budget.share + routes.service_fund.share +
                             (routes.council_list ? routes.council_managed.share : 0.0) + routes.self_funded.share;
    if (!(residents > 0)) {
      throw ScenarioError("market.routes",
                          "with routes enabled, at least one route (council_managed only with "
                          "council_list) needs a share of residents > 0");
    }
    if (residents > 1.0 + 1e-9) {
      throw ScenarioError("market.routes",
                          "the routes' shares of residents must add up to at most 1, got " + number(residents));
    }
  }
  const auto& r = s.run;
  if (r.sustained_months > r.months) {
    throw ScenarioError("run.sustained_months", "must be <= run.months (" + std::to_string(r.months) + "), got " +
                                                    std::to_string(r.sustained_months));
  }
  const auto& p = s.payments;
  const double shares =
      p.direct_payment.share + p.individual_service_fund.share + p.personal_health_budget.share + p.self_funded.share;
  if (std::fabs(shares - 1.0) > 1e-9) {
    throw ScenarioError("payments", "the channels' shares must add up to 1, got " + number(shares));
  }
  if (s.household.job_hours_per_week > s.business.founder_hours_per_week) {
    throw ScenarioError("household.job_hours_per_week",
                        "must be <= business.founder_hours_per_week (" + number(s.business.founder_hours_per_week) +
                            "): a job's hours come out of the founder's working hours, got " +
                            number(s.household.job_hours_per_week));
  }
  const double hours = s.business.founder_hours_per_week + s.staff.hours_per_week;
  if (hours > kMaxFte * kHoursPerFte + 1e-9) {
    throw ScenarioError("staff.hours_per_week", "founder and staff must stay within 5 FTE (" +
                                                    number(kMaxFte * kHoursPerFte) + " hours a week), got " +
                                                    number(hours) + " hours (" + number(hours / kHoursPerFte) +
                                                    " FTE)");
  }
  const auto& b = s.benefits;
  if (b.capital_lower_limit > b.capital_upper_limit) {
    throw ScenarioError(
        "benefits.capital_upper_limit",
        "must be >= capital_lower_limit (" + number(b.capital_lower_limit) + "), got " + number(b.capital_upper_limit));
  }
  if (s.household.children != 0) {
    throw ScenarioError("household.children",
                        "children are not modelled (no child element, childcare or work allowance for a parent): "
                        "must be 0, got " +
                            std::to_string(s.household.children));
  }
  if (s.tax.class4_upper_profits_limit < s.tax.class4_lower_profits_limit) {
    throw ScenarioError("tax.class4_upper_profits_limit", "must be >= class4_lower_profits_limit (" +
                                                              number(s.tax.class4_lower_profits_limit) + "), got " +
                                                              number(s.tax.class4_upper_profits_limit));
  }
  if (s.tax.class1_upper_earnings_limit < s.tax.class1_primary_threshold) {
    throw ScenarioError("tax.class1_upper_earnings_limit", "must be >= class1_primary_threshold (" +
                                                               number(s.tax.class1_primary_threshold) + "), got " +
                                                               number(s.tax.class1_upper_earnings_limit));
  }
  const auto& g = s.group;
  if (g.maximum_size < g.minimum_size) {
    throw ScenarioError("group.maximum_size", "must be >= group.minimum_size (" + std::to_string(g.minimum_size) +
                                                  "), got " + std::to_string(g.maximum_size));
  }
  if (g.enabled) {
    // Every group's meetings must fit in the client-facing hours of founder and staff.
    const double client_hours =
        (s.business.founder_hours_per_week - s.household.job_hours_per_week + s.staff.hours_per_week) * (52.0 / 12.0) *
        s.business.client_facing_share;
    const double group_hours = g.max_groups * g.meetings_per_month * g.meeting_hours;
    if (group_hours > client_hours + 1e-9) {
      throw ScenarioError(
          "group.max_groups",
          "the groups' meetings (max_groups x meetings_per_month x meeting_hours = " + number(group_hours) +
              " hours a month) must fit in the client-facing hours of founder and "
              "staff (" +
              number(client_hours) + " hours a month), got " + std::to_string(g.max_groups) + " groups");
    }
  }
  // Money that arrives after the horizon is almost certainly a mistake in the month.
  auto check_month = [&](const std::string& list, std::size_t i, int month) {
    if (month > r.months) {
      throw ScenarioError(list + "[" + std::to_string(i) + "].month",
                          "must be <= run.months (" + std::to_string(r.months) + "), got " + std::to_string(month));
    }
  };
  for (std::size_t i = 0; i < s.funding.grants.size(); ++i) check_month("funding.grants", i, s.funding.grants[i].month);
  for (std::size_t i = 0; i < s.funding.loans.size(); ++i) check_month("funding.loans", i, s.funding.loans[i].month);
}

// A town: each provider's own records obey the single-provider rules (named with their
// place: "providers[2].staff.hours_per_week"), identities are distinct, and the town's and the
// collective's settings have providers to apply to.
void check_town_rules(const Scenario& s) {
  if (s.providers.empty()) {
    if (s.collective.enabled) throw ScenarioError("collective.enabled", "a collective needs a providers list");
    if (s.town.shared_market) throw ScenarioError("town.shared_market", "a shared market needs a providers list");
    return;
  }
  for (std::size_t i = 0; i < s.providers.size(); ++i) {
    const std::string place = "providers[" + std::to_string(i) + "]";
    for (std::size_t j = 0; j < i; ++j) {
      if (s.providers[j].stream == s.providers[i].stream) {
        throw ScenarioError(place + ".stream", "must differ from every other provider's (providers[" +
                                                   std::to_string(j) + "] has " +
                                                   std::to_string(s.providers[i].stream) + ")");
      }
    }
    try {
      check_cross_field_rules(provider_scenario(s, i));
    } catch (const ScenarioError& e) {
      throw ScenarioError(place + "." + e.field(), e.rule());
    }
  }
  if (s.collective.enabled) {
    std::size_t members = 0;
    for (const Provider& p : s.providers) members += p.collective_member ? 1 : 0;
    if (members == 0) {
      throw ScenarioError("collective.enabled", "no provider has collective_member set");
    }
  }
}

}  // namespace

void validate(const Scenario& scenario) {
  check_lists(scenario);
  for_each_field(scenario, [](const std::string& path, const auto& member, const FieldMeta& meta) {
    using T = std::decay_t<decltype(member)>;
    if constexpr (std::is_same_v<T, double>)
      check_number(path, member, meta);
    else if constexpr (std::is_same_v<T, int>)
      check_number(path, static_cast<double>(member), meta);
    else if constexpr (std::is_same_v<T, Distribution>)
      check_distribution(path, member, meta);
    else if constexpr (IsChoice<T>::value) {
      if (static_cast<std::size_t>(member) >= ChoiceNames<T>::names().size()) {
        throw ScenarioError(path, "is not one of the valid choices");
      }
    }
  });
  check_cross_field_rules(scenario);
  check_town_rules(scenario);
}

}  // namespace meantime
