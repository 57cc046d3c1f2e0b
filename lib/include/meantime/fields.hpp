// Scenario fields by dotted path ("business.price_per_session"): the schema, and reading and
// writing one field. This is what scenario files, the Python layer and sweeps build on.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "meantime/scenario.hpp"

namespace meantime {

// A leaf field's type; `list` marks a list of records (e.g. funding.grants), whose element
// fields are listed as "funding.grants[].amount".
enum class FieldType { number, integer, boolean, distribution, choice, list };

using FieldValue = std::variant<double, long long, bool, Distribution, std::string>;

struct FieldInfo {
  std::string path;  // "group.field", "group.record.field" or "group.list[].field"
  FieldType type;
  std::string unit;
  std::string description;
  double min;
  double max;
  bool min_open;
  std::vector<std::string> choices;  // for FieldType::choice
  FieldValue default_value;          // in default_scenario() (a list's elements: a new element's)
};

// Every field of a scenario, in declaration order.
const std::vector<FieldInfo>& scenario_fields();
const char* field_type_name(FieldType type);

// Throws ScenarioError naming the path when it is unknown (with the closest valid name).
FieldValue get_field(const Scenario& scenario, const std::string& path);
// Throws ScenarioError when the path is unknown or the value has the wrong type for the field
// (numbers are accepted for distributions, as fixed values; whole doubles for integers).
// Ranges are not checked here: validate() checks the whole scenario once.
void set_field(Scenario& scenario, const std::string& path, const FieldValue& value);

// Lists of records by path ("funding.grants"): their length, and a new length (new elements
// take their defaults). Element fields are then read and written as "funding.grants[0].amount".
std::size_t list_size(const Scenario& scenario, const std::string& path);
void resize_list(Scenario& scenario, const std::string& path, std::size_t size);

// Choice fields as text.
const char* to_string(ArrivalModel model);

// The closest of `candidates` to `word` by edit distance, or "" when none is close.
std::string closest_name(const std::string& word, const std::vector<std::string>& candidates);

// A 64-bit fingerprint of every field value: equal scenarios give equal fingerprints.
std::uint64_t fingerprint(const Scenario& scenario);

}  // namespace meantime

namespace meantime {

// The names of a choice field's values, in enum order.
template <class E>
struct ChoiceNames;
template <>
struct ChoiceNames<ArrivalModel> {
  static const std::vector<std::string>& names() {
    static const std::vector<std::string> n = {"bass", "referrals"};
    return n;
  }
};

template <>
struct ChoiceNames<SessionCount> {
  static const std::vector<std::string>& names() {
    static const std::vector<std::string> n = {"poisson", "fixed"};
    return n;
  }
};

template <>
struct ChoiceNames<PayingChannel> {
  static const std::vector<std::string>& names() {
    static const std::vector<std::string> n = {"direct_payment", "individual_service_fund", "personal_health_budget",
                                               "self_funded"};
    return n;
  }
};

template <>
struct ChoiceNames<SplitRule> {
  static const std::vector<std::string>& names() {
    static const std::vector<std::string> n = {"equal", "by_sessions", "by_revenue"};
    return n;
  }
};

template <>
struct ChoiceNames<GroupPricing> {
  static const std::vector<std::string>& names() {
    static const std::vector<std::string> n = {"per_attendee", "pooled"};
    return n;
  }
};

template <>
struct ChoiceNames<AgeBand> {
  static const std::vector<std::string>& names() {
    static const std::vector<std::string> n = {"under_25", "aged_25_or_over"};
    return n;
  }
};

template <>
struct ChoiceNames<LimitedCapability> {
  static const std::vector<std::string>& names() {
    static const std::vector<std::string> n = {"none", "lcw", "lcwra"};
    return n;
  }
};

template <>
struct ChoiceNames<FloorDeductions> {
  static const std::vector<std::string>& names() {
    static const std::vector<std::string> n = {"self_employed", "employed", "none"};
    return n;
  }
};

template <class E, class = void>
struct IsChoice : std::false_type {};
template <class E>
struct IsChoice<E, std::void_t<decltype(ChoiceNames<E>::names())>> : std::true_type {};

template <class T>
struct IsList : std::false_type {};
template <class T>
struct IsList<std::vector<T>> : std::true_type {};

namespace detail {
struct ProbeVisitor {
  template <class T>
  void operator()(const char*, T&, const FieldMeta&) {}
};
}  // namespace detail

// A record is a type with a visit_fields overload (a group, a payment channel, a loan).
template <class T, class = void>
struct IsRecord : std::false_type {};
template <class T>
struct IsRecord<T, std::void_t<decltype(visit_fields(std::declval<T&>(), std::declval<detail::ProbeVisitor&>(),
                                                     static_cast<T*>(nullptr)))>> : std::true_type {};

namespace detail {
// Walks records depth first, calling leaf(path, member, meta) for every leaf field and
// list(path, vector, meta) for every list before its elements.
template <class Leaf, class List>
struct Walker {
  Leaf& leaf;
  List& list;
  std::string prefix;
  template <class T>
  void operator()(const char* name, T& member, const FieldMeta& meta) {
    using Plain = std::remove_const_t<T>;
    const std::string path = prefix + name;
    if constexpr (IsRecord<Plain>::value) {
      Walker sub{leaf, list, path + "."};
      visit_record_fields(member, sub);
    } else if constexpr (IsList<Plain>::value) {
      list(path, member, meta);
      for (std::size_t i = 0; i < member.size(); ++i) {
        Walker sub{leaf, list, path + "[" + std::to_string(i) + "]."};
        visit_record_fields(member[i], sub);
      }
    } else {
      leaf(path, member, meta);
    }
  }
};
}  // namespace detail

// Calls leaf(path, member, meta) for every leaf field of `scenario` (const or not), in order,
// with list elements as "group.list[i].field"; and list(path, vector, meta) for every list.
template <class S, class Leaf, class List>
void for_each_field(S& scenario, Leaf&& leaf, List&& list) {
  detail::Walker<std::remove_reference_t<Leaf>, std::remove_reference_t<List>> walker{leaf, list, ""};
  visit_record_fields(scenario, walker);
}

template <class S, class Leaf>
void for_each_field(S& scenario, Leaf&& leaf) {
  auto ignore = [](const std::string&, const auto&, const FieldMeta&) {};
  for_each_field(scenario, leaf, ignore);
}

}  // namespace meantime
