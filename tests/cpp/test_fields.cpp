// Fields by path: the schema, reading and writing, helpful errors.
#include <gtest/gtest.h>

#include <set>

#include "meantime/meantime.hpp"

namespace meantime {
namespace {

TEST(Fields, SchemaListsEveryFieldOnceWithUnitsAndDefaults) {
  const auto& fields = scenario_fields();
  std::set<std::string> paths;
  for (const auto& f : fields) {
    EXPECT_TRUE(paths.insert(f.path).second) << "duplicate " << f.path;
    EXPECT_FALSE(f.description.empty()) << f.path;
    if (f.type == FieldType::list && f.path.find("[]") != std::string::npos) {
      EXPECT_EQ(std::get<long long>(f.default_value), 0) << f.path;  // a list in a new list element
    } else if (f.type == FieldType::list) {
      EXPECT_EQ(std::get<long long>(f.default_value), static_cast<long long>(list_size(default_scenario(), f.path)));
    } else if (f.path.find("[]") == std::string::npos) {
      EXPECT_EQ(get_field(default_scenario(), f.path), f.default_value) << f.path;
    }
  }
  EXPECT_TRUE(paths.count("payments.individual_service_fund.delay_months"));
  EXPECT_TRUE(paths.count("funding.loans"));
  EXPECT_TRUE(paths.count("funding.loans[].apr"));
  EXPECT_TRUE(paths.count("business.price_per_session"));
  EXPECT_TRUE(paths.count("market.arrivals"));
  EXPECT_TRUE(paths.count("run.months"));
  EXPECT_TRUE(paths.count("providers[].funding.grants[].amount"));  // a list in a list
  EXPECT_TRUE(paths.count("collective.insurance.cost_per_month"));
}

TEST(Fields, SetAndGetByPath) {
  Scenario s;
  set_field(s, "business.price_per_session", 25.0);
  EXPECT_EQ(s.business.price_per_session, 25.0);
  set_field(s, "run.months", 48LL);
  EXPECT_EQ(s.run.months, 48);
  set_field(s, "run.months", 24.0);  // a whole double is a whole number
  EXPECT_EQ(s.run.months, 24);
  set_field(s, "market.fit_share", research(20, 4));
  EXPECT_EQ(s.market.fit_share, research(20, 4));
  set_field(s, "market.fit_share", 0.3);  // a number is a fixed distribution
  EXPECT_EQ(s.market.fit_share, fixed(0.3));
  set_field(s, "market.arrivals", std::string("referrals"));
  EXPECT_EQ(s.market.arrivals, ArrivalModel::referrals);
  EXPECT_EQ(std::get<std::string>(get_field(s, "market.arrivals")), "referrals");
}

TEST(Fields, ListsOfRecords) {
  Scenario s;
  EXPECT_EQ(list_size(s, "funding.grants"), 0u);
  resize_list(s, "funding.grants", 2);
  set_field(s, "funding.grants[1].amount", 2500.0);
  set_field(s, "funding.grants[1].month", 6LL);
  EXPECT_EQ(s.funding.grants[1].amount, 2500.0);
  EXPECT_EQ(std::get<long long>(get_field(s, "funding.grants[1].month")), 6);
  EXPECT_EQ(std::get<double>(get_field(s, "funding.grants[0].amount")), 0.0);
  try {
    set_field(s, "funding.grants[5].amount", 1.0);
    FAIL();
  } catch (const ScenarioError& e) {
    EXPECT_NE(e.rule().find("no such item"), std::string::npos) << e.rule();
  }
  EXPECT_THROW(resize_list(s, "funding.grants", 101), ScenarioError);
  EXPECT_THROW(list_size(s, "funding.grant"), ScenarioError);
  // Nested records read and write by path too.
  set_field(s, "payments.self_funded.share", 0.25);
  EXPECT_EQ(s.payments.self_funded.share, 0.25);
}

TEST(Fields, UnknownPathsSuggestTheClosestName) {
  Scenario s;
  try {
    set_field(s, "business.price_per_sesion", 3.0);
    FAIL();
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.field(), "business.price_per_sesion");
    EXPECT_NE(e.rule().find("did you mean 'business.price_per_session'"), std::string::npos) << e.rule();
  }
  try {
    get_field(s, "nonsense.entirely_unrelated_words");
    FAIL();
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.rule(), "unknown field");
  }
}

TEST(Fields, WrongTypesAreNamed) {
  Scenario s;
  EXPECT_THROW(set_field(s, "run.months", 2.5), ScenarioError);
  EXPECT_THROW(set_field(s, "run.deterministic", 1.0), ScenarioError);
  EXPECT_THROW(set_field(s, "business.price_per_session", std::string("12")), ScenarioError);
  try {
    set_field(s, "market.arrivals", std::string("magic"));
    FAIL();
  } catch (const ScenarioError& e) {
    EXPECT_NE(e.rule().find("bass, referrals"), std::string::npos) << e.rule();
  }
}

TEST(Fields, FingerprintTellsScenariosApart) {
  Scenario a, b;
  EXPECT_EQ(fingerprint(a), fingerprint(b));
  b.business.price_per_session += 0.01;
  EXPECT_NE(fingerprint(a), fingerprint(b));
}

TEST(Distributions, NamesAndDescriptions) {
  EXPECT_EQ(distribution_kind_from_name("pert"), DistributionKind::pert);
  EXPECT_THROW(distribution_kind_from_name("poisson"), std::invalid_argument);
  EXPECT_EQ(describe(triangular(1, 2, 4)), "triangular(min=1, mode=2, max=4)");
  EXPECT_EQ(describe(fixed(3.5)), "3.5");
}

}  // namespace
}  // namespace meantime
