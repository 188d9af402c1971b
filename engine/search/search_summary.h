// What every search reports, built one way for all of them (mcts, zero, alphago): the root's
// moves ranked, the ten best as diagnostics candidates with prior, visits and win rate, the
// best move's win rate, and the principal variation.
//
// A search describes its tree through SearchedMove lists: the moves below a node with their
// statistics and a handle of the node each leads to (an index or an address, whatever the
// tree uses; kNoNode where the move has none).
//
// Contract: pure functions; safe from any thread as long as the tree does not change under
// them.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "engine/move.h"
#include "engine/move_decision.h"

namespace dlgo {

using SearchNodeId = std::uintptr_t;
constexpr SearchNodeId kNoNode = ~SearchNodeId{0};

struct SearchedMove {
  Move move;
  int visits = 0;
  std::optional<double> win_rate;  // for the player choosing the move, 0..1; empty if unvisited
  std::optional<double> prior;     // where the search has priors
  double tie_break = 0;            // orders moves of equal visits, higher first
  SearchNodeId child = kNoNode;    // the node the move leads to
};

// The moves below a node (none for kNoNode or a node not searched yet).
using SearchedMovesOf = std::function<std::vector<SearchedMove>(SearchNodeId node)>;

// Most visits first, then the higher tie_break; equal moves keep their order.
std::vector<SearchedMove> rank_searched_moves(std::vector<SearchedMove> moves);

// Fills diagnostics.top_moves (the first ten of `ranked`), diagnostics.win_rate (the first
// ranked move's, where it was visited) and diagnostics.principal_variation: `chosen`, then
// at each node below the most visited reply (the first of equals) while it has at least
// `min_visits` visits. Leaves visits, value and seconds to the caller.
void describe_search(const std::vector<SearchedMove>& ranked, const SearchedMove& chosen,
                     const SearchedMovesOf& moves_of, int min_visits,
                     AgentDiagnostics& diagnostics);

}  // namespace dlgo
