// Income tax and NI on the founder's profits and wages (2026/27 rates, England: docs/sources.md,
// Income tax and National Insurance), worked by hand.
#include <gtest/gtest.h>

#include <algorithm>

#include "meantime/tax.hpp"

namespace meantime {
namespace {

constexpr double kCent = 0.005;

TEST(Tax, AYearsIncomeTaxAndNationalInsurance) {
  const Tax t;
  EXPECT_DOUBLE_EQ(income_tax(t, 12570), 0.0);
  // £30,000: 20% of 17,430 = 3,486; Class 4 6% of 17,430 = 1,045.80; Class 1 8% = 1,394.40.
  EXPECT_NEAR(income_tax(t, 30000), 3486.0, kCent);
  EXPECT_NEAR(class4_national_insurance(t, 30000), 1045.80, kCent);
  EXPECT_NEAR(class1_national_insurance(t, 30000), 1394.40, kCent);
  // £60,000: 20% of 37,700 + 40% of 9,730 = 7,540 + 3,892 = 11,432; Class 4 6% of 37,700 + 2% of
  // 9,730 = 2,262 + 194.60 = 2,456.60.
  EXPECT_NEAR(income_tax(t, 60000), 11432.0, kCent);
  EXPECT_NEAR(class4_national_insurance(t, 60000), 2456.60, kCent);
  // £130,000 (the allowance's taper is not modelled): 7,540 + 40% of (125,140 - 50,270) = 29,948
  // + 45% of 4,860 = 2,187.
  EXPECT_NEAR(income_tax(t, 130000), 7540 + 29948 + 2187, kCent);
}

// Set aside month by month on the year to date: a steady profit sets aside a twelfth of the
// year's bill each month; an uneven year adds up to the same bill by its last month.
TEST(Tax, MonthlySetAsideAddsUpToTheYear) {
  const Tax t;
  TaxYear steady;
  for (int m = 1; m <= 12; ++m) EXPECT_NEAR(tax_month(t, steady, 2500, 0).total(), 4531.80 / 12, 1e-9);
  TaxYear uneven;
  double total = 0;
  for (int m = 1; m <= 12; ++m) total += tax_month(t, uneven, m <= 6 ? 0.0 : 5000.0, 0).total();
  EXPECT_NEAR(total, 4531.80, 1e-9);
  // The first profitable month, July: year to date 5,000 against 7/12 of the allowances: nothing.
  TaxYear july;
  for (int m = 1; m <= 6; ++m) tax_month(t, july, 0, 0);
  EXPECT_DOUBLE_EQ(tax_month(t, july, 5000, 0).total(), 0.0);
}

// A loss year is carried into the next: year 1 loses 1,200; year 2 earns 2,000 a month, 24,000,
// of which 22,800 is taxed: 26% of (22,800 - 12,570) = 2,659.80.
TEST(Tax, ALossYearIsCarriedForward) {
  const Tax t;
  TaxYear year;
  for (int m = 1; m <= 12; ++m) EXPECT_NEAR(tax_month(t, year, -100, 0).total(), 0.0, 1e-12);
  double second = 0;
  for (int m = 1; m <= 12; ++m) second += tax_month(t, year, 2000, 0).total();
  EXPECT_NEAR(second, 2659.80, 1e-9);
}

// Wages: income tax together with profits, Class 1 per monthly pay period.
TEST(Tax, WagesPayClassOnePerMonth) {
  const Tax t;
  TaxYear year;
  // £1,500 a month of pay: 8% of (1,500 - 1,047.50) = 36.20; income tax 20% of (18,000 - 12,570)
  // / 12 = 90.50, all of it the wages'.
  const TaxMonth m = tax_month(t, year, 0, 1500);
  EXPECT_NEAR(m.class1, 36.20, 1e-9);
  EXPECT_NEAR(m.on_wages, 90.50, 1e-9);
  EXPECT_DOUBLE_EQ(m.on_profits, 0.0);
  // £1,500 of pay and £1,500 of profit a month: 36,000 a year, income tax 20% of 23,430 = 4,686,
  // half each; Class 4 6% of (18,000 - 12,570) = 325.80 on the profits. A month: 195.25 + 27.15 on
  // the profits, 195.25 on the wages.
  TaxYear both;
  const TaxMonth b = tax_month(t, both, 1500, 1500);
  EXPECT_NEAR(b.on_profits, 195.25 + 27.15, 1e-9);
  EXPECT_NEAR(b.on_wages, 195.25, 1e-9);
}

TEST(Tax, TheFloorsNotionalDeductions) {
  const Tax t;
  // 1,927.683 a month = 23,132.20 a year: 26% of 10,562.20 / 12 = 228.848 (self-employed),
  // 28% / 12 = 246.451 (employed).
  const double gross = 23132.2 / 12;
  EXPECT_NEAR(floor_deductions(t, FloorDeductions::self_employed, gross), 2746.172 / 12, 1e-9);
  EXPECT_NEAR(floor_deductions(t, FloorDeductions::employed, gross), 2957.416 / 12, 1e-9);
  EXPECT_DOUBLE_EQ(floor_deductions(t, FloorDeductions::none, gross), 0.0);
}

// The engine sets aside from a table of each month's limits (tax_table): bit for bit what the
// year-share functions give month by month, across a loss year carried into the next, with wages.
TEST(Tax, TheMonthsTableGivesTheYearShareFunctionsBits) {
  const Tax t;
  const double wages = 1234.56;
  const TaxTable table = tax_table(t, wages);
  TaxYear year;
  double profits = 0, wages_so_far = 0, on_profits = 0, loss = 0;
  int month_of_year = 0;
  for (int month = 1; month <= 30; ++month) {
    const double profit = month < 8 ? -900.0 + 37.5 * month : 2500.0 + 11.25 * month;
    const TaxMonth m = tax_month(t, table, year, profit, wages);
    // The same month with income_tax, class4_ and class1_national_insurance at month / 12.
    if (month_of_year == 12) {
      loss = std::max(0.0, loss - profits);
      profits = wages_so_far = on_profits = 0;
      month_of_year = 0;
    }
    ++month_of_year;
    profits += profit;
    wages_so_far += wages;
    const double share = month_of_year / 12.0;
    const double taxable = std::max(0.0, profits - loss);
    const double income = taxable + wages_so_far;
    const double tax_on_income = income_tax(t, income, share);
    const double wages_share = income > 0 ? tax_on_income * wages_so_far / income : 0.0;
    const double set_aside = tax_on_income - wages_share + class4_national_insurance(t, taxable, share);
    EXPECT_EQ(m.on_profits, set_aside - on_profits) << month;
    EXPECT_EQ(m.class1, class1_national_insurance(t, wages, 1.0 / 12.0)) << month;
    on_profits = set_aside;
  }
  EXPECT_GT(year.on_profits, 0.0);  // the profitable months were taxed
}

}  // namespace
}  // namespace meantime
