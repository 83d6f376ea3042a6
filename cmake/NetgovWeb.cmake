# Compiles the scripts, styles and page skeletons of web/ into the binary
# (web_assets.c), so `netgov view` and `netgov report` write self-contained
# pages from any directory.
include(${CMAKE_CURRENT_LIST_DIR}/NetgovEmbed.cmake)
file(GLOB NG_WEB_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/web/*.js
     ${PROJECT_SOURCE_DIR}/web/*.css ${PROJECT_SOURCE_DIR}/web/*.html)
list(SORT NG_WEB_FILES)
set(NG_WEB_C ${PROJECT_BINARY_DIR}/web_assets.c)
ng_embed_files(OUTPUT ${NG_WEB_C} INCLUDE report/web.h TYPE ng_web_asset
               TABLE ng_web_assets NAMED_BY NAME FILES ${NG_WEB_FILES})
