// The scenario by dotted field path: the schema (scenario_fields), and a _core.Scenario that
// reads and writes fields with the engine's own type rules (set_field) and validates. Nothing
// here lists a field: the Python package derives its classes from scenario_fields().
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "meantime/benefits.hpp"
#include "meantime/errors.hpp"
#include "meantime/fields.hpp"
#include "meantime/validate.hpp"
#include "register.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace meantime::python {

namespace {

// What a field takes, in words, for a type error; an unknown path raises its own error first.
std::string expected_value(const std::string& path) {
  for (const FieldInfo& field : scenario_fields()) {
    if (field.path != path) continue;
    switch (field.type) {
      case FieldType::number:
        return "a number";
      case FieldType::integer:
        return "a whole number";
      case FieldType::boolean:
        return "true or false";
      case FieldType::distribution:
        return "a number or a distribution";
      case FieldType::choice: {
        std::string names;
        for (const auto& c : field.choices) names += (names.empty() ? "'" : ", '") + c + "'";
        return "one of " + names;
      }
      default:
        return "a valid value";  // a kind of field newer than these words
    }
  }
  get_field(default_scenario(), path);  // throws ScenarioError: unknown field, with a suggestion
  return "a valid value";
}

// Python value -> FieldValue, by exact Python type (bool before int: bool is an int in
// Python). The package turns numpy scalars and dicts into these types beforehand.
FieldValue to_field_value(py::handle value, const std::string& path) {
  PyObject* object = value.ptr();
  if (PyBool_Check(object)) return object == Py_True;
  if (PyLong_Check(object)) {
    int overflow = 0;
    const long long whole = PyLong_AsLongLongAndOverflow(object, &overflow);
    if (overflow == 0) return whole;
    // Beyond 64 bits: as a number it is out of every range, which validation reports.
    return overflow > 0 ? HUGE_VAL : -HUGE_VAL;
  }
  if (PyFloat_Check(object)) return PyFloat_AsDouble(object);
  if (PyUnicode_Check(object)) return value.cast<std::string>();
  if (py::isinstance<Distribution>(value)) return value.cast<Distribution>();
  const std::string type_name = py::str(py::type::handle_of(value).attr("__name__"));
  throw ScenarioError(path, "must be " + expected_value(path) + ", got " + type_name);
}

// Lists of records ("funding.grants", elements "funding.grants[0].amount").
template <class S>
void bind_lists(py::class_<S>& scenario_class) {
  scenario_class
      .def(
          "list_size", [](const S& s, const std::string& path) { return list_size(s, path); }, "path"_a,
          "The number of records in the list at `path` (e.g. 'funding.grants').")
      .def(
          "resize_list", [](S& s, const std::string& path, std::size_t size) { resize_list(s, path, size); }, "path"_a,
          "size"_a, "Resize the list at `path`; new records take their defaults.");
}

const char* const kSetDoc =
    "set(path, value): set one field by dotted path with the engine's type rules (numbers for\n"
    "distributions become fixed; whole floats are accepted for integers). Raises ScenarioError for\n"
    "an unknown path (suggesting the closest) or a value of the wrong type. Ranges are checked by\n"
    "validate().";

}  // namespace

void register_scenario(py::module_& m) {
  py::class_<FieldInfo>(m, "FieldInfo", "One scenario field: its path, type, unit, meaning, range and default.")
      .def_readonly("path", &FieldInfo::path, "'group.field'")
      .def_property_readonly(
          "type", [](const FieldInfo& f) { return std::string(field_type_name(f.type)); },
          "'number', 'integer', 'boolean', 'distribution' or 'choice'")
      .def_readonly("unit", &FieldInfo::unit)
      .def_readonly("description", &FieldInfo::description)
      .def_readonly("min", &FieldInfo::min)
      .def_readonly("max", &FieldInfo::max)
      .def_readonly("min_open", &FieldInfo::min_open, "True: the value must be > min rather than >= min")
      .def_readonly("choices", &FieldInfo::choices, "The valid names of a choice field")
      .def_readonly("default", &FieldInfo::default_value, "The value in default_scenario()")
      .def("__repr__", [](const FieldInfo& f) { return "<FieldInfo " + f.path + ">"; });

  m.def(
      "scenario_fields", [] { return scenario_fields(); }, "Every scenario field, in declaration order.");
  m.def("closest_name", &closest_name, "word"_a, "candidates"_a,
        "The candidate closest to `word` by edit distance, or '' when none is close.");

  py::class_<Scenario> scenario_class(m, "Scenario", "The engine's scenario, read and written by dotted field path.");
  scenario_class.def(py::init(&default_scenario), "The default (kitchen-table) scenario.")
      .def(
          "get", [](const Scenario& s, const std::string& path) { return get_field(s, path); }, "path"_a,
          "The value of one field. Raises ScenarioError for an unknown path.")
      .def(
          "set",
          [](Scenario& s, const std::string& path, py::handle value) {
            set_field(s, path, to_field_value(value, path));
          },
          "path"_a, "value"_a, kSetDoc)
      .def(
          "validate", [](const Scenario& s) { validate(s); },
          "Check every field and rule; raises ScenarioError naming the first broken one.")
      .def("fingerprint", &fingerprint, "A 64-bit fingerprint of every field value.")
      .def(
          "claim_terms",
          [](const Scenario& s) {
            const ClaimTerms t = claim_terms(s.benefits, s.household, s.tax);
            py::dict d;
            d["maximum_award"] = t.maximum_award;
            d["work_allowance"] = t.work_allowance;
            d["floor_can_apply"] = t.floor_can_apply;
            d["individual_threshold"] = t.individual_threshold;
            d["partner_threshold"] = t.partner_threshold;
            return d;
          },
          "What the benefit rule makes of the household: maximum award, work allowance, whether the\n"
          "minimum income floor can apply and its net thresholds (founder's, partner's), a month.")
      .def("copy", [](const Scenario& s) { return Scenario(s); })
      .def("__copy__", [](const Scenario& s) { return Scenario(s); })
      .def(
          "__deepcopy__", [](const Scenario& s, py::dict) { return Scenario(s); }, "memo"_a);
  bind_lists(scenario_class);

  m.def("default_scenario", &default_scenario, "The built-in kitchen-table scenario.");
  m.def(
      "universal_credit",
      [](int year) {
        Scenario s = default_scenario();
        try {
          s.benefits = universal_credit(year);
        } catch (const std::invalid_argument& e) {
          throw py::value_error(e.what());
        }
        py::dict fields;
        for (const FieldInfo& f : scenario_fields()) {
          if (f.path.rfind("benefits.", 0) == 0) fields[py::str(f.path)] = get_field(s, f.path);
        }
        return fields;
      },
      "year"_a, "Universal Credit's rates for a benefit year (2025: 2025/26, 2026: 2026/27) as benefits.* fields.");
  m.def(
      "canonical_value",
      [](const std::string& path, py::handle value) {
        Scenario s = default_scenario();
        set_field(s, path, to_field_value(value, path));
        return get_field(s, path);
      },
      "path"_a, "value"_a,
      "The value as the engine stores it (a number for a distribution field becomes fixed, an\n"
      "integer for a number field a float). Raises ScenarioError like Scenario.set.");
}

}  // namespace meantime::python
