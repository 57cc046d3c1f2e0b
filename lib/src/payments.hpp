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
static_assert(static_cast<unsigned>(kChannelCount) == kBadDebtChannels,
              "each channel has its bad-debt draw and its delay slot (draws.hpp)");

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

// The channels a scenario pays through, worked out once per run: most scenarios use one or two
// of the four, and a fixed delay (or any delay in a deterministic run) is the same every month.
struct PaymentRoute {
  int channel = 0;  // 0..3: the offset of its bad-debt draw and of its delay's slot
  double share = 0;
  double bad_debt_rate = 0;
  const Distribution* delay = nullptr;
  int fixed_months_later = -1;  // -1: the delay is drawn each month
};

struct PaymentPlan {
  std::array<PaymentRoute, kChannelCount> routes;
  int count = 0;
};

// A delay in whole months: std::lround, clamped to 0..12. Without the call into libm: the same
// integer for every delay a valid scenario can draw (finite, below 2^31; a NaN gives 0).
inline int months_later(double delay) {
  if (!(delay > 0.0)) return 0;
  if (delay >= kMaxPaymentDelay) return kMaxPaymentDelay;
  const int whole = static_cast<int>(delay);      // 0..11
  return whole + (delay - whole >= 0.5 ? 1 : 0);  // halves away from zero, as lround; the difference is exact
}

// The share of a month's billing through each channel, when it follows the clients' routes.
using ChannelShares = std::array<double, kChannelCount>;

// `used`: with routes, the channels some route pays through (their shares are set each month);
// null: the channels with a share.
inline PaymentPlan payment_plan(const Payments& payments, bool deterministic,
                                const std::array<bool, kChannelCount>* used = nullptr) {
  PaymentPlan plan;
  const auto list = channels(payments);
  for (int c = 0; c < kChannelCount; ++c) {
    const PaymentChannel& channel = *list[static_cast<std::size_t>(c)];
    if (used ? !(*used)[static_cast<std::size_t>(c)] : channel.share <= 0.0) continue;
    PaymentRoute& route = plan.routes[static_cast<std::size_t>(plan.count++)];
    route.channel = c;
    route.share = channel.share;
    route.bad_debt_rate = channel.bad_debt_rate;
    route.delay = &channel.delay_months;
    if (channel.delay_months.is_fixed() || deterministic) {
      // What draw_monthly gives without drawing.
      route.fixed_months_later = months_later(channel.delay_months.is_fixed() ? channel.delay_months.parameter(0)
                                                                              : channel.delay_months.mean());
    }
  }
  return plan;
}

inline PaymentMonth payments_month(const PaymentPlan& plan, Receivables& receivables, double billed, int month,
                                   PathKey key, MonthDraws& draws, bool deterministic,
                                   const ChannelShares* shares = nullptr) {
  PaymentMonth m;
  const int now = month % (kMaxPaymentDelay + 1);  // the ring's slot for this month
  for (int r = 0; r < plan.count && billed != 0.0; ++r) {
    const PaymentRoute& route = plan.routes[static_cast<std::size_t>(r)];
    const double share = shares ? (*shares)[static_cast<std::size_t>(route.channel)] : route.share;
    if (shares && !(share > 0.0)) continue;
    const double amount = billed * share;
    if (route.bad_debt_rate > 0.0) {
      if (draws.happens(MonthDraw::bad_debt, route.bad_debt_rate, static_cast<unsigned>(route.channel))) {
        m.bad_debt += amount;
        continue;
      }
    }
    const int later =
        route.fixed_months_later >= 0
            ? route.fixed_months_later
            : months_later(draw_monthly(*route.delay, key, month,
                                        kPaymentDelaySlot + static_cast<std::uint64_t>(route.channel), deterministic));
    // (month + later) % 13, from month % 13 (later is 0..12).
    const int due = now + later;
    receivables.due[static_cast<std::size_t>(due > kMaxPaymentDelay ? due - (kMaxPaymentDelay + 1) : due)] += amount;
  }
  double& arriving = receivables.due[static_cast<std::size_t>(now)];
  m.received = arriving;
  arriving = 0.0;
  return m;
}

}  // namespace meantime
