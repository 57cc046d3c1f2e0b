// A run's result as bytes and back, so that a chunk run on a Dask worker can travel to the
// client and merge there bit for bit (RunResult and Statistics pickle through these).
//
// The engine keeps its statistics' fields private and has no serialisation of its own; the
// bindings must not change the engine (docs/design.md: the core knows nothing of Python or of
// transport). The fields are reached through the one route C++ leaves open for this: naming a
// private member in an explicit template instantiation (C++17 [temp.explicit]/14), each named
// once below. A field the engine renames or retypes fails to compile here, and a field it adds
// fails the round-trip test (tests/python/test_pickle.py compares with the engine's own ==).
// Should the engine grow its own serialisation, this file shrinks to calls of it.
//
// Format: "MTRR", a version, then fields in a fixed order in the machine's byte order (a
// marker rejects bytes from a machine of the other order). Version 2: the group offers' series,
// totals and outcome columns (version 1 had fewer of each). Version 3: tax, household income and
// the month the minimum income floor first applied (an outcome column and a month histogram).
#include "serialise.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace meantime::python {

namespace {

// -- reaching private fields ------------------------------------------------------------------

template <class Tag, typename Tag::type Member>
struct Expose {
  friend typename Tag::type member(Tag) { return Member; }
};

#define MEANTIME_EXPOSE(Class, field, Type)               \
  struct Class##_##field {                                \
    using type = Type Class::*;                           \
    friend type member(Class##_##field);                  \
  };                                                      \
  template struct Expose<Class##_##field, &Class::field>; \
  inline Type& field_of(Class& object, Class##_##field tag) { return object.*member(tag); }

MEANTIME_EXPOSE(ExactSum, count_, std::uint64_t)
MEANTIME_EXPOSE(ExactSum, sum_, int128)
MEANTIME_EXPOSE(ExactSum, coarse_sum_, int128)
MEANTIME_EXPOSE(ExactSum, coarse_squares_, int128)
MEANTIME_EXPOSE(LogHistogram, counts_, std::vector<std::uint64_t>)
MEANTIME_EXPOSE(LogHistogram, offset_, std::int32_t)
MEANTIME_EXPOSE(LogHistogram, count_, std::uint64_t)
MEANTIME_EXPOSE(LogHistogram, min_, double)
MEANTIME_EXPOSE(LogHistogram, max_, double)
MEANTIME_EXPOSE(CountHistogram, counts_, std::vector<std::uint64_t>)
using FailureHistograms = std::array<CountHistogram, kFailureCauseCount>;
using TotalSums = std::array<ExactSum, kTotalCount>;
MEANTIME_EXPOSE(Statistics, months_, int)
MEANTIME_EXPOSE(Statistics, paths_, std::uint64_t)
MEANTIME_EXPOSE(Statistics, monthly_, std::vector<Distributional>)
MEANTIME_EXPOSE(Statistics, failures_, FailureHistograms)
MEANTIME_EXPOSE(Statistics, operating_break_even_, CountHistogram)
MEANTIME_EXPOSE(Statistics, living_break_even_, CountHistogram)
MEANTIME_EXPOSE(Statistics, payback_, CountHistogram)
MEANTIME_EXPOSE(Statistics, floor_bites_, CountHistogram)
MEANTIME_EXPOSE(Statistics, lowest_cash_, Distributional)
MEANTIME_EXPOSE(Statistics, totals_, TotalSums)

#undef MEANTIME_EXPOSE

constexpr char kMagic[4] = {'M', 'T', 'R', 'R'};
constexpr std::uint32_t kVersion = 3;
constexpr std::uint32_t kByteOrder = 0x01020304;

// -- writing and reading ----------------------------------------------------------------------

class Writer {
 public:
  std::string bytes;

  template <class T>
  void put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void put(int128 value) {
    put(static_cast<std::uint64_t>(static_cast<unsigned __int128>(value)));
    put(static_cast<std::uint64_t>(static_cast<unsigned __int128>(value) >> 64));
  }
  template <class T>
  void put_array(const T* data, std::uint64_t count) {
    put(count);
    bytes.append(reinterpret_cast<const char*>(data), count * sizeof(T));
  }

  void put(ExactSum sum) {
    put(field_of(sum, ExactSum_count_{}));
    put(field_of(sum, ExactSum_sum_{}));
    put(field_of(sum, ExactSum_coarse_sum_{}));
    put(field_of(sum, ExactSum_coarse_squares_{}));
  }
  void put(const LogHistogram& histogram) {
    auto& h = const_cast<LogHistogram&>(histogram);  // read only
    const auto& counts = field_of(h, LogHistogram_counts_{});
    put_array(counts.data(), counts.size());
    put(field_of(h, LogHistogram_offset_{}));
    put(field_of(h, LogHistogram_count_{}));
    put(field_of(h, LogHistogram_min_{}));
    put(field_of(h, LogHistogram_max_{}));
  }
  void put(const CountHistogram& histogram) {
    const auto& counts = field_of(const_cast<CountHistogram&>(histogram), CountHistogram_counts_{});
    put_array(counts.data(), counts.size());
  }
  void put(const Distributional& d) {
    put(d.sum);
    put(d.histogram);
  }
  void put(const Statistics& statistics) {
    auto& s = const_cast<Statistics&>(statistics);  // read only
    put(field_of(s, Statistics_months_{}));
    put(field_of(s, Statistics_paths_{}));
    const auto& monthly = field_of(s, Statistics_monthly_{});
    put(static_cast<std::uint64_t>(monthly.size()));
    for (const auto& d : monthly) put(d);
    for (const auto& f : field_of(s, Statistics_failures_{})) put(f);
    put(field_of(s, Statistics_operating_break_even_{}));
    put(field_of(s, Statistics_living_break_even_{}));
    put(field_of(s, Statistics_payback_{}));
    put(field_of(s, Statistics_floor_bites_{}));
    put(field_of(s, Statistics_lowest_cash_{}));
    for (const auto& t : field_of(s, Statistics_totals_{})) put(t);
  }
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  template <class T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    T value;
    std::memcpy(&value, take(sizeof value), sizeof value);
    return value;
  }
  int128 get_int128() {
    const auto low = get<std::uint64_t>();
    const auto high = get<std::uint64_t>();
    return static_cast<int128>((static_cast<unsigned __int128>(high) << 64) | low);
  }
  template <class T>
  void get_array(T* data, std::uint64_t count) {
    if (count > bytes_.size() / sizeof(T)) fail();
    std::memcpy(data, take(count * sizeof(T)), count * sizeof(T));
  }
  std::vector<std::uint64_t> get_counts() {
    std::vector<std::uint64_t> counts(check_size(get<std::uint64_t>(), sizeof(std::uint64_t)));
    get_array(counts.data(), counts.size());
    return counts;
  }
  std::uint64_t check_size(std::uint64_t count, std::size_t item) const {
    if (count > (bytes_.size() - at_) / item) fail();
    return count;
  }

  void get(ExactSum& sum) {
    field_of(sum, ExactSum_count_{}) = get<std::uint64_t>();
    field_of(sum, ExactSum_sum_{}) = get_int128();
    field_of(sum, ExactSum_coarse_sum_{}) = get_int128();
    field_of(sum, ExactSum_coarse_squares_{}) = get_int128();
  }
  void get(LogHistogram& h) {
    field_of(h, LogHistogram_counts_{}) = get_counts();
    field_of(h, LogHistogram_offset_{}) = get<std::int32_t>();
    field_of(h, LogHistogram_count_{}) = get<std::uint64_t>();
    field_of(h, LogHistogram_min_{}) = get<double>();
    field_of(h, LogHistogram_max_{}) = get<double>();
  }
  void get(CountHistogram& h) { field_of(h, CountHistogram_counts_{}) = get_counts(); }
  void get(Distributional& d) {
    get(d.sum);
    get(d.histogram);
  }
  void get(Statistics& s) {
    field_of(s, Statistics_months_{}) = get<int>();
    field_of(s, Statistics_paths_{}) = get<std::uint64_t>();
    auto& monthly = field_of(s, Statistics_monthly_{});
    monthly.assign(check_size(get<std::uint64_t>(), 1), Distributional{});
    for (auto& d : monthly) get(d);
    for (auto& f : field_of(s, Statistics_failures_{})) get(f);
    get(field_of(s, Statistics_operating_break_even_{}));
    get(field_of(s, Statistics_living_break_even_{}));
    get(field_of(s, Statistics_payback_{}));
    get(field_of(s, Statistics_floor_bites_{}));
    get(field_of(s, Statistics_lowest_cash_{}));
    for (auto& t : field_of(s, Statistics_totals_{})) get(t);
  }

  void expect_end() const {
    if (at_ != bytes_.size()) fail();
  }

 private:
  [[noreturn]] static void fail() {
    throw std::invalid_argument("not a meantime run result (bytes cut short or corrupt)");
  }
  const char* take(std::size_t n) {
    if (n > bytes_.size() - at_) fail();
    const char* p = bytes_.data() + at_;
    at_ += n;
    return p;
  }
  std::string_view bytes_;
  std::size_t at_ = 0;
};

void put_header(Writer& out, std::uint8_t kind) {
  out.bytes.append(kMagic, sizeof kMagic);
  out.put(kVersion);
  out.put(kByteOrder);
  out.put(kind);
}

void get_header(Reader& in, std::uint8_t kind) {
  const auto magic = in.get<std::array<char, 4>>();
  if (std::memcmp(magic.data(), kMagic, sizeof kMagic) != 0) throw std::invalid_argument("not a meantime run result");
  const auto version = in.get<std::uint32_t>();
  if (version != kVersion) {
    throw std::invalid_argument("a meantime run result of format " + std::to_string(version) + "; this build reads " +
                                std::to_string(kVersion) + " (use one meantime version on the client and workers)");
  }
  if (in.get<std::uint32_t>() != kByteOrder) {
    throw std::invalid_argument("a meantime run result from a machine of the other byte order");
  }
  if (in.get<std::uint8_t>() != kind) throw std::invalid_argument("a meantime result of another kind");
}

constexpr std::uint8_t kStatisticsKind = 1;
constexpr std::uint8_t kRunResultKind = 2;

}  // namespace

