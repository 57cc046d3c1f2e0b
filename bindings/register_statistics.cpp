// Statistics across paths (always kept, exactly mergeable): per-month series, survival and
// break-even curves, and summaries of the per-path outcomes. Series and failure causes are
// named by the engine's to_string, so new ones appear without a change here.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <utility>
#include <vector>

#include "meantime/fields.hpp"
#include "meantime/result.hpp"
#include "register.hpp"
#include "serialise.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace meantime::python {

namespace {

void check_month(const Statistics& s, int month) {
  if (month < 1 || month > s.months()) {
    throw py::index_error("month must be in 1.." + std::to_string(s.months()) + ", got " + std::to_string(month));
  }
}

void check_probability(double q) {
  if (!(q >= 0 && q <= 1)) throw py::value_error("quantile levels must be in [0, 1], got " + std::to_string(q));
}

// One value per month 1..months.
template <class F>
py::array_t<double> per_month(const Statistics& s, F value) {
  py::array_t<double> out(s.months());
  auto view = out.mutable_unchecked<1>();
  for (int month = 1; month <= s.months(); ++month) view(month - 1) = value(month);
  return out;
}

py::array_t<double> quantiles_by_month(const Statistics& s, const std::string& name,
                                       const std::vector<double>& levels) {
  const Series series = series_from_name(name);
  for (double q : levels) check_probability(q);
  py::array_t<double> out({static_cast<py::ssize_t>(s.months()), static_cast<py::ssize_t>(levels.size())});
  auto view = out.mutable_unchecked<2>();
  for (int month = 1; month <= s.months(); ++month) {
    for (std::size_t j = 0; j < levels.size(); ++j) view(month - 1, j) = s.quantile(series, month, levels[j]);
  }
  return out;
}

// The per-path totals summarised across paths (exact sums), by name.
const ExactSum& total_by_name(const Statistics& s, const std::string& name) {
  return s.total(enum_from_name<Total, kTotalCount>(name, "total"));
}

py::array_t<std::uint64_t> count_histogram_counts(const CountHistogram& h) {
  py::array_t<std::uint64_t> out(h.months() + 1);
  auto view = out.mutable_unchecked<1>();
  view(0) = h.never();
  for (int month = 1; month <= h.months(); ++month) view(month) = h.at(month);
  return out;
}

}  // namespace

Series series_from_name(const std::string& name) { return enum_from_name<Series, kSeriesCount>(name, "series"); }

FailureCause failure_cause_from_name(const std::string& name) {
  return enum_from_name<FailureCause, kFailureCauseCount>(name, "failure cause");
}

py::list series_names() { return enum_names<Series, kSeriesCount>(); }

py::list failure_cause_names() { return enum_names<FailureCause, kFailureCauseCount>(); }

