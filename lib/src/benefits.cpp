#include "meantime/benefits.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "meantime/tax.hpp"

namespace meantime {

namespace {
constexpr double kWeeksPerYear = 52.0;

double standard_allowance(const Benefits& rule, const Household& h) {
  const bool young = h.age_band == AgeBand::under_25;
  if (h.couple) return young ? rule.standard_allowance_couple_under_25 : rule.standard_allowance_couple;
  return young ? rule.standard_allowance_single_under_25 : rule.standard_allowance_single;
}

// A gross threshold (reg. 90(2): wage x hours x 52 / 12) made net (reg. 62(4)).
double net_threshold(const Benefits& rule, const Tax& tax, double hours_per_week) {
  const double gross = rule.floor_wage_per_hour * hours_per_week * kWeeksPerYear / 12.0;
  return gross - floor_deductions(tax, rule.floor_deductions, gross);
}

double tariff_income(const Benefits& rule, double capital) {
  if (capital <= rule.capital_lower_limit) return 0.0;
  // "£4.35 for each £250, or part of £250" above the lower limit (reg. 72).
  return std::ceil((capital - rule.capital_lower_limit) / rule.tariff_step) * rule.tariff_per_step;
}
}  // namespace

ClaimTerms claim_terms(const Benefits& rule, const Household& h, const Tax& tax) {
  ClaimTerms t;
  const bool limited = h.limited_capability != LimitedCapability::none;
  double lcwra = 0.0;
  if (h.limited_capability == LimitedCapability::lcwra) {
    lcwra = h.lcwra_claim_before_april_2026 ? rule.lcwra_element_before_april_2026 : rule.lcwra_element;
  }
  t.couple = h.couple;
  t.maximum_award = standard_allowance(rule, h) + lcwra + h.housing_costs_per_month;
  if (limited) {
    t.work_allowance =
        h.housing_costs_per_month > 0 ? rule.work_allowance_with_housing : rule.work_allowance_without_housing;
  }
  // Reg. 62(1): the floor is for a claimant in gainful self-employment who would otherwise have
  // all work-related requirements; limited capability for work takes the founder out of that group.
  t.floor_can_apply = rule.minimum_income_floor && h.gainfully_self_employed && !limited;
  t.individual_threshold = net_threshold(rule, tax, h.expected_hours_per_week);
  t.partner_threshold = h.couple ? net_threshold(rule, tax, h.partner_expected_hours_per_week) : 0.0;
  return t;
}

Assessment assess(const Benefits& rule, const ClaimTerms& terms, int month, const EarnedIncome& income, double capital,
                  ClaimState& state) {
  Assessment a;
  // Self-employed earnings less unused losses of earlier assessment periods (regs 57, 57A).
  double self_employed = income.self_employed;
  if (self_employed < 0) {
    state.loss_carried_forward -= self_employed;
    self_employed = 0.0;
  } else {
    const double offset = std::min(self_employed, state.loss_carried_forward);
    state.loss_carried_forward -= offset;
    self_employed -= offset;
  }
  // Reg. 62 compares the floor with the founder's total earned income, wages included.
  double founder = self_employed + income.employed;
  if (terms.floor_can_apply && month > rule.startup_period_months) {
    const double threshold = terms.individual_threshold;
    if (terms.couple) {
      // Reg. 62(3): a couple. Below their own threshold and with the couple below the couple
      // threshold (the sum of the two, reg. 90(3)(a)), the founder is treated as earning their
      // threshold less whatever that plus the partner's earnings would exceed the couple's by.
      const double couple_threshold = threshold + terms.partner_threshold;
      if (founder < threshold && founder + income.partner < couple_threshold) {
        const double treated = threshold - std::max(0.0, threshold + income.partner - couple_threshold);
        a.floor_lift = treated - founder;
        founder = treated;
      }
    } else if (founder < threshold) {
      // Reg. 62(2): a single claimant is treated as earning the threshold.
      a.floor_lift = threshold - founder;
      founder = threshold;
    }
  }
  const double earned = founder + income.partner + state.surplus;
  a.earned_income = earned;
  if (capital > rule.capital_upper_limit) {
    a.award = 0.0;
  } else {
    const double tariff = tariff_income(rule, capital);
    a.award = std::max(0.0, terms.maximum_award - rule.taper * std::max(0.0, earned - terms.work_allowance) - tariff);
    // Surplus earnings (reg. 54A): an award that ends, within six months of the last one, carries
    // earned income above the nil-award level plus the relevant threshold into the next claim.
    if (a.award <= 0.0 && state.months_since_award >= 0 && state.months_since_award < 6 && rule.taper > 0) {
      const double nil_level = terms.work_allowance + std::max(0.0, terms.maximum_award - tariff) / rule.taper;
      state.surplus = std::max(0.0, earned - nil_level - rule.surplus_earnings_threshold);
      state.months_since_award += 1;
      return a;
    }
  }
  state.surplus = 0.0;
  if (a.award > 0.0) {
    state.months_since_award = 0;
  } else if (state.months_since_award >= 0) {
    state.months_since_award += 1;
  }
  return a;
}

double benefit_paid(const Benefits& rule, int month, double award, ClaimState& state) {
  double paid = award;
  if (rule.paid_next_month) {
    paid = state.award_due;
    state.award_due = award;
  }
  if (month == 1) {
    paid += rule.advance;
    state.advance_owed = rule.advance;
  } else if (state.advance_owed > 0) {
    const double instalment = std::min(state.advance_owed, rule.advance / rule.advance_repayment_months);
    state.advance_owed -= instalment;
    paid -= instalment;
  }
  return paid;
}

Benefits universal_credit(int year) {
  // docs/sources.md, Universal Credit rates: House of Commons Library CBP-10105 and CPAG (2025/26);
  // gov.uk proposed rates 2026/27 and SI 2026/113 via PolicyEngine UK's parameters (2026/27).
  Benefits b;  // the declaration's defaults are 2026/27
  if (year == 2025) {
    b.standard_allowance_single_under_25 = 316.98;
    b.standard_allowance_single = 400.14;
    b.standard_allowance_couple_under_25 = 497.55;
    b.standard_allowance_couple = 628.10;
    // One LCWRA rate before the Universal Credit Act 2025.
    b.lcwra_element = 423.27;
    b.lcwra_element_before_april_2026 = 423.27;
    b.work_allowance_with_housing = 411;
    b.work_allowance_without_housing = 684;
    b.floor_wage_per_hour = 12.21;
    // The £2,500 surplus threshold ran to 31 March 2026 (docs/sources.md, Universal Credit rules).
    b.surplus_earnings_threshold = 2500;
  } else if (year != 2026) {
    throw std::invalid_argument("Universal Credit presets exist for 2025 (2025/26) and 2026 (2026/27), got " +
                                std::to_string(year));
  }
  return b;
}

}  // namespace meantime
