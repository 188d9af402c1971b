// Shared helpers for the programs' main()s: the exit-code convention (README.md: 0 on success, 1
// on bad input, 2 on a bad command line) and CLI11 parsing with it.
//
// Contract: free functions; call them from the main thread.
#pragma once

#include <CLI/CLI.hpp>

namespace dlgo::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitUserError = 1;   // bad input: a file, a value, a position
inline constexpr int kExitUsageError = 2;  // bad command line

// Parses argv; on --help prints help and exits 0, on a usage error prints the message and
// exits 2. Returns normally only when parsing succeeded.
void parse_or_exit(CLI::App& app, int argc, char** argv);

// Prints "<program>: error: <message>" to stderr and returns kExitUserError.
int report_user_error(const CLI::App& app, const std::string& message);

}  // namespace dlgo::cli