void register_statistics(py::module_& m) {
  m.attr("series_names") = series_names();
  m.attr("failure_cause_names") = failure_cause_names();
  m.attr("NEVER") = kNever;
  py::list total_names;
  for (int i = 0; i < kTotalCount; ++i) total_names.append(to_string(static_cast<Total>(i)));
  m.attr("total_names") = total_names;
  m.def(
      "is_whole_number_series", [](const std::string& name) { return is_whole_number_series(series_from_name(name)); },
      "name"_a, "True for series of whole numbers (clients, sessions): their quantiles are exact.");

  py::class_<ExactSum>(m, "ExactSum", "A sum kept in 128-bit fixed point: count, sum, mean and variance.")
      .def_property_readonly("count", &ExactSum::count)
      .def_property_readonly("sum", &ExactSum::sum)
      .def_property_readonly("mean", &ExactSum::mean, "NaN when empty")
      .def_property_readonly("variance", &ExactSum::variance, "Sample variance (n - 1); NaN below two values");

  py::class_<LogHistogram>(m, "LogHistogram", "Counts in log-linear bins (64 per doubling): quantiles within 0.8%.")
      .def_property_readonly("count", &LogHistogram::count)
      .def_property_readonly("min", &LogHistogram::min)
      .def_property_readonly("max", &LogHistogram::max)
      .def(
          "quantile",
          [](const LogHistogram& h, double q, bool whole_numbers) {
            check_probability(q);
            return h.quantile(q, whole_numbers);
          },
          "q"_a, "whole_numbers"_a = false, "The lower q-quantile; NaN when empty.");

  py::class_<Distributional>(m, "Distributional", "A quantity's values across paths: exact sum and histogram.")
      .def_readonly("sum", &Distributional::sum)
      .def_readonly("histogram", &Distributional::histogram);

  py::class_<CountHistogram>(m, "CountHistogram", "Paths counted by the month something first happened.")
      .def_property_readonly("never", &CountHistogram::never, "Paths where it did not happen within the horizon")
      .def(
          "at",
          [](const CountHistogram& h, int month) {
            if (month < 1 || month > h.months())
              throw py::index_error("month must be in 1.." + std::to_string(h.months()));
            return h.at(month);
          },
          "month"_a)
      .def("reached_by", &CountHistogram::reached_by, "month"_a, "Paths where it happened by the end of `month`.")
      .def_property_readonly("total", &CountHistogram::total)
      .def_property_readonly("months", &CountHistogram::months)
      .def("counts", &count_histogram_counts, "[never, month 1, ..., month `months`] as a numpy array.");

  py::class_<Statistics>(m, "Statistics", "Statistics across paths, per month and over each path's outcome.")
      .def_property_readonly("months", &Statistics::months)
      .def_property_readonly("paths", &Statistics::paths)
      .def_property_readonly("has_monthly", &Statistics::has_monthly,
                             "False when the run kept no per-month statistics (monthly_statistics=False).")
      .def(
          "series",
          [](const Statistics& s, const std::string& name, int month) -> const Distributional& {
            check_month(s, month);
            return s.series(series_from_name(name), month);
          },
          "name"_a, "month"_a, py::return_value_policy::reference_internal)
      .def(
          "mean",
          [](const Statistics& s, const std::string& name, int month) {
            check_month(s, month);
            return s.mean(series_from_name(name), month);
          },
          "name"_a, "month"_a)
      .def(
          "quantile",
          [](const Statistics& s, const std::string& name, int month, double q) {
            check_month(s, month);
            check_probability(q);
            return s.quantile(series_from_name(name), month, q);
          },
          "name"_a, "month"_a, "q"_a)
      .def("survival", &Statistics::survival, "month"_a, "Share of paths still going at the end of `month`.")
      .def("operating_break_even_by", &Statistics::operating_break_even_by, "month"_a)
      .def("living_break_even_by", &Statistics::living_break_even_by, "month"_a)
      .def(
          "survival_curve", [](const Statistics& s) { return per_month(s, [&](int t) { return s.survival(t); }); },
          "survival(month) for every month, as a numpy array.")
      .def("operating_break_even_curve",
           [](const Statistics& s) { return per_month(s, [&](int t) { return s.operating_break_even_by(t); }); })
      .def("living_break_even_curve",
           [](const Statistics& s) { return per_month(s, [&](int t) { return s.living_break_even_by(t); }); })
      .def(
          "means",
          [](const Statistics& s, const std::string& name) {
            const Series series = series_from_name(name);
            return per_month(s, [&](int t) { return s.mean(series, t); });
          },
          "name"_a, "The series' mean in every month, as a numpy array.")
      .def("quantiles", &quantiles_by_month, "name"_a, "levels"_a,
           "The series' quantiles: a months x len(levels) numpy array.")
      .def(
          "failures",
          [](const Statistics& s, const std::string& cause) -> const CountHistogram& {
            return s.failures(failure_cause_from_name(cause));
          },
          "cause"_a, py::return_value_policy::reference_internal)
      .def("operating_break_even", &Statistics::operating_break_even, py::return_value_policy::reference_internal)
      .def("living_break_even", &Statistics::living_break_even, py::return_value_policy::reference_internal)
      .def("payback", &Statistics::payback, py::return_value_policy::reference_internal)
      .def("floor_bites", &Statistics::floor_bites, py::return_value_policy::reference_internal,
           "Paths by the month the minimum income floor first raised the founder's earned income.")
      .def("lowest_cash", &Statistics::lowest_cash, py::return_value_policy::reference_internal)
      .def("total", &total_by_name, "name"_a, py::return_value_policy::reference_internal,
           "A per-path total summarised across paths (one of total_names): count, sum, mean, variance.")
      .def("clients_served", &Statistics::clients_served, py::return_value_policy::reference_internal)
      .def("sessions_delivered", &Statistics::sessions_delivered, py::return_value_policy::reference_internal)
      .def("lost_to_price", &Statistics::lost_to_price, py::return_value_policy::reference_internal)
      .def("lost_to_capacity", &Statistics::lost_to_capacity, py::return_value_policy::reference_internal)
      .def("drawings", &Statistics::drawings, py::return_value_policy::reference_internal)
      .def(
          "__eq__", [](const Statistics& a, const Statistics& b) { return a == b; }, py::is_operator())
      .def(py::pickle([](const Statistics& s) { return py::bytes(statistics_to_bytes(s)); },
                      [](const py::bytes& bytes) { return statistics_from_bytes(std::string_view(bytes)); }));
}

}  // namespace meantime::python
