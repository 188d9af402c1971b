// AlphaGo Zero style search (PUCT) over a policy/value network, for the `zero` agent and for
// self-play.
//
// Each simulation descends from the root by maximising Q + U, U = c_puct * P * sqrt(N) /
// (1 + n), expands the leaf it reaches with the network's priors over the legal moves (never
// the player's own eyes when avoid_own_eyes; a pass only where it ends the game or nothing
// else is left, when restrict_passes, see ZeroOptions) and backs the network's value up
// the path, negating it at every ply (a value is for the player to move in the position it
// judges). Finished games are valued by their area score instead. Unvisited moves start at
// their parent's value (first-play urgency).
//
// Threads: `threads` search threads share the tree. Tree walks and updates happen under one
// tree lock; network evaluations happen outside it and go through a BatchingEvaluator, which
// makes one network call for the leaves of many threads. Virtual loss (each pending visit
// counts as a loss) spreads concurrent threads over different paths; a thread that reaches a
// leaf another thread is expanding gives its simulation back and tries again.
//
// Self-play: Dirichlet noise is mixed into the root priors (noise_weight, dirichlet_alpha;
// alpha 0 means 10 / number of root moves, 0.03 on an empty 19x19 board), and the move is
// sampled from visit counts ^ (1 / move_temperature) during the first temperature_moves moves
// of the game (0: all of them); otherwise the most visited move is played.
//
// Tree reuse: a ZeroSearch belongs to one game. When select_move() is given a position that
// continues the position it searched last (that position's moves, then any number of further
// moves, ours or the opponent's), the subtree under those moves becomes the new root and its
// visits are kept; `rounds` new simulations are added on top. Anything else starts a fresh
// tree. Self-play keeps one ZeroSearch per game (or one per player) and calls select_move()
// on each new position; the `zero` agent (zero_agent.h) stays stateless by making a fresh
// ZeroSearch per call.
//
// Contract: a ZeroSearch is used by one caller thread at a time (it runs its own search
// threads inside select_move). The model and evaluator are shared and thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/agents/agent.h"
#include "engine/game_state.h"
#include "engine/rng.h"
#include "net/agents/batching_evaluator.h"
#include "net/agents/resign_judge.h"
#include "net/model.h"

namespace dlgo::net {

struct ZeroOptions {
  int rounds = 200;             // new simulations per move
  double seconds_per_move = 0;  // > 0: search for this long instead of `rounds`
  int threads = 1;              // search threads
  double c_puct = 1.5;          // exploration weight
  double virtual_loss = 1.0;    // value charged per pending visit
  double noise_weight = 0;      // share of Dirichlet noise in the root priors; 0.25 in self-play
  double dirichlet_alpha = 0;   // 0: 10 / number of root moves
  double move_temperature = 0;  // 0: most visited move; > 0: sample visits^(1/T)
  int temperature_moves = 0;    // the temperature applies while fewer moves were played; 0: always
  bool avoid_own_eyes = true;   // never search moves that fill the player's own eyes
  // Search a pass only after the opponent's pass (the game ends and is scored exactly) or when
  // no other move is left; the root also passes by the rule of pass_policy.h. Without this,
  // self-play learned to pass early: a value head that believed White wins on komi made
  // White's pass look safe, and every game became White passing until Black led by 0.5.
  bool restrict_passes = true;
  ResignOptions resign;         // off by default
  BatchingOptions batching;     // for the evaluator a ZeroSearch makes for itself

  void validate() const;  // throws std::invalid_argument naming the bad field
};

// What the last search did.
struct ZeroSearchStats {
  int simulations = 0;    // new simulations backed up
  int collisions = 0;     // simulations given back because another thread held their leaf
  int reused_visits = 0;  // root visits carried over from the previous move's tree
  double seconds = 0;
};

class ZeroSearch {
 public:
  // `evaluator`: shared with other searches (batches across games); null makes one of our own.
  // `resign`: the judge to consult; null uses one of our own from options.resign.
  // Throws std::invalid_argument for bad options or a network without a value head.
  ZeroSearch(std::shared_ptr<const Model> model, ZeroOptions options, std::uint64_t seed,
             std::shared_ptr<BatchingEvaluator> evaluator = nullptr,
             const ResignJudge* resign = nullptr);
  ~ZeroSearch();
  ZeroSearch(const ZeroSearch&) = delete;
  ZeroSearch& operator=(const ZeroSearch&) = delete;

  // Searches `state` (reusing the tree where it continues the last search) and chooses a move.
  // Passes at once when should_pass() says so. Throws std::invalid_argument for a finished game
  // or a board of another size.
  MoveDecision select_move(const GameState& state);

  // The root's visit counts after the last select_move(), indexed by the encoder's move labels
  // (num_moves(); a pass is counted only where the encoder labels it) — the training target of
  // zero self-play. A pass chosen by should_pass() counts as one visit of the pass label.
  const std::vector<int>& root_visit_counts() const { return visit_counts_; }

  const ZeroSearchStats& last_stats() const { return stats_; }
  BatchingEvaluator& evaluator() { return *evaluator_; }
  const ZeroOptions& options() const { return options_; }

  // Forgets the tree.
  void reset();

 private:
  struct Node;
  struct Worker;

  void adopt_root(const GameState& state);
  void expand_root();
  void mix_root_noise();
  void run_simulations();
  bool simulate(Worker& worker);  // false: a collision, nothing backed up
  MoveDecision decide();

  std::shared_ptr<const Model> model_;
  ZeroOptions options_;
  Rng rng_;
  std::shared_ptr<BatchingEvaluator> evaluator_;
  std::unique_ptr<ResignJudge> own_resign_;
  const ResignJudge* resign_;

  // The tree and its lock. root_state_ and root_priors_ change only between searches, while no
  // search thread runs, and are read without the lock during one.
  Mutex tree_mutex_;
  std::unique_ptr<Node> root_;
  GameState root_state_;
  bool have_root_state_ = false;
  std::vector<float> root_priors_;  // the root's priors with noise mixed in

  std::vector<int> visit_counts_;
  ZeroSearchStats stats_;
};

}  // namespace dlgo::net
