// The search tree every network search runs on (zero, alphago): PUCT selection with virtual
// loss, expansion with an Evaluator's priors, backup, Dirichlet noise at the root, tree reuse
// between moves, and a budget of simulations or seconds. It knows nothing of networks:
// evaluator.h is its only view of how good a position is.
//
// Each simulation descends from the root by maximising Q + U, U = c_puct * P * sqrt(N) /
// (1 + n), expands the leaf it reaches with the evaluator's priors over the legal moves
// (never the player's own eyes when avoid_own_eyes; a pass only where it ends the game or
// nothing else is left when restrict_passes) and backs the evaluator's value up the path,
// negating it at every ply (a value is for the player to move in the position it judges).
// Finished games are valued by their area score with the dead stones taken off instead
// (dead_stones/final_status.h: how a referee counts them). The root's own evaluation counts as
// its first visit.
//
// Threads: `threads` search threads share the tree. Tree walks and updates happen under one
// tree lock; evaluations happen outside it (a batching evaluator makes one network call for
// the leaves of many threads). Virtual loss (each pending visit counts as a loss) spreads
// concurrent threads over different paths; a thread that reaches a leaf another thread is
// expanding gives its simulation back and tries again.
//
// Tree reuse: when search() is given a position that continues the position it searched last
// (that position's moves, then any number of further moves), the subtree under those moves
// becomes the new root and its visits are kept; the budget's new simulations are added on
// top. Anything else starts a fresh tree.
//
// Contract: a TreeSearch belongs to one game and is used by one caller thread at a time (it
// runs its own search threads inside search()). The evaluator must outlive it and be
// thread-safe. An exception from the evaluator leaves an empty tree and reaches the caller.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/game_state.h"
#include "engine/move_decision.h"
#include "engine/mutex.h"
#include "engine/rng.h"
#include "engine/search/evaluator.h"
#include "engine/search/search_options.h"
#include "engine/search/search_summary.h"

namespace dlgo {

// What the last search did.
struct SearchStats {
  int simulations = 0;    // new simulations backed up
  int collisions = 0;     // simulations given back because another thread held their leaf
  int reused_visits = 0;  // root visits carried over from the previous search's tree
};

class TreeSearch {
 public:
  // Throws std::invalid_argument for bad options (named "search").
  TreeSearch(SearchOptions options, Evaluator& evaluator, std::uint64_t seed);
  ~TreeSearch();
  TreeSearch(const TreeSearch&) = delete;
  TreeSearch& operator=(const TreeSearch&) = delete;

  // Searches `state`, reusing the tree where it continues the last search: evaluates the root,
  // mixes noise into its priors and runs the simulations (none where the root has one move).
  // `budget` replaces the options' budget for this search: its seconds a timed search's (at
  // least 1 ms), its visits a counted search's rounds (at least 1). A timed search's seconds
  // count from this call, and it returns by then as nearly as its threads can tell: each
  // starts no simulation that its recent ones say would end later (at least one simulation
  // runs, however short the budget). Throws std::invalid_argument for a finished game.
  void search(const GameState& state, const MoveBudget& budget = {});

  // The root's moves in the tree's order (prior as tie_break), after search().
  std::vector<SearchedMove> root_moves() const;
  // The moves below any node, for describe_search().
  SearchedMovesOf moves_of() const;
  int root_visits() const;
  float root_value() const;  // the evaluator's value of the root, for the player to move
  const GameState& root_state() const { return root_state_; }

  const SearchStats& last_stats() const { return stats_; }
  const SearchOptions& options() const { return options_; }
  // The search's generator (root noise); drivers sample their move from it too.
  Rng& rng() { return rng_; }

  // Forgets the tree.
  void reset();

 private:
  struct Node;
  struct Worker;

  void adopt_root(const GameState& state);
  void expand_root();
  void mix_root_noise();
  // Counted (`rounds` simulations) or, when `timed`, until `deadline`.
  void run_simulations(int rounds, std::chrono::steady_clock::time_point deadline, bool timed);
  bool simulate(Worker& worker);  // false: a collision, nothing backed up
  // Counts a visit of `leaf` and adds `value` (for the player to move there) along the path.
  void back_up(Node& leaf, double value, Worker& worker) DLGO_REQUIRES(tree_mutex_);
  static std::vector<SearchedMove> moves_below(const Node& node);

  SearchOptions options_;
  Evaluator& evaluator_;
  Rng rng_;

  // The tree and its lock. root_state_ and root_priors_ change only between searches, while no
  // search thread runs, and are read without the lock during one.
  Mutex tree_mutex_;
  std::unique_ptr<Node> root_;
  GameState root_state_;
  bool have_root_state_ = false;
  std::vector<float> root_priors_;  // the root's priors with noise mixed in

  SearchStats stats_;
};

}  // namespace dlgo
