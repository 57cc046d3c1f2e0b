// Every validation rule rejects its bad value with the field named. Range rules are tested for
// every field in the schema, so a new field is covered the day it is added.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "meantime/meantime.hpp"

namespace meantime {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Runs `mutate` on a default scenario and expects validate() to name `field` and say `words`.
void expect_rejected(const std::function<void(Scenario&)>& mutate, const std::string& field, const std::string& words) {
  Scenario s = default_scenario();
  mutate(s);
  try {
    validate(s);
    ADD_FAILURE() << "accepted a bad " << field;
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.field(), field);
    EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
    EXPECT_NE(e.rule().find(words), std::string::npos) << "rule: " << e.rule() << "; expected: " << words;
  }
}

void set(Scenario& s, const std::string& path, double value) {
  if (std::holds_alternative<long long>(get_field(s, path))) {
    set_field(s, path, static_cast<long long>(value));
  } else {
    set_field(s, path, value);
  }
}

TEST(Validation, TheDefaultScenarioIsValid) { EXPECT_NO_THROW(validate(default_scenario())); }

TEST(Validation, EveryNumericFieldRejectsValuesOutsideItsRange) {
  int checked = 0;
  for (const FieldInfo& f : scenario_fields()) {
    if (f.type != FieldType::number && f.type != FieldType::integer && f.type != FieldType::distribution) continue;
    if (f.path.find("[]") != std::string::npos) continue;  // list elements: ListElementsAreValidated
    SCOPED_TRACE(f.path);
    if (std::isfinite(f.min)) {
      const double below = f.min_open ? f.min : f.min - 1;
      expect_rejected([&](Scenario& s) { set(s, f.path, below); }, f.path, f.min_open ? "must be > " : "must be >= ");
      ++checked;
    }
    if (std::isfinite(f.max)) {
      expect_rejected([&](Scenario& s) { set(s, f.path, f.max * 2 + 1); }, f.path, "<= ");
      ++checked;
    }
    if (f.type != FieldType::integer) {
      expect_rejected([&](Scenario& s) { set(s, f.path, kNaN); }, f.path, "finite");
      expect_rejected([&](Scenario& s) { set(s, f.path, kInf); }, f.path, "finite");
    }
  }
  EXPECT_GT(checked, 20);
}

// "providers[].funding.grants[].amount" -> the lists to give one element ("providers",
// "providers[0].funding.grants") and the first element's path.
std::pair<std::vector<std::string>, std::string> first_element(const std::string& schema_path) {
  std::vector<std::string> lists;
  std::string path = schema_path;
  for (auto bracket = path.find("[]"); bracket != std::string::npos; bracket = path.find("[]")) {
    lists.push_back(path.substr(0, bracket));
    path.replace(bracket, 2, "[0]");
  }
  return {lists, path};
}

TEST(Validation, ListElementsAreValidated) {
  int checked = 0;
  for (const FieldInfo& f : scenario_fields()) {
    if (f.path.find("[]") == std::string::npos || f.type == FieldType::list) continue;
    SCOPED_TRACE(f.path);
    const auto [lists, element] = first_element(f.path);
    if (std::isfinite(f.min)) {
      const double below = f.min_open ? f.min : f.min - 1;
      expect_rejected(
          [&, &lists = lists, &element = element](Scenario& s) {
            for (const auto& list : lists) resize_list(s, list, 1);
            set(s, element, below);
          },
          element, "must be");
      ++checked;
    }
  }
  EXPECT_GE(checked, 7);
  expect_rejected([](Scenario& s) { s.funding.loans.resize(101); }, "funding.loans", "at most 100 items");
}

TEST(Validation, MessagesSayTheRuleAndTheValue) {
  expect_rejected([](Scenario& s) { s.business.price_per_session = -12; }, "business.price_per_session",
                  "must be > 0 and <= 100000, got -12");
  expect_rejected([](Scenario& s) { s.clients.churn_per_month = 12.0; }, "clients.churn_per_month",
                  "must be >= 0 and <= 1, got 12");
  expect_rejected([](Scenario& s) { s.run.months = 0; }, "run.months", "got 0");
  expect_rejected([](Scenario& s) { s.run.months = 120000; }, "run.months", "<= 600, got 120000");
  expect_rejected([](Scenario& s) { s.business.founder_hours_per_week = 100; }, "business.founder_hours_per_week",
                  "<= 80");
}

