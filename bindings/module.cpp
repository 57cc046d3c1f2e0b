// meantime._core: the compiled half of the Python package. Thin by design (docs/design.md):
// conversion, the GIL and errors; everything else lives in the pure-Python package.
#include "register.hpp"

PYBIND11_MODULE(_core, m) {
  m.doc() =
      "The compiled engine behind the meantime package: scenarios by field path, the Monte Carlo\n"
      "run (the GIL released, Ctrl-C honoured) and its results as numpy arrays without copies.\n"
      "Use the pure-Python package `meantime`; this module is its private foundation.";
  using namespace meantime::python;
  register_errors(m);
  register_distribution(m);
  register_scenario(m);
  register_statistics(m);
  register_results(m);
  register_run(m);
  register_town(m);
}
