// Grants and loans: money in, and annuity repayments out, month by month. Nothing here is
// random, so the schedule is worked out once per run and shared by every path.
#pragma once

#include <vector>

#include "meantime/scenario.hpp"

namespace meantime {

struct FundingSchedule {
  // Indexed by month 1..months (element 0 unused).
  std::vector<double> money_in;    // grants and loan principals received
  std::vector<double> repayments;  // loan repayments (interest and capital)
  std::vector<double> interest;    // the interest part of the repayments
};

FundingSchedule funding_schedule(const Funding& funding, int months);

// The level monthly repayment that clears `balance` over `term` months at monthly `rate`.
double annuity_payment(double balance, double rate, int term);

// The monthly equivalent of an annual percentage rate (an effective annual rate).
double monthly_rate(double apr);

}  // namespace meantime
