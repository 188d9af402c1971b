// Shared by the reinforcement-learning tests: fresh agent files in a per-process folder.
#pragma once

#include <string>

namespace dlgo::test {

// A folder under the system temporary directory for this process's files (removed at exit).
std::string rl_folder();

// A fresh resnet agent file (1 block of 8 filters) of `kind` with `encoder` on a board.
std::string fresh_rl_agent(const std::string& kind, const std::string& encoder, int board_size);

}  // namespace dlgo::test
