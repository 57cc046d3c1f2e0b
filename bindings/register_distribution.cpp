// meantime::Distribution as _core.Distribution: built from a family name and its parameters,
// both as the engine lists them (distribution_names, distribution_parameter_names).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "meantime/distribution.hpp"
#include "register.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace meantime::python {

namespace {

Distribution make_distribution(const std::string& kind_name, const std::vector<double>& parameters) {
  const DistributionKind kind = distribution_kind_from_name(kind_name);  // std::invalid_argument -> ValueError
  const auto& names = distribution_parameter_names(kind);
  if (parameters.size() != names.size()) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    throw py::value_error(kind_name + " takes " + std::to_string(names.size()) + " parameter(s) (" + list + "), got " +
                          std::to_string(parameters.size()));
  }
  std::array<double, 3> p{0, 0, 0};
  for (std::size_t i = 0; i < parameters.size(); ++i) p[i] = parameters[i];
  return Distribution(kind, p);
}

py::tuple used_parameters(const Distribution& d) {
  const std::size_t count = distribution_parameter_names(d.kind()).size();
  py::tuple t(count);
  for (std::size_t i = 0; i < count; ++i) t[i] = d.parameter(i);
  return t;
}

}  // namespace

void register_distribution(py::module_& m) {
  py::class_<Distribution>(m, "Distribution",
                           "An uncertain parameter, drawn once per path: a family and its parameters.")
      .def(py::init(&make_distribution), "kind"_a, "parameters"_a,
           "Distribution(kind, parameters): `kind` one of distribution_names(), `parameters` in the\n"
           "order distribution_parameter_names(kind) gives. Raises ValueError for an unknown kind or\n"
           "the wrong number of parameters (their values are checked by problem()).")
      .def_property_readonly(
          "kind", [](const Distribution& d) { return std::string(distribution_name(d.kind())); }, "The family name.")
      .def_property_readonly("parameters", &used_parameters, "The parameters, in the family's order.")
      .def_property_readonly(
          "parameter_names", [](const Distribution& d) { return distribution_parameter_names(d.kind()); },
          "The family's parameter names.")
      .def("mean", &Distribution::mean, "The expected value.")
      .def_property_readonly(
          "support", [](const Distribution& d) { return py::make_tuple(d.support_min(), d.support_max()); },
          "(smallest, largest) value a draw can take; may be infinite.")
      .def("problem", &Distribution::parameter_problem,
           "The broken parameter rule in words, or '' when the parameters are usable.")
      .def(
          "__eq__", [](const Distribution& a, const Distribution& b) { return a == b; }, py::is_operator())
      .def("__hash__",
           [](const Distribution& d) {
             return py::hash(py::make_tuple(static_cast<int>(d.kind()), used_parameters(d)));
           })
      .def("__repr__", [](const Distribution& d) { return describe(d); });

  m.def("distribution_names", &distribution_names, "The distribution families the engine knows, by name.");
  m.def(
      "distribution_parameter_names",
      [](const std::string& kind) { return distribution_parameter_names(distribution_kind_from_name(kind)); }, "kind"_a,
      "The parameter names of one family, in order.");
}

}  // namespace meantime::python
