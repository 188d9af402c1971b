// Creating agents from what a user types: a bot name ("random", "mcts") or the path of an
// agent file. The engine knows the bots that need no network; net/ installs the loader for
// agent files (net/agent_files.h: install_agent_file_loader()), so programs built without
// libtorch still offer random and mcts and give a clear error for files.
//
// Contract: set_agent_file_loader() is called once at program start, before any make_agent();
// make_agent() is then safe from any thread. Errors throw std::runtime_error naming the spec.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/agents/agent.h"

namespace dlgo {

struct AgentOptions {
  int mcts_rounds = 800;          // mcts: rollouts per move
  double mcts_temperature = 0.7;  // mcts: UCT exploration weight
  std::uint64_t seed = 0x5EED;
  // Network agents (used by the loader): sampling temperature, greedy choice, search size.
  double temperature = 1.0;
  bool greedy = false;
  int rounds = 0;  // search agents over a network; 0 = the agent's default
  // zero: search for this many seconds per move instead of a number of rounds (0: rounds).
  double seconds_per_move = 0;
  // zero: the first this-many moves of a game are drawn in proportion to visit counts, so
  // evaluation games between deterministic searches differ (0: always the most visited).
  int sampled_opening_moves = 0;
  // zero: share of Dirichlet noise in the root priors (self-play exploration), threads per
  // search, and whether clear losses are resigned (self-play plays every game out). Four
  // threads, even on one core, let the network evaluate the leaves four at a time, which on
  // the CPU costs about 0.6x as much per board as one at a time (net/torch/blocked_layout.h).
  double root_noise = 0;
  int search_threads = 4;
  bool resign = true;
};

using AgentFileLoader =
    std::function<std::unique_ptr<Agent>(const std::string& path, const AgentOptions& options)>;

void set_agent_file_loader(AgentFileLoader loader);

// The names make_agent() accepts without a file.
std::vector<std::string> builtin_agent_names();

// `spec` is a built-in name or an agent file path.
std::unique_ptr<Agent> make_agent(const std::string& spec, const AgentOptions& options = {});

}  // namespace dlgo
