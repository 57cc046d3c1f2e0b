// The exceptions meantime throws. Every one derives from meantime::Error, so a caller (or the
// Python bindings) can translate them all without catching std::exception blindly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace meantime {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A scenario field breaks a rule. `field()` is the dotted path ("business.price_per_session")
// and `rule()` the plain-words rule with the offending value ("must be > 0, got -12").
class ScenarioError : public Error {
 public:
  ScenarioError(std::string field, std::string rule)
      : Error(field + ": " + rule), field_(std::move(field)), rule_(std::move(rule)) {}
  const std::string& field() const noexcept { return field_; }
  const std::string& rule() const noexcept { return rule_; }

 private:
  std::string field_;
  std::string rule_;
};

// A run's settings (paths, seed, threads, chunk bounds) are unusable. Named like a field too.
class RunSettingsError : public ScenarioError {
 public:
  using ScenarioError::ScenarioError;
};

// Full path arrays were asked for but would not fit: raised before anything is allocated.
class MemoryLimitError : public Error {
 public:
  MemoryLimitError(std::size_t bytes_needed, std::size_t bytes_available, const std::string& remedy);
  std::size_t bytes_needed() const noexcept { return bytes_needed_; }
  std::size_t bytes_available() const noexcept { return bytes_available_; }

 private:
  std::size_t bytes_needed_;
  std::size_t bytes_available_;
};

// A run was stopped by its caller (progress callback returned false, e.g. on Ctrl-C).
class RunCancelled : public Error {
 public:
  RunCancelled() : Error("the run was cancelled") {}
};

// A run that reached its time limit (RunOptions::max_seconds) before every path was done. The
// engine's threads have stopped and been joined; no partial result is returned.
class RunTimeout : public Error {
 public:
  RunTimeout(double max_seconds, std::uint64_t paths_done, std::uint64_t paths);
  double max_seconds() const noexcept { return max_seconds_; }
  std::uint64_t paths_done() const noexcept { return paths_done_; }

 private:
  double max_seconds_;
  std::uint64_t paths_done_;
};

// Two partial results that cannot be merged (different scenario, seed or non-adjacent chunks).
class MergeError : public Error {
 public:
  using Error::Error;
};

}  // namespace meantime
