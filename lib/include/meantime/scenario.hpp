// The scenario: everything one start-up idea needs, as plain aggregates grouped the way
// docs/design.md groups the model. Defaults are the built-in "kitchen table" start-up (see the
// comments beside each value). Money is in pounds, time in months.
//
// Each record lists its fields once more in `visit_fields`, with unit, meaning and valid range:
// that one table drives validation, the schema, reading and writing by path, and the Python
// layer. A field is a number, a whole number, a flag, a Distribution, a choice, a nested record,
// or a list of records.
#pragma once

#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

#include "meantime/distribution.hpp"

namespace meantime {

struct FieldMeta {
  const char* unit;
  const char* description;
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false;  // true: the value must be > min rather than >= min
};

namespace field_meta {
inline FieldMeta money(const char* description, double max = 1e9) { return {"pounds", description, 0.0, max}; }
inline FieldMeta probability(const char* description) { return {"probability", description, 0.0, 1.0}; }
inline FieldMeta share(const char* description) { return {"share", description, 0.0, 1.0}; }
inline FieldMeta months(const char* description, double min = 0.0, double max = 600.0) {
  return {"months", description, min, max};
}
inline FieldMeta hours(const char* description, double max) { return {"hours per week", description, 0.0, max}; }
inline FieldMeta flag(const char* description) { return {"", description}; }
inline FieldMeta record(const char* description) { return {"", description}; }
inline FieldMeta list(const char* description, double max_items) { return {"items", description, 0.0, max_items}; }
}  // namespace field_meta

// A full-time equivalent, for the 5 FTE limit of a micro-enterprise (Community Catalysts'
// definition; docs/sources.md, Community micro-enterprises).
inline constexpr double kHoursPerFte = 37.5;
inline constexpr double kMaxFte = 5.0;
// Providers in one town scenario.
inline constexpr double kMaxProviders = 50;

// ------------------------------------------------------------------------------------ market

// How aware prospects appear each month.
enum class ArrivalModel {
  bass,       // stochastic Bass diffusion over a finite pool (innovation p, imitation q)
  referrals,  // a steady Poisson stream of referrals from an unlimited pool
};

// The payment channels (payments.*), for a route to say how its clients pay.
enum class PayingChannel { direct_payment, individual_service_fund, personal_health_budget, self_funded };

// One way of buying the service: its share of residents, what they can pay relative to the
// market's median reservation price, and the channel their money comes through.
struct Route {
  double share = 0.0;
  double price_ratio = 1.0;
  PayingChannel channel = PayingChannel::direct_payment;
};

template <class G, class V>
void visit_fields(G& r, V& v, Route*) {
  using namespace field_meta;
  v("share", r.share, share("share of residents who can buy this way"));
  v("price_ratio", r.price_ratio,
    FieldMeta{"ratio", "their median reservation price as a multiple of market.reservation_price_per_hour", 0.0, 10.0,
              true});
  v("channel", r.channel,
    FieldMeta{"", "how they pay: direct_payment, individual_service_fund, personal_health_budget or self_funded"});
}

// Routes to buying. Off: the pool is population x budget_holder_share x fit_share and the
// payments channels' shares split the revenue. On: each route adds its share of residents to
// the pool, with its own reservation price, and the month's revenue goes through each route's
// channel in proportion to its clients (the channels' shares are then not used).
struct Routes {
  bool enabled = true;
  // Direct payments: 117,737 people in England in 2023/24 in about 57.7 million residents, 0.20%
  // (docs/sources.md, Budget holders and prices).
  Route direct_payment{0.002, 1.0, PayingChannel::direct_payment};
  // Personal health budgets taken as direct payments: 15% of 188,489, 0.05% of residents
  // (docs/sources.md, Budget holders and prices).
  Route health_budget{0.0005, 1.0, PayingChannel::personal_health_budget};
  // Individual service funds: no national count is published (illustrative: 0.03%).
  Route service_fund{0.0003, 1.0, PayingChannel::individual_service_fund};
  // Council-managed budgets: the rest of the about 462,000 people on long-term support (direct
  // payments are 25.5% of them), 0.6% of residents (docs/sources.md, Budget holders and prices);
  // the council pays in arrears, like a fund holder. Counted only with council_list.
  Route council_managed{0.006, 1.0, PayingChannel::individual_service_fund};
  // Self-funders: no count of those who would buy such a service is published. 1.2% of
  // residents, paying up to 90% of a budget's rate, is illustrative, set so that about three in
  // four clients pay their own way, as in Somerset (72%) and Westmorland and Furness (100 of
  // 125) (docs/sources.md, Community micro-enterprises).
  Route self_funded{0.012, 0.9, PayingChannel::self_funded};
  // Council-managed budgets buy only from providers on the council's list: whether the
  // provider applies, the months until it is on it, and what getting on it costs (month 1).
  // The kitchen-table founder does not apply; six months and £0 are illustrative.
  bool council_list = false;
  int council_list_months = 6;
  double council_list_cost = 0.0;
};

template <class G, class V>
void visit_fields(G& r, V& v, Routes*) {
  using namespace field_meta;
  v("enabled", r.enabled, flag("pool and payments by route (off: budget_holder_share and the payments shares)"));
  v("direct_payment", r.direct_payment, record("people holding a council direct payment"));
  v("health_budget", r.health_budget, record("personal health budgets taken as direct payments"));
  v("service_fund", r.service_fund, record("individual service funds held by a provider organisation"));
  v("council_managed", r.council_managed, record("council-managed budgets (only with council_list)"));
  v("self_funded", r.self_funded, record("people paying from their own money"));
  v("council_list", r.council_list, flag("the provider gets on the council's list (council-managed budgets can buy)"));
  v("council_list_months", r.council_list_months, months("months until the provider is on the council's list"));
  v("council_list_cost", r.council_list_cost, money("cost of getting on the council's list, paid in month 1"));
}

// A pool that renews: a share of the pool leaves each year (moving, dying, budgets ending) and
// as many new people arrive on average, and former clients come back after a gap.
struct Renewal {
  bool enabled = true;
  // Devon's 650-850 new direct-payment clients a year, against the national 0.20% of residents
  // holding one, are about 45% of the county's holders a year; some of those are short, one-off
  // payments, so 30% is used (illustrative; docs/sources.md, Budget holders and prices).
  double turnover_per_year = 0.3;
  // A former client's monthly chance of coming back: about one in five within a year, if they
  // stay in the pool (illustrative).
  double return_per_month = 0.02;
};

template <class G, class V>
void visit_fields(G& r, V& v, Renewal*) {
  using namespace field_meta;
  v("enabled", r.enabled, flag("people join and leave the pool, and former clients return"));
  v("turnover_per_year", r.turnover_per_year,
    FieldMeta{"share per year", "share of the pool that leaves (and is replaced) in a year", 0.0, 12.0});
  v("return_per_month", r.return_per_month, probability("monthly chance a former client comes back"));
}

struct Market {
  // Catchment: people the service can reach. A town of 60,000 (the kitchen table).
  Distribution population = 60000.0;
  // Share of residents holding a relevant personal budget. England: 117,737 direct-payment
  // holders (2023/24) + 188,489 personal health budgets (March 2024) in ~57 million people is
  // about 0.54% (docs/sources.md, Budget holders and prices); the range allows for local variation (illustrative).
  // Used only with routes off (routes count each way of buying apart).
  Distribution budget_holder_share = triangular(0.003, 0.0054, 0.007);
  // Share of budget holders for whom this service fits. Market research: asked 40 budget
  // holders, 10 were interested (illustrative survey), from a prior centred on 5% worth two
  // people asked (illustrative: a few percent, so that asking nobody is no rosier than asking) ->
  // Beta(10.1, 31.9), mean 24%.
  Distribution fit_share = research(40, 10);
  ArrivalModel arrivals = ArrivalModel::bass;
  // Bass innovation p per month: prospects who hear of the service from outreach alone.
  // Illustrative: a leaflet-and-word-of-mouth start-up in one town.
  Distribution innovation = uniform(0.02, 0.05);
  // Bass imitation q per month: word of mouth from those already aware (illustrative).
  Distribution imitation = uniform(0.1, 0.3);
  // Referrals per month when arrivals = referrals.
  Distribution referrals_per_month = 2.0;
  // Median hourly rate budget holders can pay. Council direct-payment hourly rates seen:
  // £19.55 (Merton 2023), £13.75-£24.69 (Shropshire 2024/25) (docs/sources.md, Budget holders and prices).
  Distribution reservation_price_per_hour = triangular(18.0, 22.0, 25.0);
  // Spread of what individual budget holders can pay: sd of the log (illustrative).
  double reservation_price_spread = 0.25;
  // Share of those who say they are interested who would buy: 1 takes stated interest at its
  // word.
  // Illustrative: half of those who say they would buy do.
  double interest_to_purchase = 0.5;
  // People the founder has already found who say they will start, and each one's chance of
  // starting in month 1 (subject to room in the diary).
  // Illustrative: 3 of the 10 interested said they would start, 7 in 10 of such promises kept.
  int committed_clients = 3;
  double committed_start_probability = 0.7;
  Routes routes;
  Renewal renewal;
};

template <class G, class V>
void visit_fields(G& m, V& v, Market*) {
  using namespace field_meta;
  v("population", m.population, FieldMeta{"people", "people the service can reach", 0.0, 1e8});
  v("budget_holder_share", m.budget_holder_share, share("share of residents holding a relevant personal budget"));
  v("fit_share", m.fit_share, share("share of budget holders for whom the service fits"));
  v("arrivals", m.arrivals, FieldMeta{"", "how prospects become aware: bass or referrals"});
  v("innovation", m.innovation, probability("Bass p: monthly chance an unaware prospect hears from outreach"));
  v("imitation", m.imitation, probability("Bass q: monthly word-of-mouth pull at full awareness"));
  v("referrals_per_month", m.referrals_per_month,
    FieldMeta{"prospects per month", "mean referrals a month when arrivals = referrals", 0.0, 1e5});
  v("reservation_price_per_hour", m.reservation_price_per_hour,
    FieldMeta{"pounds per hour", "median hourly rate budget holders can pay", 0.0, 1e5, true});
  v("reservation_price_spread", m.reservation_price_spread,
    FieldMeta{"log sd", "spread across budget holders of what they can pay", 0.0, 5.0});
  v("interest_to_purchase", m.interest_to_purchase, share("share of the interested who would actually buy"));
  v("committed_clients", m.committed_clients,
    FieldMeta{"people", "people already found who say they will start in month 1", 0.0, 1e5});
  v("committed_start_probability", m.committed_start_probability,
    probability("each committed person's chance of actually starting"));
  v("routes", m.routes, record("routes to buying: budgets, self-funders, the council's list"));
  v("renewal", m.renewal, record("people joining and leaving the pool, former clients returning"));
}

// ----------------------------------------------------------------------------------- clients

// How many sessions clients book in a month around their plan.
enum class SessionCount {
  poisson,  // Poisson around the plan: sessions missed and added at random
  fixed,    // exactly the plan (rounded): fixed weekly slots
};

struct Clients {
  // Planned sessions per client per month. A weekly half-hour visit to sort the post and bills
  // (illustrative).
  double sessions_per_month = 4.0;
  SessionCount session_count = SessionCount::poisson;
  // Chance a client stops buying in a month: mean stay of about two years (illustrative).
  Distribution churn_per_month = uniform(0.03, 0.05);
  // Prospects who can pay but meet a full diary wait (else they are lost), leave the list with
  // this monthly chance, and are admitted first when a place frees.
  bool waiting_list = false;
  double waiting_give_up_per_month = 0.2;
  // Month of the year (1-12) in which budgets are reviewed; 0: no reviews. At a review each
  // client's budget is cut, ending the purchase, with the given chance.
  // Care and support plans are reviewed at least every 12 months (Care Act 2014 statutory
  // guidance; councils' own pages, e.g. Wokingham 2024): in April, the start of councils'
  // financial year; the 5% chance a review ends the purchase is illustrative
  // (docs/sources.md, Budget holders and prices).
  int review_month = 4;
  double review_cut_probability = 0.05;
  // A council-wide cut: its monthly chance, and the share of every client's sessions it removes
  // from then on (randomness shared by all clients of a path).
  double council_cut_per_month = 0.0;
  double council_cut_share = 0.25;
  // Share of sessions booked and delivered that are missed or cancelled late (the time is
  // lost), and whether they are charged for.
  // Illustrative: one session in ten missed or cancelled late, not charged for.
  double missed_share = 0.1;
  bool missed_charged = false;
};

template <class G, class V>
void visit_fields(G& c, V& v, Clients*) {
  using namespace field_meta;
  v("sessions_per_month", c.sessions_per_month,
    FieldMeta{"sessions per client per month", "planned sessions per client", 0.01, 1000.0});
  v("session_count", c.session_count, FieldMeta{"", "sessions booked: poisson around the plan, or fixed at it"});
  v("churn_per_month", c.churn_per_month, probability("monthly chance a client stops buying"));
  v("waiting_list", c.waiting_list, flag("prospects who meet a full diary wait for a place"));
  v("waiting_give_up_per_month", c.waiting_give_up_per_month,
    probability("monthly chance a waiting prospect gives up"));
  v("review_month", c.review_month, FieldMeta{"month of year", "month budgets are reviewed (0: none)", 0.0, 12.0});
  v("review_cut_probability", c.review_cut_probability, probability("chance a review ends a client's purchase"));
  v("council_cut_per_month", c.council_cut_per_month, probability("monthly chance of a council-wide cut"));
  v("council_cut_share", c.council_cut_share, share("share of every client's sessions a council cut removes"));
  v("missed_share", c.missed_share, share("share of sessions missed or cancelled late"));
  v("missed_charged", c.missed_charged, flag("missed sessions are charged for"));
}

// ---------------------------------------------------------------------------------- payments

// One way clients pay: its share of billed revenue, how many months after billing the money
// arrives (drawn afresh for each month's invoices, rounded to whole months, at most 12), and
// the chance a month's invoices through it are never paid.
struct PaymentChannel {
  double share = 0.0;
  Distribution delay_months = 0.0;
  double bad_debt_rate = 0.0;
};

template <class G, class V>
void visit_fields(G& c, V& v, PaymentChannel*) {
  using namespace field_meta;
  v("share", c.share, share("share of billed revenue paid through this channel"));
  v("delay_months", c.delay_months, months("months from billing to payment (rounded, at most 12)", 0.0, 12.0));
  v("bad_debt_rate", c.bad_debt_rate, probability("chance a month's invoices through this channel go unpaid"));
}

struct Payments {
  // Direct payments: the budget holder pays the invoice, usually within the month (illustrative).
  PaymentChannel direct_payment{1.0, 0.0, 0.0};
  // Individual service fund: held by a provider organisation that pays in arrears
  // (illustrative: one to three months).
  PaymentChannel individual_service_fund{0.0, uniform(1.0, 3.0), 0.0};
  // Personal health budget paid through the NHS or a support organisation (illustrative).
  PaymentChannel personal_health_budget{0.0, triangular(1.0, 2.0, 4.0), 0.0};
  // Self-funded clients pay at the session (illustrative).
  PaymentChannel self_funded{0.0, 0.0, 0.0};
};

template <class G, class V>
void visit_fields(G& p, V& v, Payments*) {
  using namespace field_meta;
  v("direct_payment", p.direct_payment, record("clients paying from a direct payment"));
  v("individual_service_fund", p.individual_service_fund, record("clients paying through an individual service fund"));
  v("personal_health_budget", p.personal_health_budget, record("clients paying from a personal health budget"));
  v("self_funded", p.self_funded, record("clients paying from their own money"));
}

// ---------------------------------------------------------------------------------- business

struct Business {
  // Half-hour session at £11, i.e. £22 an hour: inside the £13.75-£24.69 direct-payment
  // hourly range (Shropshire 2024/25; docs/sources.md, Budget holders and prices).
  double price_per_session = 11.0;
  double session_hours = 0.5;
  // One-off: DBS check, insurance deposit, training, a second-hand laptop (illustrative).
  double startup_costs = 800.0;
  // Insurance, phone, software, bookkeeping, leaflets (illustrative).
  double fixed_costs_per_month = 120.0;
  // Bus fares to clients' homes (illustrative).
  double variable_cost_per_session = 1.5;
  // Hours a week the founder works in all: a part-time job's hours (household) come out of
  // them, the rest go to the business. Part time: 15 hours.
  double founder_hours_per_week = 15.0;
  // Share of working hours spent in sessions; the rest is admin, travel and outreach.
  // Admin and outreach take the rest; travel is counted per visit below (illustrative).
  double client_facing_share = 0.85;
  // Weeks a year without sessions (holidays, the founder's weeks off): no revenue, the costs
  // go on. Spread over the year.
  // 5.6 weeks: an employee's statutory paid leave (gov.uk; docs/sources.md, Wages).
  double weeks_off_per_year = 5.6;
  // Travel to and from each visit, out of the client-facing hours (0: none counted apart).
  // Illustrative: there and back, for visits within one town, often back to back.
  double travel_minutes_per_visit = 15.0;
};

template <class G, class V>
void visit_fields(G& b, V& v, Business*) {
  using namespace field_meta;
  v("price_per_session", b.price_per_session, FieldMeta{"pounds", "price of one session", 0.0, 1e5, true});
  v("session_hours", b.session_hours, FieldMeta{"hours", "length of one session (a minute at least)", 1.0 / 60, 24.0});
  v("startup_costs", b.startup_costs, money("one-off costs paid in month 1"));
  v("fixed_costs_per_month", b.fixed_costs_per_month, money("costs paid every month", 1e7));
  v("variable_cost_per_session", b.variable_cost_per_session, money("cost of delivering one session", 1e5));
  v("founder_hours_per_week", b.founder_hours_per_week,
    hours("founder's working hours in all (a job's hours come out of them)", 80.0));
  v("client_facing_share", b.client_facing_share,
    FieldMeta{"share", "share of working hours spent in sessions", 0.0, 1.0, true});
  v("weeks_off_per_year", b.weeks_off_per_year,
    FieldMeta{"weeks per year", "weeks without sessions (holidays, time off); costs go on", 0.0, 26.0});
  v("travel_minutes_per_visit", b.travel_minutes_per_visit,
    FieldMeta{"minutes", "travel per visit, out of the client-facing hours", 0.0, 480.0});
}

// ------------------------------------------------------------------------------------- staff

struct Staff {
  // Paid hours a week from the start.
  double hours_per_week = 0.0;
  // National Living Wage from April 2026: £12.71 (gov.uk; docs/sources.md, Wages). Employer on-costs
  // are not modelled.
  double wage_per_hour = 12.71;
  // Hire `hire_hours_per_week` more when the waiting list reaches this many (0: never), while
  // founder and staff stay within 5 FTE.
  int hire_when_waiting = 0;
  double hire_hours_per_week = 7.5;
};

template <class G, class V>
void visit_fields(G& s, V& v, Staff*) {
  using namespace field_meta;
  v("hours_per_week", s.hours_per_week, hours("paid staff hours from the start", kMaxFte * kHoursPerFte));
  v("wage_per_hour", s.wage_per_hour, FieldMeta{"pounds per hour", "staff wage", 0.0, 1e4});
  v("hire_when_waiting", s.hire_when_waiting,
    FieldMeta{"prospects", "hire more hours when the waiting list reaches this (0: never)", 0.0, 1e6});
  v("hire_hours_per_week", s.hire_hours_per_week, hours("hours added by one hire", kMaxFte * kHoursPerFte));
}

// ----------------------------------------------------------------------------------- funding

struct Grant {
  double amount = 0.0;
  int month = 1;  // paid into the business at the start of this month
};

template <class G, class V>
void visit_fields(G& g, V& v, Grant*) {
  v("amount", g.amount, field_meta::money("grant paid to the business"));
  v("month", g.month, field_meta::months("month the grant is received", 1.0));
}

// A loan repaid as an annuity: `holiday_months` without repayments (interest is added to the
// balance), then equal monthly repayments over `term_months`. The monthly rate is the APR's
// monthly equivalent, (1 + apr)^(1/12) - 1, as the APR is an effective annual rate.
struct Loan {
  double principal = 0.0;
  double apr = 0.06;  // Start Up Loans: 6% fixed (illustrative check of the default)
  int term_months = 36;
  int holiday_months = 0;
  int month = 1;  // paid into the business at the start of this month
};

template <class G, class V>
void visit_fields(G& l, V& v, Loan*) {
  using namespace field_meta;
  v("principal", l.principal, money("amount borrowed"));
  v("apr", l.apr, FieldMeta{"per year", "annual percentage rate as a fraction (0.06 = 6%)", -1.0, 10.0, true});
  v("term_months", l.term_months, months("months of repayments after any holiday", 1.0));
  v("holiday_months", l.holiday_months, months("months before repayments start", 0.0, 120.0));
  v("month", l.month, months("month the loan is received", 1.0));
}

struct Funding {
  std::vector<Grant> grants;
  std::vector<Loan> loans;
};

template <class G, class V>
void visit_fields(G& f, V& v, Funding*) {
  v("grants", f.grants, field_meta::list("grants paid to the business", 100));
  v("loans", f.loans, field_meta::list("loans taken by the business", 100));
}

// --------------------------------------------------------------------------------- household

// The founder's age band, as Universal Credit's standard allowance sees it (for a couple, the
// older member's).
enum class AgeBand {
  under_25,
  aged_25_or_over,
};

// Limited capability for work, as assessed for Universal Credit (UC Regs 2013 regs 39-40): none;
// LCW (a work allowance, no minimum income floor); or LCWRA (also the LCWRA element).
enum class LimitedCapability {
  none,
  lcw,
  lcwra,
};

// The household, stated: who it is (what the benefit rule needs to know), its money and its
// spending. Nothing here is inherited from the benefit rule.
struct Household {
  // Modest savings (illustrative). For a couple, the couple's joint savings.
  Distribution savings = 4000.0;
  // Rent, food, bills for a single adult sharing housing (illustrative).
  double living_costs_per_month = 1250.0;
  // Irregular spending: living costs vary month to month, normal with this sd around the mean.
  double living_costs_sd = 0.0;
  // A single founder (a couple claims jointly: the couple's standard allowance, the partner's
  // earnings and joint savings; docs/sources.md, Universal Credit rules).
  bool couple = false;
  AgeBand age_band = AgeBand::aged_25_or_over;
  // The kitchen table's founder, who has lived with mental ill-health, has been assessed as
  // having limited capability for work (illustrative): a work allowance and no minimum income
  // floor. Without the assessment the floor ends the award after the start-up year and this
  // business, which cannot earn the floor's £1,928 a month, fails (README, the default scenario).
  LimitedCapability limited_capability = LimitedCapability::lcw;
  // LCWRA element at the rate kept by claims made before 6 April 2026 (Universal Credit Act
  // 2025); otherwise the new-claim rate (docs/sources.md, Universal Credit rates).
  bool lcwra_claim_before_april_2026 = false;
  // Rent a month, met by the housing element (0: none). The kitchen table's founder rents a room
  // for £450 of the living costs above (illustrative; the local housing allowance cap on private
  // rent is not modelled).
  double housing_costs_per_month = 450.0;
  // Dependent children: the child element, childcare and a parent's work allowance are not
  // modelled, so this must be 0.
  int children = 0;
  // Regular income the model does not know about (a pension, a non-means-tested benefit...).
  double other_income_per_month = 0.0;
  // For a couple, the partner's earnings after tax and NI, which the joint claim counts; for a
  // single founder, help from outside the claim, which the benefit rule does not count.
  double partner_income_per_month = 0.0;
  // Hours a week of work expected of the partner, for the couple's minimum income floor (reg. 90(2)
  // and (3)): 35 for all work-related requirements, 16 with limited capability for work, 0 with no
  // work-related requirements (docs/sources.md, Universal Credit rules).
  double partner_expected_hours_per_week = 35.0;
  // Hours a week of work expected of the founder, for the floor (reg. 88: 35, or fewer where
  // health or caring limits them).
  double expected_hours_per_week = 35.0;
  // Judged gainfully self-employed (reg. 64: the trade is the main employment, organised,
  // developed, regular and run for profit). An assumption the user states: a founder who is not
  // gets no minimum income floor and is treated as any low earner.
  bool gainfully_self_employed = true;
  // A part-time job: its hours come out of the founder's working hours.
  double job_hours_per_week = 0.0;
  double job_wage_per_hour = 12.71;  // National Living Wage, April 2026 (docs/sources.md, Wages)
  // The founder leaves this much in the business before drawing from it.
  double drawings_buffer = 300.0;
  // The most the founder draws from the business in a month.
  double max_drawings_per_month = 1000.0;
};

template <class G, class V>
void visit_fields(G& h, V& v, Household*) {
  using namespace field_meta;
  v("savings", h.savings, money("founder's starting savings (a couple's joint savings)"));
  v("living_costs_per_month", h.living_costs_per_month, money("household living costs", 1e7));
  v("living_costs_sd", h.living_costs_sd, money("month-to-month sd of living costs (normal)", 1e7));
  v("couple", h.couple, flag("a couple claiming jointly (else a single founder)"));
  v("age_band", h.age_band, FieldMeta{"", "age band for the standard allowance: under_25 or aged_25_or_over"});
  v("limited_capability", h.limited_capability,
    FieldMeta{"", "limited capability for work assessed: none, lcw or lcwra"});
  v("lcwra_claim_before_april_2026", h.lcwra_claim_before_april_2026,
    flag("the LCWRA element at the rate kept by claims before 6 April 2026"));
  v("housing_costs_per_month", h.housing_costs_per_month, money("rent met by the housing element (0: none)", 1e5));
  v("children", h.children, FieldMeta{"children", "dependent children (not modelled: must be 0)", 0.0, 20.0});
  v("other_income_per_month", h.other_income_per_month, money("regular income the model does not know about", 1e7));
  v("partner_income_per_month", h.partner_income_per_month,
    money("couple: partner's net earnings (counted); single: outside help (not counted)", 1e7));
  v("partner_expected_hours_per_week", h.partner_expected_hours_per_week,
    hours("work expected of the partner, for a couple's minimum income floor", 35.0));
  v("expected_hours_per_week", h.expected_hours_per_week, hours("work expected of the founder, for the floor", 35.0));
  v("gainfully_self_employed", h.gainfully_self_employed,
    flag("the business is judged gainful self-employment (else no minimum income floor)"));
  v("job_hours_per_week", h.job_hours_per_week, hours("hours of the founder's other job", 80.0));
  v("job_wage_per_hour", h.job_wage_per_hour, FieldMeta{"pounds per hour", "wage of the other job", 0.0, 1e4});
  v("drawings_buffer", h.drawings_buffer, money("business cash kept before the founder draws"));
  v("max_drawings_per_month", h.max_drawings_per_month, money("most the founder draws in a month", 1e7));
}

// ---------------------------------------------------------------------------------- benefits

// How the minimum income floor's gross threshold becomes a net amount: the regulations leave the
// deduction for income tax and NI to the Secretary of State (reg. 62(4)), so it is a choice.
enum class FloorDeductions {
  self_employed,  // income tax and Class 4 NI on the threshold as a year's profit (older DWP guidance)
  employed,       // income tax and primary Class 1 NI on the threshold as a year's pay
  none,           // no deduction: the gross threshold
};

// A means-tested benefit as data, Universal Credit's shape; the defaults are the 2026/27 rates
// (docs/sources.md, Universal Credit rates). The household says which of them apply. Each month
// (assessment period) the award is the maximum (standard allowance + LCWRA element + housing
// costs) less the taper on earned income (after tax and NI, reg. 57) above the work allowance, less
// tariff income on capital between the limits, nothing above the upper limit; paid the month after.
struct Benefits {
  bool enabled = true;
  double standard_allowance_single_under_25 = 338.58;
  double standard_allowance_single = 424.90;  // 25 or over
  double standard_allowance_couple_under_25 = 528.34;
  double standard_allowance_couple = 666.97;  // one or both 25 or over
  double lcwra_element = 217.26;              // claims from 6 April 2026 (Universal Credit Act 2025)
  double lcwra_element_before_april_2026 = 429.80;
  double work_allowance_with_housing = 427;  // only with limited capability for work (or a child)
  double work_allowance_without_housing = 710;
  double taper = 0.55;                 // since 24 Nov 2021 (SI 2021/1283)
  double capital_lower_limit = 6000;   // UC Regs 2013 reg. 72
  double capital_upper_limit = 16000;  // no award above it
  double tariff_per_step = 4.35;       // a month, for each £250 or part above the lower limit
  double tariff_step = 250;
  // The minimum income floor (regs 62, 90): earned income of a gainfully self-employed claimant
  // with all work-related requirements is taken as at least this wage x expected hours x 52 / 12,
  // less notional tax and NI.
  bool minimum_income_floor = true;
  double floor_wage_per_hour = 12.71;  // National Living Wage from April 2026
  FloorDeductions floor_deductions = FloorDeductions::self_employed;
  int startup_period_months = 12;  // no floor in the first 12 months (reg. 63)
  // Surplus earnings (reg. 54A): earnings this far above the level that makes the award nil are
  // carried into the next assessment period. £300 after 31 March 2026 unless the £2,500 period is
  // extended (no extension found: an assumption; docs/sources.md, Universal Credit rules).
  double surplus_earnings_threshold = 300;
  // Timing: each assessment period's award is paid the next month, so a new claim waits about five
  // weeks for its first payment; an advance paid with the claim is repaid from the awards in equal
  // instalments (docs/sources.md, Universal Credit rules).
  bool paid_next_month = true;
  double advance = 0.0;
  int advance_repayment_months = 24;
};

template <class G, class V>
void visit_fields(G& b, V& v, Benefits*) {
  using namespace field_meta;
  v("enabled", b.enabled, flag("apply the benefit rule"));
  v("standard_allowance_single_under_25", b.standard_allowance_single_under_25,
    money("standard allowance a month, single, under 25", 1e5));
  v("standard_allowance_single", b.standard_allowance_single, money("standard allowance a month, single, 25+", 1e5));
  v("standard_allowance_couple_under_25", b.standard_allowance_couple_under_25,
    money("standard allowance a month, couple, both under 25", 1e5));
  v("standard_allowance_couple", b.standard_allowance_couple,
    money("standard allowance a month, couple, one or both 25+", 1e5));
  v("lcwra_element", b.lcwra_element, money("LCWRA element a month, claims from April 2026", 1e5));
  v("lcwra_element_before_april_2026", b.lcwra_element_before_april_2026,
    money("LCWRA element a month, claims from before April 2026", 1e5));
  v("work_allowance_with_housing", b.work_allowance_with_housing,
    money("work allowance a month with a housing element (limited capability only)", 1e5));
  v("work_allowance_without_housing", b.work_allowance_without_housing,
    money("work allowance a month without a housing element (limited capability only)", 1e5));
  v("taper", b.taper, share("award withdrawn per pound of earnings above the work allowance"));
  v("capital_lower_limit", b.capital_lower_limit, money("savings below this do not count"));
  v("capital_upper_limit", b.capital_upper_limit, money("no award with savings above this"));
  v("tariff_per_step", b.tariff_per_step, money("tariff income a month per step of capital", 1e4));
  v("tariff_step", b.tariff_step, FieldMeta{"pounds", "step of capital for tariff income", 0.0, 1e9, true});
  v("minimum_income_floor", b.minimum_income_floor, flag("apply the minimum income floor after the start-up period"));
  v("floor_wage_per_hour", b.floor_wage_per_hour,
    FieldMeta{"pounds per hour", "the floor's hourly wage (National Living Wage)", 0.0, 1e3});
  v("floor_deductions", b.floor_deductions,
    FieldMeta{"", "notional tax and NI taken off the floor: self_employed, employed or none"});
  v("startup_period_months", b.startup_period_months, months("months before the floor applies"));
  v("surplus_earnings_threshold", b.surplus_earnings_threshold,
    money("earnings above the nil-award level carried forward beyond this (reg. 54A)", 1e6));
  v("paid_next_month", b.paid_next_month, flag("each month's award is paid the month after"));
  v("advance", b.advance, money("advance paid with the claim in month 1", 1e5));
  v("advance_repayment_months", b.advance_repayment_months,
    FieldMeta{"months", "equal monthly repayments of the advance", 1.0, 120.0});
}

// --------------------------------------------------------------------------------------- tax

// Income tax and National Insurance on the founder's profits and wages, England, Wales and
// Northern Ireland rates for 2026/27 (docs/sources.md, Income tax and National Insurance). Worked
// out for the tax year and set aside month by month on the year to date (the allowances accrue a
// twelfth a month), as a founder budgets for a self-assessment bill; month 1 is April. A loss of
// one tax year is carried into the next. Not modelled: Scottish rates, the personal allowance's
// taper above £100,000.
struct Tax {
  bool enabled = true;
  double personal_allowance = 12570;
  double basic_rate = 0.20;
  double basic_rate_band = 37700;  // taxable income above the allowance taxed at the basic rate
  double higher_rate = 0.40;
  double additional_rate_threshold = 125140;  // total income above which the additional rate applies
  double additional_rate = 0.45;
  double class4_lower_profits_limit = 12570;
  double class4_upper_profits_limit = 50270;
  double class4_main_rate = 0.06;
  double class4_additional_rate = 0.02;
  double class1_primary_threshold = 12570;
  double class1_upper_earnings_limit = 50270;
  double class1_main_rate = 0.08;
  double class1_additional_rate = 0.02;
};

template <class G, class V>
void visit_fields(G& t, V& v, Tax*) {
  using namespace field_meta;
  v("enabled", t.enabled, flag("set income tax and NI aside from profits and wages"));
  v("personal_allowance", t.personal_allowance, money("income tax personal allowance a year", 1e7));
  v("basic_rate", t.basic_rate, share("income tax basic rate"));
  v("basic_rate_band", t.basic_rate_band, money("income taxed at the basic rate, above the allowance, a year", 1e8));
  v("higher_rate", t.higher_rate, share("income tax higher rate"));
  v("additional_rate_threshold", t.additional_rate_threshold,
    money("income above which the additional rate applies", 1e9));
  v("additional_rate", t.additional_rate, share("income tax additional rate"));
  v("class4_lower_profits_limit", t.class4_lower_profits_limit, money("Class 4 NI lower profits limit a year", 1e7));
  v("class4_upper_profits_limit", t.class4_upper_profits_limit, money("Class 4 NI upper profits limit a year", 1e8));
  v("class4_main_rate", t.class4_main_rate, share("Class 4 NI between the limits"));
  v("class4_additional_rate", t.class4_additional_rate, share("Class 4 NI above the upper limit"));
  v("class1_primary_threshold", t.class1_primary_threshold, money("Class 1 NI primary threshold a year", 1e7));
  v("class1_upper_earnings_limit", t.class1_upper_earnings_limit, money("Class 1 NI upper earnings limit a year", 1e8));
  v("class1_main_rate", t.class1_main_rate, share("employee Class 1 NI between the thresholds"));
  v("class1_additional_rate", t.class1_additional_rate, share("employee Class 1 NI above the upper limit"));
}

// ------------------------------------------------------------------------------------ health

// Founder's illness: an episode starts with a monthly chance, lasts a drawn number of months
// (rounded, at least 1), and cuts the founder's capacity; a peer can cover part of the lost
// sessions at a cost.
struct Health {
  double illness_per_month = 0.0;
  Distribution illness_months = triangular(1.0, 2.0, 6.0);  // illustrative
  double capacity_lost = 0.5;
  double peer_cover_share = 0.0;
  double peer_cover_cost_per_session = 0.0;
};

template <class G, class V>
void visit_fields(G& h, V& v, Health*) {
  using namespace field_meta;
  v("illness_per_month", h.illness_per_month, probability("monthly chance an illness episode starts"));
  v("illness_months", h.illness_months, months("length of an episode (rounded, at least 1)", 0.0, 120.0));
  v("capacity_lost", h.capacity_lost, share("share of the founder's capacity lost while ill"));
  v("peer_cover_share", h.peer_cover_share, share("share of lost sessions a peer delivers"));
  v("peer_cover_cost_per_session", h.peer_cover_cost_per_session, money("paid to the peer per session", 1e5));
}

// ------------------------------------------------------------------------------------- group

// How a group is paid for.
enum class GroupPricing {
  per_attendee,  // each member who attends pays the price of the meeting
  pooled,        // members pool part of their budgets: the group price of a meeting, split equally
};

// Group sessions, sold beside one-to-one sessions or instead of them. Capacity counts
// groups, not heads; the founder's time at meetings comes out of the one-to-one capacity. With
// pooled budgets each member pays group_price / members for every meeting held, and a member
// whose share rises past what their budget allows leaves at the next month's review: a group can
// unravel month by month. The defaults describe a weekly two-hour peer group (illustrative).
struct GroupOffer {
  bool enabled = false;
  bool one_to_one = true;  // false: groups only
  // Share of newly aware prospects who want the group rather than one-to-one sessions when both
  // are sold (illustrative).
  double interest_share = 0.3;
  int minimum_size = 4;  // a smaller meeting is cancelled; a smaller group collapses (illustrative)
  int maximum_size = 8;  // members of one group (illustrative)
  int max_groups = 1;
  int meetings_per_month = 4;           // weekly
  double meeting_hours = 2.0;           // the founder's time per meeting, travel and set-up included
  double attendance_probability = 0.8;  // each member's chance of attending a meeting (illustrative)
  // A meeting cancelled for too few attendees still costs this share of its time (the founder
  // has prepared and travelled; illustrative).
  double cancelled_time_share = 0.5;
  // A community-centre room and refreshments for every planned meeting, held or cancelled: the
  // room is booked ahead (illustrative).
  double cost_per_meeting = 15.0;
  GroupPricing pricing = GroupPricing::per_attendee;
  // Per meeting, per member who attends: £8 for two hours, £4 an hour, far below the £13.75-£24.69
  // direct-payment hourly rates (Shropshire 2024/25; docs/sources.md, Budget holders and prices); the price is
  // illustrative.
  double price_per_attendee = 8.0;
  // Pooled: the price of one meeting for the whole group, paid for every meeting held whoever
  // attends (illustrative: two hours of a facilitator at £30 an hour).
  double group_price = 60.0;
  // Pooled: share of what a member's budget allows for the meeting's hours that they will pool
  // (illustrative).
  double pooled_share = 0.5;
};

template <class G, class V>
void visit_fields(G& g, V& v, GroupOffer*) {
  using namespace field_meta;
  v("enabled", g.enabled, flag("sell group sessions"));
  v("one_to_one", g.one_to_one, flag("sell one-to-one sessions as well (false: groups only)"));
  v("interest_share", g.interest_share,
    share("share of newly aware prospects who want the group when one-to-one is sold too"));
  v("minimum_size", g.minimum_size,
    FieldMeta{"members", "fewest attendees a meeting needs, and members a group needs", 1.0, 100.0});
  v("maximum_size", g.maximum_size, FieldMeta{"members", "most members one group takes", 1.0, 100.0});
  v("max_groups", g.max_groups, FieldMeta{"groups", "most groups running at once", 1.0, 200.0});
  v("meetings_per_month", g.meetings_per_month, FieldMeta{"meetings", "meetings of each group a month", 1.0, 31.0});
  v("meeting_hours", g.meeting_hours,
    FieldMeta{"hours", "the founder's time per meeting (out of one-to-one hours)", 0.0, 24.0, true});
  v("attendance_probability", g.attendance_probability, probability("each member's chance of attending a meeting"));
  v("cancelled_time_share", g.cancelled_time_share,
    share("share of a cancelled meeting's time the founder still spends"));
  v("cost_per_meeting", g.cost_per_meeting, money("room and materials for every planned meeting", 1e5));
  v("pricing", g.pricing, FieldMeta{"", "who pays: per_attendee, or pooled budgets splitting a group price"});
  v("price_per_attendee", g.price_per_attendee,
    FieldMeta{"pounds", "per_attendee: price of a meeting for each member who attends", 0.0, 1e5, true});
  v("group_price", g.group_price,
    FieldMeta{"pounds", "pooled: price of a meeting for the whole group, split among its members", 0.0, 1e6, true});
  v("pooled_share", g.pooled_share,
    FieldMeta{"share", "pooled: share of what a member's budget allows for a meeting that they pool", 0.0, 1.0, true});
}

// ----------------------------------------------------------------------- several providers

// Costs a provider pays alone that a collective can share, a month each (on top of
// business.fixed_costs_per_month).
struct CostItems {
  double insurance = 0.0;
  double premises = 0.0;
  double admin = 0.0;
  double booking_system = 0.0;
};

template <class G, class V>
void visit_fields(G& c, V& v, CostItems*) {
  using namespace field_meta;
  v("insurance", c.insurance, money("insurance paid alone, a month", 1e7));
  v("premises", c.premises, money("premises paid alone, a month", 1e7));
  v("admin", c.admin, money("admin paid alone, a month", 1e7));
  v("booking_system", c.booking_system, money("booking system paid alone, a month", 1e7));
}

// The records of one provider's venture: what a single-provider scenario holds (besides its
// run settings), and what each provider of a town holds. One list, so a record added to the
// model reaches both.
struct Venture {
  Market market;
  Clients clients;
  Payments payments;
  Business business;
  Staff staff;
  Funding funding;
  Household household;
  Benefits benefits;
  Tax tax;
  Health health;
  GroupOffer group;
};

// The venture's records in the field table; `market_description` says whose market it is.
template <class G, class V>
void visit_venture_fields(G& r, V& v, const char* market_description) {
  using namespace field_meta;
  v("market", r.market, record(market_description));
  v("clients", r.clients, record("sessions, leaving, waiting, reviews and cuts"));
  v("payments", r.payments, record("how and when clients' money arrives"));
  v("business", r.business, record("the offer, its costs and the founder's hours"));
  v("staff", r.staff, record("paid hours beside the founder's"));
  v("funding", r.funding, record("grants and loans"));
  v("household", r.household, record("the founder's household"));
  v("benefits", r.benefits, record("a means-tested benefit rule: Universal Credit"));
  v("tax", r.tax, record("income tax and National Insurance"));
  v("health", r.health, record("the founder's illness and peer cover"));
  v("group", r.group, record("group sessions, paid per attendee or from pooled budgets"));
}

// One provider of a town: a venture (defaults: the kitchen-table start-up's), its identity and
// its place in the town's market and collective.
struct Provider : Venture {
  // Whose random numbers: this provider draws what a single-provider run with run.stream set to
  // the same identity draws. Distinct providers need distinct identities.
  int stream = 1;
  // How well the offer fits what budget holders want, in utility units of the town's choice
  // model (0: neutral; +1 is worth 1 / town.price_coefficient pounds an hour).
  double fit = 0.0;
  bool collective_member = false;
  CostItems costs;
};

template <class G, class V>
void visit_fields(G& p, V& v, Provider*) {
  using namespace field_meta;
  v("stream", p.stream, FieldMeta{"identity", "whose random numbers (as run.stream of a run alone)", 1.0, 1e9});
  v("fit", p.fit, FieldMeta{"utility", "how well the offer fits, in the town's choice model", -50.0, 50.0});
  v("collective_member", p.collective_member, flag("belongs to the town's collective"));
  v("costs", p.costs, record("costs paid alone that a collective can share"));
  visit_venture_fields(p, v, "its own market (unused with town.shared_market)");
}

// How prospects choose in a shared market (a multinomial logit): a newly aware prospect knows
// every offer still trading, can afford those whose hourly price is within their reservation
// price (the town's market), and picks offer j with probability exp(V_j) / (exp(V_0) + sum of
// exp(V_k) over the offers they can afford), where V_j = fit_j - price_coefficient x price per
// hour. V_0 is the utility of buying nothing (none_utility) when outside_option is on; without
// it, a prospect who can afford an offer always buys one.
struct Town {
  bool shared_market = false;
  double price_coefficient = 0.1;  // illustrative: 10 pence an hour lowers the odds by 1%
  bool outside_option = false;
  double none_utility = 0.0;
};

template <class G, class V>
void visit_fields(G& t, V& v, Town*) {
  using namespace field_meta;
  v("shared_market", t.shared_market, flag("providers draw prospects from one pool: the scenario's market"));
  v("price_coefficient", t.price_coefficient,
    FieldMeta{"utility per pound an hour", "how strongly price steers the choice", 0.0, 100.0});
  v("outside_option", t.outside_option, flag("a prospect may buy none of the offers they can afford"));
  v("none_utility", t.none_utility, FieldMeta{"utility", "utility of buying none (with outside_option)", -50.0, 50.0});
}

// One of the costs a collective can share: whether it does, and what it costs the collective.
struct SharedCost {
  bool shared = false;
  double cost_per_month = 0.0;
};

template <class G, class V>
void visit_fields(G& c, V& v, SharedCost*) {
  v("shared", c.shared, field_meta::flag("the collective pays this cost instead of each member"));
  v("cost_per_month", c.cost_per_month, field_meta::money("what it costs the collective a month", 1e7));
}

// How the collective's shared costs are split among the members still trading.
enum class SplitRule {
  equal,        // the same share each
  by_sessions,  // in proportion to the month's sessions (equally in a month without any)
  by_revenue,   // in proportion to the month's billed revenue (equally in a month without any)
};

// Providers who share named costs and cover each other's sessions in illness, for a fee.
struct Collective {
  bool enabled = false;
  SharedCost insurance;
  SharedCost premises;
  SharedCost admin;
  SharedCost booking_system;
  SplitRule split = SplitRule::equal;
  double membership_fee_per_month = 0.0;
  // An ill member's lost sessions are delivered by the other members from their spare
  // capacity (this share of it), before any peer cover; the ill member bills them and pays the
  // member who covers `cover_payment_per_session`.
  bool cover = false;
  double cover_share = 1.0;
  double cover_payment_per_session = 0.0;
};

template <class G, class V>
void visit_fields(G& c, V& v, Collective*) {
  using namespace field_meta;
  v("enabled", c.enabled, flag("the collective_member providers form a collective"));
  v("insurance", c.insurance, record("shared insurance"));
  v("premises", c.premises, record("shared premises"));
  v("admin", c.admin, record("shared admin"));
  v("booking_system", c.booking_system, record("a shared booking system"));
  v("split", c.split, FieldMeta{"", "how shared costs are split: equal, by_sessions or by_revenue"});
  v("membership_fee_per_month", c.membership_fee_per_month, money("each member's fee a month", 1e6));
  v("cover", c.cover, flag("members cover an ill member's sessions from spare capacity"));
  v("cover_share", c.cover_share, share("share of a member's spare capacity offered for cover"));
  v("cover_payment_per_session", c.cover_payment_per_session, money("paid by the ill member per covered session", 1e5));
}

// ---------------------------------------------------------------------------------------- run

struct RunSettings {
  int months = 36;
  // A break-even counts once it has held this many consecutive months.
  int sustained_months = 3;
  // Replace every random draw by its expectation (rounded for counts): the hand-checkable case.
  bool deterministic = false;
  // The founder gives up after this many months without living break-even (0: never).
  int give_up_after_months = 0;
  // Whose random numbers these are: path i draws from the stream keyed by (seed, i, stream).
  // A provider in a town with the same identity draws the same numbers, so a scenario run
  // alone and as a member of a town can be compared path by path.
  int stream = 0;
};

template <class G, class V>
void visit_fields(G& r, V& v, RunSettings*) {
  v("months", r.months, FieldMeta{"months", "horizon of the simulation", 1.0, 600.0});
  v("sustained_months", r.sustained_months,
    FieldMeta{"months", "consecutive months a break-even must hold to count", 1.0, 60.0});
  v("deterministic", r.deterministic, field_meta::flag("replace every random draw by its expectation"));
  v("give_up_after_months", r.give_up_after_months,
    field_meta::months("founder stops after this long without living break-even (0: never)"));
  v("stream", r.stream,
    FieldMeta{"identity", "whose random numbers: a provider with this identity in a town draws the same", 0.0, 1e9});
}

// ---------------------------------------------------------------------------------- scenario

struct Scenario : Venture {
  RunSettings run;
  // Several providers in one town. Empty: the Venture's records are the one provider. Otherwise
  // each provider carries its own, the scenario's `market` is the town's when the town shares
  // one, and its other Venture records are not used.
  std::vector<Provider> providers;
  Town town;
  Collective collective;
};

template <class G, class V>
void visit_fields(G& s, V& v, Scenario*) {
  using namespace field_meta;
  visit_venture_fields(s, v, "who hears of the service and can pay");
  v("run", s.run, record("horizon and break-even rules"));
  v("providers", s.providers, list("several providers in one town (empty: one provider)", kMaxProviders));
  v("town", s.town, record("how prospects choose among a town's providers"));
  v("collective", s.collective, record("providers sharing costs and illness cover"));
}

// The built-in default: the "kitchen table" start-up described above.
Scenario default_scenario();

// Visit the fields of any record type.
template <class G, class V>
void visit_record_fields(G& g, V& v) {
  using Plain = std::remove_const_t<G>;
  visit_fields(g, v, static_cast<Plain*>(nullptr));
}

}  // namespace meantime
