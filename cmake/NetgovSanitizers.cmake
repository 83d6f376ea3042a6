# NG_SANITIZE: AddressSanitizer + UndefinedBehaviorSanitizer for the library,
# the binary and the tests together (the one project-wide setting).
if(NG_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
