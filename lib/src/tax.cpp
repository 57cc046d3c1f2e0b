#include "meantime/tax.hpp"

#include <algorithm>

namespace meantime {

namespace {
// Rate on the part of `amount` between `from` and `to`.
double band(double amount, double from, double to, double rate) {
  return rate * std::max(0.0, std::min(amount, to) - from);
}
}  // namespace

double income_tax(const Tax& tax, double income, double year_share) {
  const double allowance = tax.personal_allowance * year_share;
  const double basic_top = allowance + tax.basic_rate_band * year_share;
  const double additional = std::max(basic_top, tax.additional_rate_threshold * year_share);
  return band(income, allowance, basic_top, tax.basic_rate) + band(income, basic_top, additional, tax.higher_rate) +
         band(income, additional, income, tax.additional_rate);
}

double class4_national_insurance(const Tax& tax, double profits, double year_share) {
  const double lower = tax.class4_lower_profits_limit * year_share;
  const double upper = std::max(lower, tax.class4_upper_profits_limit * year_share);
  return band(profits, lower, upper, tax.class4_main_rate) + band(profits, upper, profits, tax.class4_additional_rate);
}

double class1_national_insurance(const Tax& tax, double pay, double year_share) {
  const double lower = tax.class1_primary_threshold * year_share;
  const double upper = std::max(lower, tax.class1_upper_earnings_limit * year_share);
  return band(pay, lower, upper, tax.class1_main_rate) + band(pay, upper, pay, tax.class1_additional_rate);
}

TaxMonth tax_month(const Tax& tax, TaxYear& year, double profit, double wages) {
  return tax_month(tax, tax_table(tax, wages), year, profit, wages);
}

TaxTable tax_table(const Tax& tax, double wages_per_month) {
  TaxTable table;
  for (int month = 1; month <= 12; ++month) {
    // As income_tax and class4_national_insurance work them out for year_share month / 12.0.
    const double share = month / 12.0;
    TaxTable::Month& m = table.months[static_cast<std::size_t>(month)];
    m.allowance = tax.personal_allowance * share;
    m.basic_top = m.allowance + tax.basic_rate_band * share;
    m.additional = std::max(m.basic_top, tax.additional_rate_threshold * share);
    m.class4_lower = tax.class4_lower_profits_limit * share;
    m.class4_upper = std::max(m.class4_lower, tax.class4_upper_profits_limit * share);
  }
  table.wages = wages_per_month;
  table.class1 = class1_national_insurance(tax, wages_per_month, 1.0 / 12.0);
  return table;
}

TaxMonth tax_month(const Tax& tax, const TaxTable& table, TaxYear& year, double profit, double wages) {
  if (year.month == 12) {
    // A new tax year: a loss of the year just ended is carried forward (ITTOIA 2005 s. 83 in
    // spirit: set against later profits of the same trade); profits used up earlier losses.
    year.loss_brought_forward = std::max(0.0, year.loss_brought_forward - year.profits);
    year = TaxYear{0, 0, 0, 0, 0, year.loss_brought_forward};
  }
  year.month += 1;
  year.profits += profit;
  year.wages += wages;
  const TaxTable::Month& limits = table.months[static_cast<std::size_t>(year.month)];
  const double taxable_profits = std::max(0.0, year.profits - year.loss_brought_forward);
  const double income = taxable_profits + year.wages;
  const double tax_on_income = band(income, limits.allowance, limits.basic_top, tax.basic_rate) +
                               band(income, limits.basic_top, limits.additional, tax.higher_rate) +
                               band(income, limits.additional, income, tax.additional_rate);
  const double wages_share = income > 0 ? tax_on_income * year.wages / income : 0.0;
  const double class4 = band(taxable_profits, limits.class4_lower, limits.class4_upper, tax.class4_main_rate) +
                        band(taxable_profits, limits.class4_upper, taxable_profits, tax.class4_additional_rate);
  const double on_profits = tax_on_income - wages_share + class4;
  TaxMonth m;
  m.on_profits = on_profits - year.on_profits;
  m.on_wages = wages_share - year.on_wages;
  year.on_profits = on_profits;
  year.on_wages = wages_share;
  m.class1 = wages == table.wages ? table.class1 : class1_national_insurance(tax, wages, 1.0 / 12.0);
  return m;
}

double floor_deductions(const Tax& tax, FloorDeductions method, double gross_per_month) {
  const double year = 12.0 * gross_per_month;
  switch (method) {
    case FloorDeductions::self_employed:
      return (income_tax(tax, year) + class4_national_insurance(tax, year)) / 12.0;
    case FloorDeductions::employed:
      return (income_tax(tax, year) + class1_national_insurance(tax, year)) / 12.0;
    case FloorDeductions::none:
      break;
  }
  return 0.0;
}

}  // namespace meantime
