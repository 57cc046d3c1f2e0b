# Runs the scenario-reference generator and compares its output with the committed document.
execute_process(COMMAND ${GENERATOR} OUTPUT_VARIABLE generated RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "scenario_reference failed: ${status}")
endif()
file(READ ${EXPECTED} committed)
if(NOT generated STREQUAL committed)
  message(FATAL_ERROR "docs/scenario-reference.md is out of date: regenerate it with\n"
                      "  build/examples/scenario_reference > docs/scenario-reference.md")
endif()
