// The settings of a tree search (tree_search.h): its budget, its threads and the rules it
// selects and expands by. Each driver (zero, alphago) maps its own options onto these.
//
// Contract: plain data; validate() throws std::invalid_argument naming the bad field, its
// message starting with the caller's name for the search ("zero: c_puct must be > 0").
#pragma once

#include <string>

namespace dlgo {

struct SearchOptions {
  int rounds = 200;             // new simulations per search
  double seconds = 0;           // > 0: search for this long instead of `rounds`
  int threads = 1;              // search threads sharing the tree
  double c_puct = 1.5;          // exploration weight of U = c_puct * P * sqrt(N) / (1 + n)
  double virtual_loss = 1.0;    // value charged per pending visit
  double noise_weight = 0;      // share of Dirichlet noise in the root priors
  double dirichlet_alpha = 0;   // 0: 10 / number of root moves
  bool avoid_own_eyes = true;   // never expand moves that fill the player's own eyes
  bool restrict_passes = true;  // a pass only after the opponent's pass or with nothing else left
  // An unvisited move's value: its parent's (first-play urgency), or 0 (the book's alphago).
  bool unvisited_at_parent_value = true;
  // > 0: a simulation stops this many moves below the root and evaluates the node it reached
  // again instead of descending further.
  int max_depth = 0;

  void validate(const std::string& searcher) const;
};

}  // namespace dlgo
