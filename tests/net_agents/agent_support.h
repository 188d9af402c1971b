// Shared by the network agent tests: small fresh agent files in a per-process temporary
// folder, and complete games played move by move with every move checked for legality.
#pragma once

#include <memory>
#include <string>

#include "engine/agents/agent.h"
#include "engine/game_state.h"
#include "net/agent_init.h"
#include "net/model.h"

namespace dlgo::test {

// A fresh agent file (resnet, 1 block of 8 filters unless `network` says otherwise), written
// once per process and reused. Removed when the process exits.
std::string fresh_agent_file(const std::string& kind, const std::string& encoder, int board_size,
                             const std::string& network = "resnet");

std::shared_ptr<const net::Model> fresh_model(const std::string& kind, const std::string& encoder,
                                              int board_size,
                                              const std::string& network = "resnet");

// A folder under the system temporary directory for this process's files.
std::string test_folder();

struct GameSummary {
  int moves = 0;
  bool resigned = false;
  GameState final_state;
};

// Plays `black` against `white` from an empty board until the game ends; every decision must be
// legal (a play on a legal point, a pass or a resignation). Fails the test after `max_moves`.
GameSummary play_checked_game(const Agent& black, const Agent& white, int board_size,
                              int max_moves = 2000);

}  // namespace dlgo::test
