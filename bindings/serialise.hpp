// A run's result and its statistics as bytes and back (what pickling them uses), exact to the
// bit. See serialise.cpp for the format.
#pragma once

#include <string>
#include <string_view>

#include "meantime/result.hpp"

namespace meantime::python {

std::string statistics_to_bytes(const Statistics& statistics);
Statistics statistics_from_bytes(std::string_view bytes);  // raises std::invalid_argument (ValueError)
std::string run_result_to_bytes(const RunResult& result);
RunResult run_result_from_bytes(std::string_view bytes);

}  // namespace meantime::python
