// A remote self-play worker (`dlgo-selfplay --worker --work-dir DIR`, docs/selfplay-workers.md):
// on any machine that mounts a dlgo-rl loop's work dir, it plays the loop's published agent
// (published_agent.h) against itself and publishes the experience as shards
// (engine/dataset/experience_shards.h) in DIR/shards/ for the loop to train on.
//
// Before every batch of games (`games_at_once` games, one per thread) it re-reads
// DIR/selfplay.json, a small read: when the generation changed it drops the games it holds of
// the old one (the loop would only move them to stale/) and loads the new agent, so a promoted
// agent plays from the worker's next game. Every `games_per_shard` games it writes a shard,
// unless the generation changed meanwhile: written as NAME.partial, renamed when complete, so a
// kill at any moment leaves nothing the loop reads.
//
// Between shards it waits while the shards of the current generation that the loop has not
// claimed yet hold a round's games (counted at its own shard size): more would only queue up,
// and go stale when the loop promotes.
//
// It returns when the loop has marked the notice finished (with `exit_when_done`), after
// `max_shards` shards (when positive), or when `stop_requested()` turns true: then it finishes
// the games in progress, publishes the shard of those it holds if they are still of the current
// generation, and returns. While no loop has published yet it waits.
//
// Contract: runs on the calling thread (games on `games_at_once` threads); `log` is called from
// the calling thread; `stop_requested` must be safe to call from it at any time (a signal flag).
// Errors (an agent that cannot be loaded, a notice that cannot be read, a shard that cannot be
// written) throw std::runtime_error naming the file.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace dlgo::net {

struct SelfPlayWorkerOptions {
  std::string work_dir;
  std::string worker_id;  // empty: new_worker_id() (host name, process id, random bits)
  int games_per_shard = 8;
  int games_at_once = 1;
  int max_shards = 0;  // 0: no limit
  bool exit_when_done = true;
  std::uint64_t seed = 1;
  double poll_seconds = 0.5;  // how often to look for a notice while none is published
};

struct SelfPlayWorkerResult {
  std::string worker_id;
  int shards = 0;         // published
  int games = 0;          // in published shards
  int dropped_games = 0;  // played by an agent that was replaced before its shard was full
  int generations = 0;    // agents loaded
};

SelfPlayWorkerResult run_self_play_worker(const SelfPlayWorkerOptions& options,
                                          const std::function<bool()>& stop_requested,
                                          const std::function<void(const std::string&)>& log);

}  // namespace dlgo::net