std::string statistics_to_bytes(const Statistics& statistics) {
  Writer out;
  put_header(out, kStatisticsKind);
  out.put(statistics);
  return std::move(out.bytes);
}

Statistics statistics_from_bytes(std::string_view bytes) {
  Reader in(bytes);
  get_header(in, kStatisticsKind);
  Statistics statistics;
  in.get(statistics);
  in.expect_end();
  return statistics;
}

std::string run_result_to_bytes(const RunResult& result) {
  Writer out;
  put_header(out, kRunResultKind);
  out.put(result.seed);
  out.put(result.first_path);
  out.put(result.paths);
  out.put(result.scenario_fingerprint);
  out.put(result.months);
  out.put(result.statistics);
  out.put(static_cast<std::uint8_t>(result.outcomes.has_value()));
  if (result.outcomes) {
    PathOutcomes::for_each_column(*result.outcomes, [&](const char*, const auto& column) {
      out.put_array(column.data(), static_cast<std::uint64_t>(column.size()));
    });
  }
  out.put(static_cast<std::uint8_t>(result.path_arrays.has_value()));
  if (result.path_arrays) {
    for (const PathMatrix& matrix : result.path_arrays->series) {
      out.put(static_cast<std::uint64_t>(matrix.rows()));
      out.put_array(matrix.data(), static_cast<std::uint64_t>(matrix.size()));
    }
  }
  return std::move(out.bytes);
}

