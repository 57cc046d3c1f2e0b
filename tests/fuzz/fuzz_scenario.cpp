// libFuzzer target: arbitrary bytes -> a scenario built field by field through the field table
// -> validate -> a tiny simulation. Invariants: only meantime's own exceptions, every value read
// back as it was written, finite statistics, and the same bits when run again.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "meantime/meantime.hpp"

namespace {

class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool empty() const { return used_ >= size_; }
  std::uint8_t byte() { return used_ < size_ ? data_[used_++] : 0; }
  double number() {
    // Half the time a tame value in a useful range, else any 64-bit pattern (NaN, inf, huge).
    if (byte() & 1) return static_cast<double>(static_cast<std::int8_t>(byte())) * std::pow(10.0, (byte() % 9) - 4.0);
    std::uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits = (bits << 8) | byte();
    double x;
    std::memcpy(&x, &bits, sizeof x);
    return x;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t used_ = 0;
};

[[noreturn]] void broken(const char* what) {
  std::fprintf(stderr, "invariant broken: %s\n", what);
  std::abort();
}

bool same_bits(const meantime::FieldValue& a, const meantime::FieldValue& b) {
  if (a.index() != b.index()) return true;  // converted on the way in (a number for a distribution ...)
  if (const auto* x = std::get_if<double>(&a)) return std::memcmp(x, &std::get<double>(b), sizeof(double)) == 0;
  if (const auto* d = std::get_if<meantime::Distribution>(&a)) {
    const auto& e = std::get<meantime::Distribution>(b);
    return d->kind() == e.kind() && std::memcmp(d->parameters().data(), e.parameters().data(), 3 * sizeof(double)) == 0;
  }
  return a == b;
}

meantime::FieldValue value_for(const meantime::FieldInfo& f, Bytes& in) {
  using meantime::FieldType;
  switch (f.type) {
    case FieldType::number:
      return in.number();
    case FieldType::integer:
      return static_cast<long long>(static_cast<std::int16_t>(in.byte() << 8 | in.byte()));
    case FieldType::boolean:
      return (in.byte() & 1) != 0;
    case FieldType::choice:
      return in.byte() % 4 == 3 ? std::string("nonsense") : f.choices[in.byte() % f.choices.size()];
    case FieldType::distribution: {
      const auto& names = meantime::distribution_names();
      const auto kind = static_cast<meantime::DistributionKind>(in.byte() % names.size());
      return meantime::Distribution(kind, {in.number(), in.number(), in.number()});
    }
    case FieldType::list:
      break;
  }
  return 0.0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes in(data, size);
  meantime::Scenario scenario = meantime::default_scenario();
  const auto& fields = meantime::scenario_fields();
  try {
    for (int step = 0; step < 24 && !in.empty(); ++step) {
      const meantime::FieldInfo& f = fields[in.byte() % fields.size()];
      if (f.type == meantime::FieldType::list) {
        meantime::resize_list(scenario, f.path, in.byte() % 4);
        continue;
      }
      std::string path = f.path;
      const auto bracket = path.find("[]");
      if (bracket != std::string::npos) path = path.substr(0, bracket) + "[0]" + path.substr(bracket + 2);
      const meantime::FieldValue value = value_for(f, in);
      meantime::set_field(scenario, path, value);
      // A value that was accepted reads back unchanged, bit for bit (so NaN equals NaN).
      if (!same_bits(meantime::get_field(scenario, path), value))
        broken("get_field did not return what set_field stored");
    }
    meantime::validate(scenario);
  } catch (const meantime::ScenarioError&) {
    return 0;  // rejected with a named field: the expected outcome for most inputs
  }
  // Valid: run it small. Long horizons are valid too, but keep each input fast.
  if (scenario.run.months > 48) return 0;
  meantime::RunOptions options;
  options.paths = 1 + in.byte() % 16;
  options.seed = in.byte();
  options.threads = 1;
  options.keep_paths = true;
  try {
    const meantime::RunResult a = meantime::simulate(scenario, options);
    const meantime::RunResult b = meantime::simulate(scenario, options);
    if (!(a.statistics == b.statistics) || !(*a.outcomes == *b.outcomes)) broken("not reproducible");
    for (int m = 1; m <= a.months; ++m) {
      for (int s = 0; s < meantime::kSeriesCount; ++s) {
        const double mean = a.statistics.mean(static_cast<meantime::Series>(s), m);
        if (!std::isfinite(mean)) broken("a monthly mean is not finite");
      }
    }
    if (!a.outcomes->lowest_cash.allFinite()) broken("lowest cash is not finite");
  } catch (const meantime::Error&) {
    return 0;  // e.g. a memory refusal: ours, named
  }
  return 0;
}
