#include "funding.hpp"

#include <cmath>

namespace meantime {

double monthly_rate(double apr) { return std::pow(1.0 + apr, 1.0 / 12.0) - 1.0; }

double annuity_payment(double balance, double rate, int term) {
  if (term <= 0) return balance;
  if (std::fabs(rate) < 1e-15) return balance / term;
  return balance * rate / (1.0 - std::pow(1.0 + rate, -term));
}

FundingSchedule funding_schedule(const Funding& funding, int months) {
  const auto size = static_cast<std::size_t>(months) + 1;
  FundingSchedule s{std::vector<double>(size, 0.0), std::vector<double>(size, 0.0), std::vector<double>(size, 0.0)};
  for (const Grant& g : funding.grants) {
    if (g.month <= months) s.money_in[static_cast<std::size_t>(g.month)] += g.amount;
  }
  for (const Loan& loan : funding.loans) {
    if (loan.month > months) continue;
    s.money_in[static_cast<std::size_t>(loan.month)] += loan.principal;
    const double rate = monthly_rate(loan.apr);
    // During the holiday interest is added to the balance; repayments start the month after.
    double balance = loan.principal * std::pow(1.0 + rate, loan.holiday_months);
    const double payment = annuity_payment(balance, rate, loan.term_months);
    for (int k = 1; k <= loan.term_months; ++k) {
      const int month = loan.month + loan.holiday_months + k;
      const double interest = balance * rate;
      // The last payment clears the balance exactly, whatever rounding went before.
      const double due = k == loan.term_months ? balance + interest : payment;
      balance += interest - due;
      if (month > months) break;
      s.repayments[static_cast<std::size_t>(month)] += due;
      s.interest[static_cast<std::size_t>(month)] += interest;
    }
  }
  return s;
}

}  // namespace meantime
