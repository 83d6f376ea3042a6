# Compiles every configs/*.json into the binary (presets_data.c), so
# `netgov run --preset NAME` works from any directory.
include(${CMAKE_CURRENT_LIST_DIR}/NetgovEmbed.cmake)
file(GLOB NG_PRESET_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/configs/*.json)
list(SORT NG_PRESET_FILES)
# "default" first, the others in name order.
list(FILTER NG_PRESET_FILES EXCLUDE REGEX "/default\\.json$")
list(PREPEND NG_PRESET_FILES ${PROJECT_SOURCE_DIR}/configs/default.json)
set(NG_PRESETS_C ${PROJECT_BINARY_DIR}/presets_data.c)
ng_embed_files(OUTPUT ${NG_PRESETS_C} INCLUDE cli.h TYPE cli_preset
               TABLE cli_presets NAMED_BY NAME_WE FILES ${NG_PRESET_FILES})
