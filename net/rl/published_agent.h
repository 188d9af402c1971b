// The self-play agent a dlgo-rl loop publishes for remote workers (docs/selfplay-workers.md):
// WORK_DIR/selfplay.json names the generation, the agent file that plays it and the game
// settings, and says when the loop has finished.
//
// The generation is the round whose candidate plays (0: initial.h5), so it only grows; the
// agent file it names is never rewritten once published (initial.h5 or candidates/round_RRR.h5
// of a finished round), so a worker that reads the notice and then loads the file cannot get
// another generation's network. The notice is replaced whole (written, synced, renamed), so a
// reader on any machine sees the previous or the new one, never a torn one.
//
// Contract: free functions, any thread. read_published_agent() returns nullopt while no loop
// has published; a notice that exists but cannot be parsed, or an unknown format, throws
// std::runtime_error naming the file and the field.
#pragma once

#include <optional>
#include <string>

#include "net/rl/self_play.h"

namespace dlgo::net {

struct PublishedAgent {
  int generation = 0;
  std::string agent;  // relative to the work dir: "initial.h5" or "candidates/round_RRR.h5"
  int board_size = 9;
  double komi = 7.5;
  int max_moves = 0;
  SelfPlayerOptions player;  // temperature, search size, noise; the seed is the worker's own
  int games_per_round = 0;   // what the loop waits for, for information
  bool finished = false;     // the loop has played all its rounds: workers stop
};

// WORK_DIR/selfplay.json
std::string published_agent_path(const std::string& work_dir);

void publish_agent(const std::string& work_dir, const PublishedAgent& agent);
std::optional<PublishedAgent> read_published_agent(const std::string& work_dir);

}  // namespace dlgo::net
