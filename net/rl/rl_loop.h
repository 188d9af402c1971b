// The reinforcement-learning loop behind `dlgo-rl`: rounds of self-play -> training ->
// evaluation against the current best -> promotion only on a win.
//
// Round r: the current best agent plays `games_per_round` games against itself
// (experience/round_RRR.h5); a candidate is trained FROM THE BEST on the experience gathered
// since the best was promoted (at most `experience_window` rounds: all of it is the best's own
// play, so on-policy methods stay on-policy) and saved as candidates/round_RRR.h5; the
// candidate plays `eval_games` games against the best, colours alternating; it becomes the
// best only if it scores at least `promote_threshold`. In continue mode (RlLearner) the latest
// candidate plays and goes on training instead of the best, whatever the gate said, over the
// last `experience_window` rounds; the gate still decides what becomes the best. Optionally both
// are also measured against a fixed reference (e.g. `random`) to show absolute progress.
//
// Work dir: state.json (the loop's state, rewritten atomically after every step), best.h5,
// initial.h5, experience/, candidates/, sgf/ (evaluation games), log.txt, metrics.csv,
// progress.svg. Every file is written atomically and state.json only after a round is complete,
// so a loop killed at any moment resumes by running the same command: finished rounds are
// kept, an unfinished round reuses its self-play when that was saved and redoes the rest.
// With remote self-play the loop plays no self-play games itself: it publishes the learner as
// WORK_DIR/selfplay.json (published_agent.h) and each round claims the shards that
// `dlgo-selfplay --worker` processes write into WORK_DIR/shards/ (experience_shards.h), shards of
// the current generation only, until they hold at least `games_per_round` games; those are
// merged into experience/round_RRR.h5 and the round goes on as with local self-play. When all
// rounds are done the notice is marked finished and the workers stop
// (docs/selfplay-workers.md).
// Evaluation games of zero agents draw their first `eval_sampled_opening_moves` moves in
// proportion to visits, so repeated games between two deterministic searches differ.
//
// Contract: run_rl_loop() runs on the calling thread (self-play and matches use `workers`
// threads); `log` receives each line also written to log.txt. Errors throw std::runtime_error.
#pragma once

#include <functional>
#include <string>

#include "net/rl/experience_trainer.h"
#include "net/rl/self_play.h"

namespace dlgo::net {

// Which agent plays the self-play games and is trained each round.
enum class RlLearner {
  kBest,      // the current best: candidates start from it (the book's loop, gated)
  kContinue,  // the latest candidate, promoted or not: training never restarts; the best is
              // only what the gate has accepted
};

struct RlLoopOptions {
  std::string agent_path;  // the initial agent (copied to WORK_DIR/initial.h5)
  std::string work_dir;
  int board_size = 9;
  double komi = 7.5;
  int rounds = 5;  // total rounds (a resumed loop continues to this many)
  int games_per_round = 100;
  int eval_games = 40;
  double promote_threshold = 0.55;
  int experience_window = 5;  // rounds of experience a candidate trains on
  RlLearner learner = RlLearner::kBest;
  int workers = 1;
  std::string reference;  // e.g. "random"; empty: none
  int reference_games = 0;
  SelfPlayerOptions player;  // self-play settings (temperature, zero search)
  int eval_rounds = 0;       // zero/alphago search size in evaluation games (0: default)
  int eval_sampled_opening_moves = 4;
  ExperienceTrainOptions train;       // method, optimizer, lr, batch size, epochs, clipping, device
  bool remote_self_play = false;      // shards from workers instead of the loop's own games
  int partial_timeout_seconds = 600;  // a shard temporary unchanged this long is removed
  double shard_poll_seconds = 0.5;    // how often to look for new shards while waiting
};

struct RlRoundRecord {
  int round = 0;
  int games = 0;  // self-play games of the round (remote: at least games_per_round)
  std::int64_t rows = 0;
  double train_loss = 0;
  double win_rate = 0, low = 0, high = 0;  // candidate vs best, Wilson 95%
  bool promoted = false;
  double best_elo = 0;             // of the best, relative to the initial agent
  double reference_win_rate = -1;  // candidate vs the reference, -1: not measured
  double seconds = 0;
};

struct RlLoopResult {
  std::vector<RlRoundRecord> rounds;  // all rounds so far, resumed ones included
  std::string best_path;
};

RlLoopResult run_rl_loop(const RlLoopOptions& options,
                         const std::function<void(const std::string&)>& log = {});

}  // namespace dlgo::net
