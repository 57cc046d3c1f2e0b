// Every meantime::Error becomes the matching class of meantime.errors (pure Python, so the
// classes have real constructors, attributes and docstrings). Nothing reaches Python as
// "RuntimeError: unknown".
#include <pybind11/pybind11.h>

#include <exception>

#include "meantime/errors.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace meantime::python {

namespace {

// Raises meantime.errors.<type_name>(*args). Should that module be unavailable (a broken
// install), the builtin `fallback` still carries the engine's message.
void raise_python_error(const char* type_name, const py::tuple& args, PyObject* fallback, const char* what) {
  try {
    const py::object error = py::module_::import("meantime.errors").attr(type_name)(*args);
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.ptr())), error.ptr());
  } catch (py::error_already_set&) {
    PyErr_SetString(fallback, what);
  }
}

}  // namespace

void register_errors(py::module_&) {
  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const RunSettingsError& e) {  // before ScenarioError: it is one
      raise_python_error("RunSettingsError", py::make_tuple(e.field(), e.rule()), PyExc_ValueError, e.what());
    } catch (const ScenarioError& e) {
      raise_python_error("ScenarioError", py::make_tuple(e.field(), e.rule()), PyExc_ValueError, e.what());
    } catch (const MemoryLimitError& e) {
      raise_python_error("MemoryLimitError", py::make_tuple(e.what(), e.bytes_needed(), e.bytes_available()),
                         PyExc_MemoryError, e.what());
    } catch (const RunCancelled& e) {
      raise_python_error("RunCancelled", py::make_tuple(e.what()), PyExc_RuntimeError, e.what());
    } catch (const RunTimeout& e) {
      raise_python_error("RunTimeout", py::make_tuple(e.what(), e.max_seconds(), e.paths_done()), PyExc_TimeoutError,
                         e.what());
    } catch (const MergeError& e) {
      raise_python_error("MergeError", py::make_tuple(e.what()), PyExc_ValueError, e.what());
    } catch (const Error& e) {
      raise_python_error("Error", py::make_tuple(e.what()), PyExc_RuntimeError, e.what());
    }
  });
}

}  // namespace meantime::python
