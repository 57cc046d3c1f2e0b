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

enum class FieldType { number, integer, boolean, distribution, choice };

using FieldValue = std::variant<double, long long, bool, Distribution, std::string>;

struct FieldInfo {
  std::string path;  // "group.field"
  FieldType type;
  std::string unit;
  std::string description;
  double min;
  double max;
  bool min_open;
  std::vector<std::string> choices;  // for FieldType::choice
  FieldValue default_value;          // in default_scenario()
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

template <class E, class = void>
struct IsChoice : std::false_type {};
template <class E>
struct IsChoice<E, std::void_t<decltype(ChoiceNames<E>::names())>> : std::true_type {};

namespace detail {
template <class F>
struct PathFieldVisitor {
  F& f;
  const char* group;
  template <class T>
  void operator()(const char* name, T& member, const FieldMeta& meta) {
    f(std::string(group) + "." + name, member, meta);
  }
};
template <class F>
struct PathGroupVisitor {
  F& f;
  template <class G>
  void group(const char* name, G& g) {
    PathFieldVisitor<F> fields{f, name};
    visit_group_fields(g, fields);
  }
};
}  // namespace detail

// Calls f(path, member, meta) for every field of `scenario` (const or not), in order.
template <class S, class F>
void for_each_field(S& scenario, F&& f) {
  detail::PathGroupVisitor<std::remove_reference_t<F>> groups{f};
  visit_groups(scenario, groups);
}

}  // namespace meantime