RunResult run_result_from_bytes(std::string_view bytes) {
  Reader in(bytes);
  get_header(in, kRunResultKind);
  RunResult result;
  result.seed = in.get<std::uint64_t>();
  result.first_path = in.get<std::uint64_t>();
  result.paths = in.get<std::uint64_t>();
  result.scenario_fingerprint = in.get<std::uint64_t>();
  result.months = in.get<int>();
  in.get(result.statistics);
  if (in.get<std::uint8_t>()) {
    PathOutcomes outcomes;
    PathOutcomes::for_each_column(outcomes, [&](const char*, auto& column) {
      using Scalar = typename std::decay_t<decltype(column)>::Scalar;
      const auto size = in.check_size(in.get<std::uint64_t>(), sizeof(Scalar));
      column.resize(static_cast<Eigen::Index>(size));
      in.get_array(column.data(), size);
    });
    result.outcomes = std::move(outcomes);
  }
  if (in.get<std::uint8_t>()) {
    PathArrays arrays(0, result.months);
    for (PathMatrix& matrix : arrays.series) {
      const auto rows = in.get<std::uint64_t>();
      const auto size = in.check_size(in.get<std::uint64_t>(), sizeof(double));
      if (result.months <= 0 || size != rows * static_cast<std::uint64_t>(result.months)) {
        throw std::invalid_argument("not a meantime run result (path arrays of the wrong shape)");
      }
      matrix.resize(static_cast<Eigen::Index>(rows), result.months);
      in.get_array(matrix.data(), size);
    }
    result.path_arrays = std::move(arrays);
  }
  in.expect_end();
  return result;
}

}  // namespace meantime::python
