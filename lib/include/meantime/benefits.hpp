// Universal Credit (the scenario's `benefits` group) for the household the scenario states,
// assessed month by month as the regulations do (docs/sources.md, Universal Credit rules), and
// presets with their year and source.
#pragma once

#include "meantime/scenario.hpp"

namespace meantime {

// What the rule makes of the household, worked out once per scenario.
struct ClaimTerms {
  bool couple = false;
  double maximum_award = 0;   // standard allowance + LCWRA element + housing costs (reg. 23)
  double work_allowance = 0;  // reg. 22: only with limited capability for work (children are not modelled)
  // The minimum income floor (regs 62 and 90), net of notional tax and NI (reg. 62(4)); 0 when
  // it can never apply: LCW/LCWRA (no work-related requirements), not gainfully self-employed,
  // or switched off.
  bool floor_can_apply = false;
  double individual_threshold = 0;  // the founder's, a month
  double partner_threshold = 0;     // the partner's, a month (couples)
};
ClaimTerms claim_terms(const Benefits& rule, const Household& household, const Tax& tax);

// One assessment period's earned income, each part after income tax and NI (reg. 57 for the
// self-employed; reg. 55(5) for wages).
struct EarnedIncome {
  double self_employed = 0;  // the business's cash profit less the tax and NI set aside for it
  double employed = 0;       // the founder's wages
  double partner = 0;        // a couple's: the partner's earnings
};

// What a claim carries from one assessment period to the next.
struct ClaimState {
  double loss_carried_forward = 0;  // unused self-employed losses (reg. 57A)
  double surplus = 0;               // surplus earnings to count next month (reg. 54A)
  int months_since_award = -1;      // since the last month with an award (-1: never had one)
  double award_due = 0;             // assessed, to be paid next month
  double advance_owed = 0;          // advance not yet repaid
};

struct Assessment {
  double award = 0;          // for this assessment period
  double earned_income = 0;  // what the taper saw, floor and surplus included
  double floor_lift = 0;     // how much the floor added to the founder's earned income
};

// The award for assessment period `month` (1 = the claim's first): maximum award less 55% of
// earned income above the work allowance, less tariff income on capital; none above the upper
// capital limit. The founder's own earned income (self-employed and employed together) is taken
// as at least the floor after the start-up period (reg. 62(2); for a couple, reg. 62(3)).
Assessment assess(const Benefits& rule, const ClaimTerms& terms, int month, const EarnedIncome& income, double capital,
                  ClaimState& state);

// What reaches the household this month, given this assessment period's award: last month's
// award when awards are paid the month after (so a new claim's first payment comes in month 2,
// about five weeks after the claim), plus the advance in month 1, less an instalment of the
// advance still owed.
double benefit_paid(const Benefits& rule, int month, double award, ClaimState& state);

// Universal Credit's rates for a benefit year (2025: 2025/26; 2026: 2026/27), sources in
// docs/sources.md (Universal Credit rates and rules). Throws std::invalid_argument for another year.
Benefits universal_credit(int year);

}  // namespace meantime
