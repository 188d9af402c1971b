// Fresh (untrained) agent files, for `dlgo-init` and for tests and self-play from nothing.
//
// Contract: safe from any thread. Throws AgentFileError or std::invalid_argument naming what
// is wrong (unknown network, encoder, kind; a board the encoder cannot take; a rollout policy
// file that is not a policy for the board, or one given to another kind than alphago).
#pragma once

#include <cstdint>
#include <string>

#include "net/agent_file.h"

namespace dlgo::net {

struct InitOptions {
  std::string kind = "predict";
  std::string encoder = "sevenplane";
  int board_size = 19;
  std::string network = "small";
  int blocks = 6, filters = 64;  // resnet
  std::uint64_t seed = 1;
  // alphago only, optional: an agent file (predict, pg, ...; same board) whose network is
  // embedded as the rollout policy (net/rollout_policy.h). Empty: random rollouts.
  std::string rollout_policy;
};

// The metadata (network spec included) an agent of these options gets: the encoder decides
// the input channels and whether pass is a policy output; ac, value, q and zero agents get a
// value head; q networks take the action as an extra input.
AgentMetadata metadata_for(const InitOptions& options);

// Writes a freshly initialised agent file, with its rollout policy embedded when one is given
// (checked before anything is written); returns its parameter count (the agent's own network).
std::int64_t write_fresh_agent(const std::string& path, const InitOptions& options);

}  // namespace dlgo::net
