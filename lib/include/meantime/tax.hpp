// Income tax and National Insurance (the scenario's `tax` group): the year's liability on
// profits and wages, and the part of it a founder sets aside each month.
#pragma once

#include <array>

#include "meantime/scenario.hpp"

namespace meantime {

// A year's income tax on `income` (profits and wages together) with the thresholds scaled by
// `year_share` (1: a whole tax year; k/12: the first k months, as the allowances accrue).
double income_tax(const Tax& tax, double income, double year_share = 1.0);
// A year's Class 4 NI on self-employed `profits`.
double class4_national_insurance(const Tax& tax, double profits, double year_share = 1.0);
// A year's employee (primary) Class 1 NI on `pay`.
double class1_national_insurance(const Tax& tax, double pay, double year_share = 1.0);

// The tax year so far, for the monthly set-aside.
struct TaxYear {
  int month = 0;                    // months of the tax year done (0..12)
  double profits = 0;               // cash profits so far this year (a loss is negative)
  double wages = 0;                 // wages so far this year
  double on_profits = 0;            // set aside so far this year for the profits' share
  double on_wages = 0;              // ... and for the wages' share of income tax
  double loss_brought_forward = 0;  // earlier years' losses not yet set against profits
};

struct TaxMonth {
  double on_profits = 0;  // Class 4 NI and the profits' share of income tax
  double on_wages = 0;    // the wages' share of income tax
  double class1 = 0;      // employee NI on this month's wages (worked out per pay period)
  double total() const { return on_profits + on_wages + class1; }
};

// Adds a month's cash profit and wages to the tax year and returns what to set aside: the
// liability on the year to date (thresholds accrued k/12 after k months) less what is already
// set aside, so that the twelve months add up to the year's liability exactly; it is negative
// when a bad month lowers the year's liability. A year that ends in loss carries it forward.
// Income tax on profits and wages together is shared between them in proportion to their
// taxable amounts (an assumption: the allowance is not given to either first).
TaxMonth tax_month(const Tax& tax, TaxYear& year, double profit, double wages);

// What tax_month works out afresh each month and is the same on every path: the bands' limits
// for each month of the tax year (the year's limits x months / 12) and the Class 1 NI on a
// month's wages. Worked out once per run with the same expressions, so the same bits.
struct TaxTable {
  struct Month {
    double allowance = 0, basic_top = 0, additional = 0;  // income tax: where each band starts
    double class4_lower = 0, class4_upper = 0;
  };
  std::array<Month, 13> months{};  // by TaxYear::month, 1..12
  double wages = 0;                // a month's wages ...
  double class1 = 0;               // ... and their Class 1 NI
};
TaxTable tax_table(const Tax& tax, double wages_per_month);
// tax_month, with the table's limits: the same result bit for bit.
TaxMonth tax_month(const Tax& tax, const TaxTable& table, TaxYear& year, double profit, double wages);

// The notional deductions that turn the minimum income floor's gross threshold (a month) into a
// net amount (UC Regs 2013 reg. 62(4)): tax and NI on twelve such months, over twelve.
double floor_deductions(const Tax& tax, FloorDeductions method, double gross_per_month);

}  // namespace meantime
