// Payments: billed revenue becomes cash when each channel pays, months later, or never.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>

#include "draws.hpp"
#include "meantime/scenario.hpp"

namespace meantime {

inline constexpr int kMaxPaymentDelay = 12;
inline constexpr int kChannelCount = 4;

inline std::array<const PaymentChannel*, kChannelCount> channels(const Payments& p) {
  return {&p.direct_payment, &p.individual_service_fund, &p.personal_health_budget, &p.self_funded};
}

// Money billed and not yet paid, by the month it will arrive (a ring over the next 12 months).
struct Receivables {
  std::array<double, kMaxPaymentDelay + 1> due{};
};

struct PaymentMonth {
  double received = 0;
  double bad_debt = 0;
};

inline PaymentMonth payments_month(const Payments& payments, Receivables& receivables, double billed, int month,
                                   PathKey key, MonthDraws& draws, bool deterministic) {
  PaymentMonth m;
  const auto list = channels(payments);
  for (int c = 0; c < kChannelCount; ++c) {
    const PaymentChannel& channel = *list[static_cast<std::size_t>(c)];
    if (channel.share <= 0.0 || billed == 0.0) continue;
    double amount = billed * channel.share;
    if (channel.bad_debt_rate > 0.0) {
      if (draws.happens(MonthDraw::bad_debt, channel.bad_debt_rate, static_cast<unsigned>(c))) {
        m.bad_debt += amount;
        continue;
      }
    }
    const double delay = draw_monthly(channel.delay_months, key, month, kPaymentDelaySlot + c, deterministic);
    const int months_later = std::clamp(static_cast<int>(std::lround(delay)), 0, kMaxPaymentDelay);
    receivables.due[static_cast<std::size_t>((month + months_later) % (kMaxPaymentDelay + 1))] += amount;
  }
  double& arriving = receivables.due[static_cast<std::size_t>(month % (kMaxPaymentDelay + 1))];
  m.received = arriving;
  arriving = 0.0;
  return m;
}

}  // namespace meantime
