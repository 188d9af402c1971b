// AlphaGo Zero style search over a policy/value network, for the `zero` agent and for
// self-play: the search tree of engine/search/tree_search.h (PUCT, virtual loss, threads, root
// noise, tree reuse, budgets) judged by the network through a NetworkEvaluator, plus what only
// zero does with it: the move chosen from the root's visits, the visit counts as training
// targets, the pass rule and resignation.
//
// Before searching, the root passes by the rule of pass_policy.h. Unvisited moves start at
// their parent's value (first-play urgency). A pass is searched only where it ends the game or
// nothing else is left (restrict_passes, see ZeroOptions).
//
// Self-play: Dirichlet noise is mixed into the root priors (noise_weight, dirichlet_alpha;
// alpha 0 means 10 / number of root moves, 0.03 on an empty 19x19 board), and the move is
// sampled from visit counts ^ (1 / move_temperature) during the first temperature_moves moves
// of the game (0: all of them); otherwise the most visited move is played.
//
// Tree reuse: a ZeroSearch belongs to one game. Given a position that continues the position
// it searched last, it keeps the subtree under the moves played since (tree_search.h) and adds
// `rounds` new simulations on top. Self-play keeps one ZeroSearch per game (or one per player)
// and calls select_move() on each new position; the `zero` agent (zero_agent.h) stays
// stateless by making a fresh ZeroSearch per call.
//
// Contract: a ZeroSearch is used by one caller thread at a time (it runs its own search
// threads inside select_move). The model and the batching evaluator are shared and
// thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "engine/agents/agent.h"
#include "engine/game_state.h"
#include "engine/rng.h"
#include "engine/search/batching_evaluator.h"
#include "engine/search/search_options.h"
#include "engine/search/tree_search.h"
#include "net/agents/network_evaluator.h"
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
  ResignOptions resign;      // off by default
  BatchingOptions batching;  // for the evaluator a ZeroSearch makes for itself

  void validate() const;                 // throws std::invalid_argument naming the bad field
  SearchOptions search_options() const;  // the tree's share of these options
  // seconds_per_move where the search is timed, else nothing (a counted search).
  std::optional<double> timed_seconds() const {
    return seconds_per_move > 0 ? std::optional<double>(seconds_per_move) : std::nullopt;
  }
};

// What the last search did.
struct ZeroSearchStats : SearchStats {
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

  // Searches `state` (reusing the tree where it continues the last search) and chooses a move;
  // `budget` replaces the options' seconds (timed) or rounds (counted) for this move; a timed
  // move's seconds count from this call (TreeSearch::search keeps the deadline). Passes at
  // once when should_pass() says so. Throws std::invalid_argument for a finished game or a
  // board of another size.
  MoveDecision select_move(const GameState& state, const MoveBudget& budget = {});

  // The root's visit counts after the last select_move(), indexed by the encoder's move labels
  // (num_moves(); a pass is counted only where the encoder labels it) — the training target of
  // zero self-play. A pass chosen by should_pass() counts as one visit of the pass label.
  const std::vector<int>& root_visit_counts() const { return visit_counts_; }

  const ZeroSearchStats& last_stats() const { return stats_; }
  BatchingEvaluator& evaluator() { return evaluator_.batching(); }
  const ZeroOptions& options() const { return options_; }

  // Forgets the tree.
  void reset() { tree_.reset(); }

 private:
  MoveDecision decide();

  std::shared_ptr<const Model> model_;
  ZeroOptions options_;
  NetworkEvaluator evaluator_;
  TreeSearch tree_;
  std::unique_ptr<ResignJudge> own_resign_;
  const ResignJudge* resign_;

  std::vector<int> visit_counts_;
  ZeroSearchStats stats_;
};

}  // namespace dlgo::net
