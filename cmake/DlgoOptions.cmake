# Build switches and the warning/sanitizer settings shared by every dlgo target.
#
# The engine needs nothing beyond the C++ standard library. net/ needs libtorch and server/
# needs Boost.Beast; each can be switched off so that a machine without those dependencies
# still builds and tests everything else.

option(DLGO_BUILD_TESTS "Build the Catch2 test suite" ON)
option(DLGO_BUILD_NET "Build net/ (needs libtorch)" OFF)
option(DLGO_BUILD_SERVER "Build server/ (needs Boost.Beast)" OFF)
option(DLGO_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(DLGO_NATIVE "Optimise for the build machine's CPU (-march=native)" OFF)

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
endif()

add_library(dlgo_warnings INTERFACE)
target_compile_options(dlgo_warnings INTERFACE -Wall -Wextra)

if(DLGO_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

if(DLGO_NATIVE)
  add_compile_options(-march=native)
endif()
