// Helpers shared by the GTP tests: engines configured from transcript options, running the
// dlgo-gtp binary, scratch folders.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "engine/gtp/gtp_engine.h"

namespace dlgo::test {

// An engine as dlgo-gtp would build it from these options (bot, seed, mcts-rounds, board-size,
// komi); defaults: random bot, seed 1, 19x19, komi 7.5.
std::unique_ptr<GtpEngine> make_test_engine(const std::map<std::string, std::string>& options);
// The same options as dlgo-gtp command-line arguments.
std::string binary_arguments(const std::map<std::string, std::string>& options);

// Runs a shell command with `input` on its stdin; returns its stdout.
std::string run_with_input(const std::string& command, const std::string& input);

// A fresh empty folder under the system's temporary folder.
std::string scratch_dir(const std::string& name);

// GNU Go's path as found at configure time, or "" when it was not found.
std::string gnugo_path();

}  // namespace dlgo::test
