# Build switches and the warning/sanitizer settings shared by every dlgo target.
#
# The engine needs nothing beyond the C++ standard library (engine/dataset/ adds HDF5). net/
# needs libtorch, server/ Boost.Beast, download/ Boost.Beast, OpenSSL and libarchive; each can be
# switched off so that a machine without those dependencies still builds and tests everything
# else.

option(DLGO_BUILD_TESTS "Build the Catch2 test suite" ON)
set(DLGO_BUILD_NET AUTO CACHE STRING "Build net/ (needs libtorch): ON, OFF or AUTO (when found)")
set(DLGO_BUILD_SERVER AUTO CACHE STRING "Build server/ (needs Boost.Beast): ON, OFF or AUTO")
set(DLGO_BUILD_DOWNLOAD AUTO CACHE STRING
    "Build download/ (dlgo-data download; needs Boost >= 1.81, OpenSSL, libarchive): ON, OFF or AUTO")
set_property(CACHE DLGO_BUILD_NET PROPERTY STRINGS AUTO ON OFF)
set_property(CACHE DLGO_BUILD_SERVER PROPERTY STRINGS AUTO ON OFF)
set_property(CACHE DLGO_BUILD_DOWNLOAD PROPERTY STRINGS AUTO ON OFF)
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
  # GCC, with the sanitizers' instrumentation, reports -Wmaybe-uninitialized inside library
  # headers our code only calls: libstdc++'s <regex> (a std::function moved in
  # regex_automaton.h; GCC 12 and 14) and Beast's content_length() (an empty boost::optional;
  # GCC 12). They are false positives in the libraries, not in our code, and the same files
  # build without them in Release, which keeps the warning.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(dlgo_warnings INTERFACE -Wno-maybe-uninitialized)
  endif()
endif()

if(DLGO_NATIVE)
  add_compile_options(-march=native)
endif()

# AUTO switches resolve to ON when the dependency is installed, so a plain `cmake` builds all it
# can; ON makes a missing dependency an error, OFF skips the part.
if(DLGO_BUILD_SERVER STREQUAL "AUTO")
  find_package(Boost 1.74 QUIET)
  if(Boost_FOUND)
    set(DLGO_BUILD_SERVER ON)
  else()
    set(DLGO_BUILD_SERVER OFF)
    message(STATUS "dlgo: Boost not found: building without server/ (dlgo-serve)")
  endif()
endif()
if(DLGO_BUILD_NET STREQUAL "AUTO")
  find_package(Torch QUIET)
  if(Torch_FOUND)
    set(DLGO_BUILD_NET ON)
  else()
    set(DLGO_BUILD_NET OFF)
    message(STATUS "dlgo: libtorch not found: building without net/ (training, network agents)")
  endif()
endif()
if(DLGO_BUILD_DOWNLOAD STREQUAL "AUTO")
  find_package(Boost 1.81 QUIET)
  find_package(OpenSSL QUIET)
  find_package(LibArchive QUIET)
  if(Boost_FOUND AND OpenSSL_FOUND AND LibArchive_FOUND)
    set(DLGO_BUILD_DOWNLOAD ON)
  else()
    set(DLGO_BUILD_DOWNLOAD OFF)
    message(STATUS "dlgo: Boost >= 1.81, OpenSSL or libarchive not found: building without "
                   "download/ (dlgo-data download)")
  endif()
endif()
message(STATUS
        "dlgo: net/ ${DLGO_BUILD_NET}, server/ ${DLGO_BUILD_SERVER}, download/ ${DLGO_BUILD_DOWNLOAD}")