TEST(Validation, DistributionParameters) {
  expect_rejected([](Scenario& s) { s.market.innovation = uniform(0.05, 0.01); }, "market.innovation",
                  "min must be <= max");
  expect_rejected([](Scenario& s) { s.market.population = triangular(10, 5, 20); }, "market.population",
                  "min <= mode <= max");
  expect_rejected([](Scenario& s) { s.market.population = pert(10, 30, 20); }, "market.population",
                  "min <= mode <= max");
  expect_rejected([](Scenario& s) { s.household.savings = normal(1000, -1); }, "household.savings", "sd must be >= 0");
  expect_rejected([](Scenario& s) { s.household.savings = lognormal(-5, 0.2); }, "household.savings",
                  "median must be > 0");
  expect_rejected([](Scenario& s) { s.market.fit_share = beta(0, 2); }, "market.fit_share", "alpha must be > 0");
  expect_rejected([](Scenario& s) { s.market.fit_share = beta(2, -1); }, "market.fit_share", "beta must be > 0");
  expect_rejected([](Scenario& s) { s.household.savings = gamma(-1, 2); }, "household.savings", "shape must be > 0");
  expect_rejected([](Scenario& s) { s.household.savings = gamma(2, 0); }, "household.savings", "scale must be > 0");
  expect_rejected([](Scenario& s) { s.household.savings = uniform(kNaN, 3); }, "household.savings",
                  "min must be a finite number");
}

TEST(Validation, DistributionsMustStayInTheFieldsRange) {
  // A probability drawn from a normal that can pass 1, or a uniform that starts below 0.
  expect_rejected([](Scenario& s) { s.clients.churn_per_month = normal(0.5, 0.2); }, "clients.churn_per_month",
                  "reaches outside the valid range");
  expect_rejected([](Scenario& s) { s.market.fit_share = uniform(-0.1, 0.3); }, "market.fit_share",
                  "reaches outside the valid range");
  expect_rejected([](Scenario& s) { s.market.fit_share = gamma(2, 1); }, "market.fit_share",
                  "reaches outside the valid range");
  expect_rejected([](Scenario& s) { s.market.reservation_price_per_hour = lognormal(20, 3); },
                  "market.reservation_price_per_hour", "reaches outside the valid range");
  // ... while a normal with its bound far out in the tail is fine.
  Scenario s = default_scenario();
  s.household.savings = normal(5000, 500);
  EXPECT_NO_THROW(validate(s));
}

TEST(Validation, CrossFieldRules) {
  expect_rejected(
      [](Scenario& s) {
        s.market.innovation = 0.5;
        s.market.imitation = uniform(0.2, 0.6);
      },
      "market.imitation", "innovation + imitation must be <= 1");
  expect_rejected(
      [](Scenario& s) {
        s.run.months = 6;
        s.run.sustained_months = 7;
      },
      "run.sustained_months", "must be <= run.months");
  expect_rejected([](Scenario& s) { s.payments.self_funded.share = 0.2; }, "payments", "must add up to 1, got 1.2");
  expect_rejected(
      [](Scenario& s) {
        s.business.founder_hours_per_week = 20;
        s.household.job_hours_per_week = 25;
      },
      "household.job_hours_per_week", "must be <= business.founder_hours_per_week");
  expect_rejected(
      [](Scenario& s) {
        s.business.founder_hours_per_week = 40;
        s.staff.hours_per_week = 150;
      },
      "staff.hours_per_week", "within 5 FTE");
  expect_rejected([](Scenario& s) { s.benefits.capital_upper_limit = 5000; }, "benefits.capital_upper_limit",
                  "must be >= capital_lower_limit");
  expect_rejected(
      [](Scenario& s) {
        s.funding.grants.push_back({1000, 37});
      },
      "funding.grants[0].month", "must be <= run.months (36), got 37");
  expect_rejected(
      [](Scenario& s) {
        s.funding.loans.push_back(Loan{5000, 0.06, 36, 0, 40});
      },
      "funding.loans[0].month", "must be <= run.months");
  expect_rejected(
      [](Scenario& s) {
        s.funding.loans.push_back(Loan{5000, -1.0, 36, 0, 1});
      },
      "funding.loans[0].apr", "must be > -1");
  expect_rejected(
      [](Scenario& s) {
        s.funding.loans.push_back(Loan{5000, 0.06, 0, 0, 1});
      },
      "funding.loans[0].term_months", "must be >= 1");
  expect_rejected([](Scenario& s) { s.payments.individual_service_fund.delay_months = uniform(1, 14); },
                  "payments.individual_service_fund.delay_months", "reaches outside the valid range");
  expect_rejected([](Scenario& s) { s.market.fit_share = research(10, 12); }, "market.fit_share",
                  "interested must be a whole number from 0 to asked");
}

