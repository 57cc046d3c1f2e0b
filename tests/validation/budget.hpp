// The validation suite's false-failure budget. Each statistical check compares an estimate with
// a closed form within kSigmas standard errors. The whole family (about 70 checks across
// tests/validation) may fail by chance with probability at most 1e-6: 1e-6 / 70 = 1.4e-8 per
// check, a two-sided normal tail at 5.67 sigma. The seeds are fixed, so a given build either
// passes or fails every time; the budget says how unlucky a seed would have to be.
#pragma once

namespace meantime::validation {

inline constexpr double kFamilyFalseFailure = 1e-6;
inline constexpr int kChecks = 70;
inline constexpr double kPerCheckFalseFailure = kFamilyFalseFailure / kChecks;
inline constexpr double kSigmas = 5.7;

}  // namespace meantime::validation
