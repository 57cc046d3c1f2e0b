// A means-tested benefit rule (the scenario's `benefits` group) applied to one month, and
// presets for Universal Credit with their year and source.
#pragma once

#include "meantime/scenario.hpp"

namespace meantime {

// Self-employed earnings the rule counts this month: the business's cash profit less losses
// carried forward from earlier months (UC Regs 2013 regs 57, 57A), and, once the start-up
// period is over, at least the minimum income floor (assumed earnings less notional tax and
// NI). `loss_carried_forward` is the running balance, updated here.
double counted_self_employed_earnings(const Benefits& rule, double cash_profit, int month,
                                      double& loss_carried_forward);

// The award for a month: the maximum, less the taper on earnings above the work allowance,
// less tariff income on capital between the limits; nothing above the upper capital limit.
double benefit_award(const Benefits& rule, double employed_earnings, double self_employed_earnings, double capital);

// Universal Credit for a single adult (docs/sources.md, Universal Credit rates and rules). `year` is the first year of the
// benefit year: 2025 (2025/26) or 2026 (2026/27). With limited capability for work (LCW or
// LCWRA, as for many founders with lived experience of mental illness) the claimant gets a work
// allowance and no minimum income floor. `housing_costs` is the housing element a month (0:
// none), which also sets the lower work allowance.
Benefits universal_credit_single(int year, bool aged_25_or_over, bool limited_capability, double housing_costs);

}  // namespace meantime
