// A run's result. Per-path outcome columns and full path arrays are handed to numpy without a
// copy: each array points into the engine's Eigen storage and keeps the Python RunResult that
// owns it alive as its base (so `owndata` is False and the memory is shared). Columns come from
// PathOutcomes::for_each_column and series from to_string, so new ones appear by themselves.
//
// A RunResult pickles (serialise.hpp), exactly: chunks run on Dask workers travel to the client
// and merge there bit for bit.
//
// The engine's in-place RunResult::merge may reallocate that storage under live numpy views, so
// Python gets only `merged`, which returns a new result.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>

#include "meantime/result.hpp"
#include "register.hpp"
#include "serialise.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace meantime::python {

namespace {

// A view of one Eigen column; `owner` is the Python object holding the RunResult.
template <class Column>
py::array column_view(const Column& column, py::handle owner) {
  using Scalar = typename Column::Scalar;
  return py::array_t<Scalar>({static_cast<py::ssize_t>(column.size())}, {static_cast<py::ssize_t>(sizeof(Scalar))},
                             column.data(), owner);
}

py::object outcome_columns(py::object self) {
  const RunResult& result = self.cast<const RunResult&>();
  if (!result.outcomes) return py::none();
  py::dict columns;
  PathOutcomes::for_each_column(
      *result.outcomes, [&](const char* name, const auto& column) { columns[name] = column_view(column, self); });
  return std::move(columns);
}

py::object path_arrays(py::object self) {
  const RunResult& result = self.cast<const RunResult&>();
  if (!result.path_arrays) return py::none();
  py::dict arrays;
  for (int s = 0; s < kSeriesCount; ++s) {
    const PathMatrix& matrix = result.path_arrays->series[static_cast<std::size_t>(s)];
    if (!result.path_arrays->keeps(static_cast<Series>(s))) continue;  // not in path_series
    // Row-major paths x months.
    const auto row = static_cast<py::ssize_t>(matrix.cols() * sizeof(double));
    arrays[to_string(static_cast<Series>(s))] =
        py::array_t<double>({static_cast<py::ssize_t>(matrix.rows()), static_cast<py::ssize_t>(matrix.cols())},
                            {row, static_cast<py::ssize_t>(sizeof(double))}, matrix.data(), self);
  }
  return std::move(arrays);
}

}  // namespace

void register_results(py::module_& m) {
  py::class_<RunResult>(m, "RunResult", "What one run returns: statistics, and per-path arrays when kept.")
      .def_readonly("seed", &RunResult::seed)
      .def_readonly("first_path", &RunResult::first_path)
      .def_readonly("paths", &RunResult::paths)
      .def_readonly("scenario_fingerprint", &RunResult::scenario_fingerprint)
      .def_readonly("months", &RunResult::months)
      .def_readonly("statistics", &RunResult::statistics, "Statistics across paths (kept alive by this result).")
      .def_property_readonly("has_outcomes", [](const RunResult& r) { return r.outcomes.has_value(); })
      .def_property_readonly("has_path_arrays", [](const RunResult& r) { return r.path_arrays.has_value(); })
      .def_readonly("followed_failed", &RunResult::followed_failed,
                    "False when each path stopped at its failure (follow_failed=False).")
      .def_property_readonly(
          "has_monthly_statistics", [](const RunResult& r) { return r.statistics.has_monthly(); },
          "False when the run kept no per-month statistics (monthly_statistics=False).")
      .def("outcome_columns", &outcome_columns,
           "{name: 1-d array over paths} without copying, or None when outcomes were not kept.")
      .def("path_arrays", &path_arrays,
           "{series: paths x months array} without copying, or None when paths were not kept.")
      .def(
          "merged",
          [](const RunResult& first, const RunResult& next) {
            RunResult combined = first;
            combined.merge(next);
            return combined;
          },
          "next"_a,
          "A new result: this chunk of paths followed by `next` (which must start where this ends).\n"
          "Bit-identical to one run over both. Raises MergeError.")
      .def(py::pickle([](const RunResult& r) { return py::bytes(run_result_to_bytes(r)); },
                      [](const py::bytes& bytes) { return run_result_from_bytes(std::string_view(bytes)); }));
}

}  // namespace meantime::python
