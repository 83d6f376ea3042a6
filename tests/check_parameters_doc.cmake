# Fails when docs/PARAMETERS.md differs from `netgov params --markdown`, so
# the documented parameter table always matches the registry.
# Regenerate with: cmake --build build --target update-docs
execute_process(COMMAND ${NETGOV} params --markdown
                OUTPUT_VARIABLE generated RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "netgov params --markdown failed (${rc})")
endif()
file(READ ${DOC} committed)
if(NOT generated STREQUAL committed)
  message(FATAL_ERROR "docs/PARAMETERS.md is out of date; regenerate it "
                      "with: cmake --build build --target update-docs")
endif()
message(STATUS "docs/PARAMETERS.md matches the parameter registry")
