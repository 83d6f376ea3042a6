# Writes docs/PARAMETERS.md from `netgov params --markdown`, touching the
# file only when the parameter registry changed (a model parameter in
# param_table.h, a rule's own parameter, a new rule).  Run at every build
# (target parameters-doc), so the table never needs a hand edit; CI checks
# that the committed file is the one the registry generates.
#   cmake -DNETGOV=path/to/netgov -DDOC=docs/PARAMETERS.md -P this file
execute_process(COMMAND ${NETGOV} params --markdown
                OUTPUT_VARIABLE generated RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "netgov params --markdown failed (${rc})")
endif()
if(EXISTS ${DOC})
  file(READ ${DOC} current)
  if(current STREQUAL generated)
    return()
  endif()
endif()
file(WRITE ${DOC}.new "${generated}")
file(RENAME ${DOC}.new ${DOC})
message(STATUS "docs/PARAMETERS.md rewritten from the parameter registry")
