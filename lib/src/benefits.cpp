#include "meantime/benefits.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace meantime {

double counted_self_employed_earnings(const Benefits& rule, double cash_profit, int month,
                                      double& loss_carried_forward) {
  double counted;
  if (cash_profit < 0) {
    loss_carried_forward -= cash_profit;
    counted = 0.0;
  } else {
    const double offset = std::min(cash_profit, loss_carried_forward);
    loss_carried_forward -= offset;
    counted = cash_profit - offset;
  }
  if (rule.minimum_income_floor && month > rule.startup_period_months) {
    counted = std::max(counted, rule.assumed_earnings_per_month - rule.assumed_deductions_per_month);
  }
  return counted;
}

double benefit_award(const Benefits& rule, double employed_earnings, double self_employed_earnings, double capital) {
  if (capital > rule.capital_upper_limit) return 0.0;
  double tariff = 0.0;
  if (capital > rule.capital_lower_limit) {
    // "£4.35 for each £250, or part of £250" above the lower limit (reg. 72).
    tariff = std::ceil((capital - rule.capital_lower_limit) / rule.tariff_step) * rule.tariff_per_step;
  }
  const double earnings = employed_earnings + self_employed_earnings;
  const double tapered = rule.taper * std::max(0.0, earnings - rule.work_allowance);
  return std::max(0.0, rule.maximum_award - tapered - tariff);
}

Benefits universal_credit_single(int year, bool aged_25_or_over, bool limited_capability, double housing_costs) {
  // docs/sources.md, Universal Credit rates: House of Commons Library CBP-10105 and CPAG (2025/26); gov.uk proposed
  // rates 2026/27 via PolicyEngine UK's parameters.
  struct Rates {
    double under_25, over_25, allowance_with_housing, allowance_without_housing, floor_earnings, floor_deductions;
  };
  Rates rates;
  if (year == 2025) {
    // Floor: NLW £12.21 x 35 x 52 / 12 = £1,851.85; notional income tax 20% and Class 4 NI 6%
    // above £12,570 a year: (22,222.20 - 12,570) x 26% / 12 = £209.13.
    rates = {316.98, 400.14, 411.0, 684.0, 1851.85, 209.13};
  } else if (year == 2026) {
    // Floor: NLW £12.71 x 35 x 52 / 12 = £1,927.68; deductions (23,132.16 - 12,570) x 26% / 12.
    rates = {338.58, 424.90, 427.0, 710.0, 1927.68, 228.85};
  } else {
    throw std::invalid_argument("Universal Credit presets exist for 2025 (2025/26) and 2026 (2026/27), got " +
                                std::to_string(year));
  }
  Benefits b;
  b.enabled = true;
  b.maximum_award = (aged_25_or_over ? rates.over_25 : rates.under_25) + housing_costs;
  // A work allowance only with limited capability for work (or a child); the floor does not
  // apply to those with limited capability (Citizens Advice; docs/sources.md, Universal Credit rules).
  b.work_allowance =
      limited_capability ? (housing_costs > 0 ? rates.allowance_with_housing : rates.allowance_without_housing) : 0.0;
  b.taper = 0.55;
  b.capital_lower_limit = 6000;
  b.capital_upper_limit = 16000;
  b.tariff_per_step = 4.35;
  b.tariff_step = 250;
  b.minimum_income_floor = !limited_capability;
  b.assumed_earnings_per_month = rates.floor_earnings;
  b.assumed_deductions_per_month = rates.floor_deductions;
  b.startup_period_months = 12;
  return b;
}

}  // namespace meantime
