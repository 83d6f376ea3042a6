# NG_WARNINGS: the warning set applied per target (never via CMAKE_C_FLAGS).
include(CheckCCompilerFlag)
set(NG_WARNINGS)
foreach(flag -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
             -Wmissing-prototypes -Wwrite-strings -Wcast-qual -Wundef
             -Wformat=2 -Wdouble-promotion -Wswitch-enum -Wconversion)
  string(MAKE_C_IDENTIFIER "HAVE${flag}" var)
  check_c_compiler_flag(${flag} ${var})
  if(${var})
    list(APPEND NG_WARNINGS ${flag})
  endif()
endforeach()
if(NG_WERROR)
  list(APPEND NG_WARNINGS -Werror)
endif()