// Group offers: the ranges of every group field are checked by the schema-driven
// tests above; these are the rules between fields, and the choice.
TEST(Validation, GroupRules) {
  expect_rejected(
      [](Scenario& s) {
        s.group.minimum_size = 6;
        s.group.maximum_size = 5;
      },
      "group.maximum_size", "must be >= group.minimum_size (6), got 5");
  expect_rejected([](Scenario& s) { s.group.maximum_size = 3; }, "group.maximum_size", "got 3");  // minimum 4
  expect_rejected([](Scenario& s) { s.group.minimum_size = 0; }, "group.minimum_size", "must be >= 1");
  expect_rejected([](Scenario& s) { s.group.pooled_share = 0; }, "group.pooled_share", "must be > 0");
  expect_rejected([](Scenario& s) { s.group.attendance_probability = 1.5; }, "group.attendance_probability",
                  "<= 1, got 1.5");
  // The default founder has 15 h x 52/12 x 0.85 = 55.25 client-facing hours a month: seven groups
  // meeting 4 x 2 h (56 hours) do not fit; six do, and a switched-off offer is not checked.
  expect_rejected(
      [](Scenario& s) {
        s.group.enabled = true;
        s.group.max_groups = 7;
      },
      "group.max_groups", "must fit in the client-facing hours");
  Scenario fits = default_scenario();
  fits.group.enabled = true;
  fits.group.max_groups = 6;
  EXPECT_NO_THROW(validate(fits));
  fits.group.enabled = false;
  fits.group.max_groups = 50;
  EXPECT_NO_THROW(validate(fits));
  expect_rejected([](Scenario& s) { s.group.pricing = static_cast<GroupPricing>(7); }, "group.pricing",
                  "not one of the valid choices");
  Scenario named = default_scenario();
  try {
    set_field(named, "group.pricing", std::string("shared"));
    ADD_FAILURE() << "accepted pricing 'shared'";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.field(), "group.pricing");
    EXPECT_NE(e.rule().find("must be one of per_attendee, pooled"), std::string::npos) << e.rule();
  }
}

TEST(Validation, RunOptions) {
  const Scenario s = default_scenario();
  auto expect_option_error = [&](RunOptions o, const std::string& field) {
    try {
      simulate(s, o);
      ADD_FAILURE() << "accepted a bad " << field;
    } catch (const RunSettingsError& e) {
      EXPECT_EQ(e.field(), field);
    }
  };
  RunOptions o;
  o.paths = 0;
  expect_option_error(o, "paths");
  o.paths = kMaxPaths + 1;
  expect_option_error(o, "paths");
  o = RunOptions{};
  o.threads = -1;
  expect_option_error(o, "threads");
  o = RunOptions{};
  o.first_path = ~0ULL - 5;
  expect_option_error(o, "first_path");
}

TEST(Validation, PathArraysThatCannotFitAreRefusedBeforeAllocating) {
  RunOptions o;
  o.paths = kMaxPaths;
  o.keep_paths = true;
  try {
    simulate(default_scenario(), o);
    ADD_FAILURE() << "no memory error";
  } catch (const MemoryLimitError& e) {
    EXPECT_GT(e.bytes_needed(), e.bytes_available());
    EXPECT_NE(std::string(e.what()).find("keep_paths"), std::string::npos) << e.what();
  }
}

TEST(Validation, ScenarioErrorsFromTheRunToo) {
  Scenario s = default_scenario();
  s.business.price_per_session = 0;
  EXPECT_THROW(simulate(s), ScenarioError);
}

}  // namespace
}  // namespace meantime
