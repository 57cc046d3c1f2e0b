// A town of several providers: the run, each provider's RunResult (shared, not copied), the
// town's statistics and per-path outcomes as numpy views.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "meantime/errors.hpp"
#include "meantime/town.hpp"
#include "register.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace meantime::python {

namespace {

TownSeries town_series(const std::string& name) {
  return enum_from_name<TownSeries, kTownSeriesCount>(name, "town series");
}

TownTotal town_total(const std::string& name) { return enum_from_name<TownTotal, kTownTotalCount>(name, "town total"); }

TownResult run_town(const Scenario& scenario, std::uint64_t paths, std::uint64_t seed, std::uint64_t first_path,
                    int threads, bool keep_outcomes, bool keep_paths, const py::object& progress,
                    double progress_interval, double max_seconds) {
  return run_engine<TownResult>(&simulate_town, scenario, paths, seed, first_path, threads, keep_outcomes, keep_paths,
                                progress, progress_interval, max_seconds);
}

std::vector<TownResult> run_town_batch(const std::vector<Scenario>& towns, const std::vector<std::uint64_t>& seeds,
                                       std::uint64_t paths, std::uint64_t first_path, int threads, bool keep_outcomes,
                                       bool keep_paths, const py::object& progress, double progress_interval,
                                       double max_seconds) {
  return run_batch_engine<TownResult>(&simulate_town_batch, towns, seeds, paths, first_path, threads, keep_outcomes,
                                      keep_paths, progress, progress_interval, max_seconds);
}

py::object town_outcome_columns(py::object self) {
  const TownResult& result = self.cast<const TownResult&>();
  if (!result.town_outcomes) return py::none();
  py::dict columns;
  for (int t = 0; t < kTownTotalCount; ++t) {
    const auto& column = (*result.town_outcomes)[static_cast<TownTotal>(t)];
    columns[to_string(static_cast<TownTotal>(t))] =
        py::array_t<std::int64_t>({static_cast<py::ssize_t>(column.size())},
                                  {static_cast<py::ssize_t>(sizeof(std::int64_t))}, column.data(), self);
  }
  return std::move(columns);
}

}  // namespace

void register_town(py::module_& m) {
  m.attr("town_series_names") = enum_names<TownSeries, kTownSeriesCount>();
  m.attr("town_total_names") = enum_names<TownTotal, kTownTotalCount>();

  py::class_<TownStatistics>(m, "TownStatistics", "A town's statistics across paths, exactly mergeable.")
      .def_property_readonly("months", &TownStatistics::months)
      .def_property_readonly("providers", &TownStatistics::providers)
      .def_property_readonly("paths", &TownStatistics::paths)
      .def(
          "means",
          [](const TownStatistics& s, const std::string& name) {
            const TownSeries series = town_series(name);
            py::array_t<double> out(s.months());
            for (int month = 1; month <= s.months(); ++month)
              out.mutable_at(month - 1) = s.series(series, month).mean();
            return out;
          },
          "series"_a, "The series' mean across paths, month by month.")
      .def(
          "variances",
          [](const TownStatistics& s, const std::string& name) {
            const TownSeries series = town_series(name);
            py::array_t<double> out(s.months());
            for (int month = 1; month <= s.months(); ++month) {
              out.mutable_at(month - 1) = s.series(series, month).variance();
            }
            return out;
          },
          "series"_a, "The series' sample variance across paths, month by month.")
      .def(
          "alive_counts",
          [](const TownStatistics& s) {
            py::array_t<std::uint64_t> out({s.months(), s.providers() + 1});
            for (int month = 1; month <= s.months(); ++month) {
              for (int k = 0; k <= s.providers(); ++k) out.mutable_at(month - 1, k) = s.alive_count(month, k);
            }
            return out;
          },
          "months x (providers + 1): paths with exactly k providers trading at each month's end.")
      .def(
          "total",
          [](const TownStatistics& s, const std::string& name) -> const ExactSum& { return s.total(town_total(name)); },
          "name"_a, py::return_value_policy::reference_internal, "A per-path total summed across paths.");

  py::class_<TownResult>(m, "TownResult", "A town run: each provider's RunResult and the town's statistics.")
      .def_readonly("seed", &TownResult::seed)
      .def_readonly("first_path", &TownResult::first_path)
      .def_readonly("paths", &TownResult::paths)
      .def_readonly("months", &TownResult::months)
      .def_readonly("scenario_fingerprint", &TownResult::scenario_fingerprint)
      .def_property_readonly("provider_count", [](const TownResult& r) { return r.providers.size(); })
      .def(
          "provider",
          [](const TownResult& r, std::size_t i) -> const RunResult& {
            if (i >= r.providers.size()) throw py::index_error("no provider " + std::to_string(i));
            return r.providers[i];
          },
          "i"_a, py::return_value_policy::reference_internal, "Provider i's result (kept alive by this one).")
      .def_readonly("town", &TownResult::town, "The town's statistics (kept alive by this result).")
      .def_property_readonly("has_outcomes", [](const TownResult& r) { return r.town_outcomes.has_value(); })
      .def("town_outcome_columns", &town_outcome_columns,
           "{name: 1-d array over paths} without copying, or None when outcomes were not kept.")
      .def(
          "merged",
          [](const TownResult& first, const TownResult& next) {
            TownResult combined = first;
            combined.merge(next);
            return combined;
          },
          "next"_a, "A new result: this chunk of paths followed by `next`. Raises MergeError.");

  m.def("simulate_town", &run_town, "scenario"_a, "paths"_a = 10000, "seed"_a = 0, "first_path"_a = 0, "threads"_a = 0,
        "keep_outcomes"_a = true, "keep_paths"_a = false, "progress"_a = py::none(), "progress_interval"_a = 0.1,
        "max_seconds"_a = 0.0,
        "simulate_town(...) -> TownResult: every provider of a town scenario together (see simulate).");
  m.def("simulate_town_batch", &run_town_batch, "towns"_a, "seeds"_a, "paths"_a = 10000, "first_path"_a = 0,
        "threads"_a = 0, "keep_outcomes"_a = true, "keep_paths"_a = false, "progress"_a = py::none(),
        "progress_interval"_a = 0.1, "max_seconds"_a = 0.0,
        "simulate_town_batch(towns, seeds, ...) -> list[TownResult]: towns[i] with seeds[i], each bit for bit\n"
        "what simulate_town gives it, in one call (see simulate_batch).");
  m.def(
      "provider_scenario",
      [](const Scenario& town, std::size_t i) {
        if (i >= town.providers.size()) {
          throw ScenarioError("providers", "has " + std::to_string(town.providers.size()) + " providers, no index " +
                                               std::to_string(i));
        }
        return provider_scenario(town, i);
      },
      "scenario"_a, "i"_a, "Provider i as a single-provider scenario (what it would be alone).");
}

}  // namespace meantime::python
