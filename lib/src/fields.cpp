#include "meantime/fields.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "meantime/errors.hpp"

namespace meantime {

namespace {

template <class T>
FieldType type_of() {
  if constexpr (std::is_same_v<T, double>)
    return FieldType::number;
  else if constexpr (std::is_same_v<T, int>)
    return FieldType::integer;
  else if constexpr (std::is_same_v<T, bool>)
    return FieldType::boolean;
  else if constexpr (std::is_same_v<T, Distribution>)
    return FieldType::distribution;
  else {
    static_assert(IsChoice<T>::value, "every field type needs a FieldType");
    return FieldType::choice;
  }
}

template <class T>
FieldValue value_of(const T& member) {
  if constexpr (std::is_same_v<T, int>)
    return static_cast<long long>(member);
  else if constexpr (IsChoice<T>::value)
    return ChoiceNames<T>::names()[static_cast<std::size_t>(member)];
  else
    return member;
}

const char* value_type_name(const FieldValue& value) {
  switch (value.index()) {
    case 0:
      return "a number";
    case 1:
      return "an integer";
    case 2:
      return "true/false";
    case 3:
      return "a distribution";
    default:
      return "text";
  }
}

std::vector<std::string> all_paths() {
  std::vector<std::string> paths;
  for (const auto& f : scenario_fields()) paths.push_back(f.path);
  return paths;
}

// "funding.grants[3].amount" -> "funding.grants[].amount"
std::string without_indices(const std::string& path) {
  std::string out;
  bool in_brackets = false;
  for (char ch : path) {
    if (ch == '[') in_brackets = true;
    if (ch == ']') in_brackets = false;
    if (!in_brackets || ch == '[') out += ch;
  }
  return out;
}

[[noreturn]] void unknown_field(const std::string& path) {
  const std::string general = without_indices(path);
  if (general != path) {
    const auto paths = all_paths();
    if (std::find(paths.begin(), paths.end(), general) != paths.end()) {
      throw ScenarioError(path, "no such item: the list is shorter (resize it first)");
    }
  }
  std::string rule = "unknown field";
  const std::string suggestion = closest_name(path, all_paths());
  if (!suggestion.empty()) rule += "; did you mean '" + suggestion + "'?";
  throw ScenarioError(path, rule);
}

template <class T>
void assign(T& member, const FieldValue& value, const std::string& path) {
  auto wrong = [&](const char* expected) {
    throw ScenarioError(path, std::string("must be ") + expected + ", got " + value_type_name(value));
  };
  if constexpr (std::is_same_v<T, double>) {
    if (auto* d = std::get_if<double>(&value))
      member = *d;
    else if (auto* i = std::get_if<long long>(&value))
      member = static_cast<double>(*i);
    else
      wrong("a number");
  } else if constexpr (std::is_same_v<T, int>) {
    if (auto* i = std::get_if<long long>(&value)) {
      if (*i < -2147483647LL || *i > 2147483647LL) throw ScenarioError(path, "is out of range for a whole number");
      member = static_cast<int>(*i);
    } else if (auto* d = std::get_if<double>(&value)) {
      if (!(std::isfinite(*d) && *d == std::floor(*d) && std::fabs(*d) < 2147483647.0)) {
        throw ScenarioError(path, "must be a whole number, got " + std::to_string(*d));
      }
      member = static_cast<int>(*d);
    } else {
      wrong("a whole number");
    }
  } else if constexpr (std::is_same_v<T, bool>) {
    if (auto* b = std::get_if<bool>(&value))
      member = *b;
    else
      wrong("true or false");
  } else if constexpr (std::is_same_v<T, Distribution>) {
    if (auto* dist = std::get_if<Distribution>(&value))
      member = *dist;
    else if (auto* d = std::get_if<double>(&value))
      member = Distribution(*d);
    else if (auto* i = std::get_if<long long>(&value))
      member = Distribution(static_cast<double>(*i));
    else
      wrong("a number or a distribution");
  } else {
    const auto* text = std::get_if<std::string>(&value);
    if (!text) wrong("one of the listed names");
    const auto& names = ChoiceNames<T>::names();
    const auto it = std::find(names.begin(), names.end(), *text);
    if (it == names.end()) {
      std::string valid;
      for (const auto& n : names) valid += (valid.empty() ? "" : ", ") + n;
      throw ScenarioError(path, "must be one of " + valid + ", got '" + *text + "'");
    }
    member = static_cast<T>(it - names.begin());
  }
}

}  // namespace

const char* field_type_name(FieldType type) {
  switch (type) {
    case FieldType::number:
      return "number";
    case FieldType::integer:
      return "integer";
    case FieldType::boolean:
      return "boolean";
    case FieldType::distribution:
      return "distribution";
    case FieldType::choice:
      return "choice";
    case FieldType::list:
      return "list";
  }
  return "?";
}

namespace {

template <class T>
FieldInfo leaf_info(const std::string& path, const T& member, const FieldMeta& meta) {
  FieldInfo info{path,     type_of<T>(),  meta.unit, meta.description, meta.min,
                 meta.max, meta.min_open, {},        value_of(member)};
  if constexpr (IsChoice<T>::value) info.choices = ChoiceNames<T>::names();
  return info;
}

// Like detail::Walker, but a list is described once, by a default element, as "list[].field".
struct SchemaWalker {
  std::vector<FieldInfo>& out;
  std::string prefix;
  template <class T>
  void operator()(const char* name, const T& member, const FieldMeta& meta) {
    const std::string path = prefix + name;
    if constexpr (IsRecord<T>::value) {
      SchemaWalker sub{out, path + "."};
      visit_record_fields(member, sub);
    } else if constexpr (IsList<T>::value) {
      out.push_back(FieldInfo{path,
                              FieldType::list,
                              meta.unit,
                              meta.description,
                              meta.min,
                              meta.max,
                              false,
                              {},
                              static_cast<long long>(member.size())});
      const typename T::value_type prototype{};
      SchemaWalker sub{out, path + "[]."};
      visit_record_fields(prototype, sub);
    } else {
      out.push_back(leaf_info(path, member, meta));
    }
  }
};

}  // namespace

const std::vector<FieldInfo>& scenario_fields() {
  static const std::vector<FieldInfo> fields = [] {
    std::vector<FieldInfo> list;
    const Scenario defaults = default_scenario();
    SchemaWalker walker{list, ""};
    visit_record_fields(defaults, walker);
    return list;
  }();
  return fields;
}

namespace {
// Calls f(vector) for the list at `path`; throws when there is none.
template <class S, class F>
void with_list(S& scenario, const std::string& path, F&& f) {
  bool found = false;
  for_each_field(
      scenario, [](const std::string&, const auto&, const FieldMeta&) {},
      [&](const std::string& p, auto& list, const FieldMeta& meta) {
        if (found || p != path) return;
        found = true;
        f(list, meta);
      });
  if (!found) unknown_field(path);
}
}  // namespace

std::size_t list_size(const Scenario& scenario, const std::string& path) {
  std::size_t size = 0;
  with_list(scenario, path, [&](const auto& list, const FieldMeta&) { size = list.size(); });
  return size;
}

void resize_list(Scenario& scenario, const std::string& path, std::size_t size) {
  with_list(scenario, path, [&](auto& list, const FieldMeta& meta) {
    if (static_cast<double>(size) > meta.max) {
      throw ScenarioError(path, "can hold at most " + std::to_string(static_cast<long long>(meta.max)) +
                                    " items, got " + std::to_string(size));
    }
    list.resize(size);
  });
}

FieldValue get_field(const Scenario& scenario, const std::string& path) {
  FieldValue result;
  bool found = false;
  for_each_field(scenario, [&](const std::string& p, const auto& member, const FieldMeta&) {
    if (!found && p == path) {
      result = value_of(member);
      found = true;
    }
  });
  if (!found) unknown_field(path);
  return result;
}

void set_field(Scenario& scenario, const std::string& path, const FieldValue& value) {
  bool found = false;
  for_each_field(scenario, [&](const std::string& p, auto& member, const FieldMeta&) {
    if (!found && p == path) {
      assign(member, value, path);
      found = true;
    }
  });
  if (!found) unknown_field(path);
}

const char* to_string(ArrivalModel model) {
  return ChoiceNames<ArrivalModel>::names()[static_cast<std::size_t>(model)].c_str();
}

std::string closest_name(const std::string& word, const std::vector<std::string>& candidates) {
  // Compare against the whole path and against its last part, so "business.price" and "price"
  // both find "business.price_per_session".
  auto distance = [](const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        const std::size_t above = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diagonal = above;
      }
    }
    return row[b.size()];
  };
  auto last_part = [](const std::string& s) {
    const auto dot = s.rfind('.');
    return dot == std::string::npos ? s : s.substr(dot + 1);
  };
  std::string best;
  std::size_t best_distance = static_cast<std::size_t>(-1);
  for (const auto& candidate : candidates) {
    std::size_t d = std::min(distance(word, candidate), distance(last_part(word), last_part(candidate)));
    // A prefix ("price" for "price_per_session") is a strong hint.
    if (last_part(candidate).rfind(last_part(word), 0) == 0 && last_part(word).size() >= 3)
      d = std::min<std::size_t>(d, 1);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  const std::size_t limit = std::max<std::size_t>(2, last_part(word).size() / 3);
  return best_distance <= limit ? best : std::string();
}

std::uint64_t fingerprint(const Scenario& scenario) {
  // FNV-1a over the field paths and the bytes of their values.
  std::uint64_t hash = 1469598103934665603ULL;
  auto mix = [&](const void* data, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
      hash ^= bytes[i];
      hash *= 1099511628211ULL;
    }
  };
  for_each_field(scenario, [&](const std::string& path, const auto& member, const FieldMeta&) {
    using T = std::decay_t<decltype(member)>;
    mix(path.data(), path.size());
    if constexpr (std::is_same_v<T, Distribution>) {
      const auto kind = static_cast<int>(member.kind());
      mix(&kind, sizeof kind);
      for (double p : member.parameters()) mix(&p, sizeof p);
    } else if constexpr (std::is_same_v<T, bool>) {
      const unsigned char b = member ? 1 : 0;
      mix(&b, 1);
    } else {
      const auto copy = member;
      mix(&copy, sizeof copy);
    }
  });
  return hash;
}

}  // namespace meantime
