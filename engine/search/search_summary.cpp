#include "engine/search/search_summary.h"

#include <algorithm>

namespace dlgo {

namespace {

constexpr size_t kTopMoves = 10;

}  // namespace

std::vector<SearchedMove> rank_searched_moves(std::vector<SearchedMove> moves) {
  std::stable_sort(moves.begin(), moves.end(), [](const SearchedMove& a, const SearchedMove& b) {
    if (a.visits != b.visits) return a.visits > b.visits;
    return a.tie_break > b.tie_break;
  });
  return moves;
}

void describe_search(const std::vector<SearchedMove>& ranked, const SearchedMove& chosen,
                     const SearchedMovesOf& moves_of, int min_visits,
                     AgentDiagnostics& diagnostics) {
  for (size_t i = 0; i < ranked.size() && i < kTopMoves; ++i) {
    MoveCandidate candidate;
    candidate.move = ranked[i].move;
    candidate.prior = ranked[i].prior;
    candidate.visits = ranked[i].visits;
    candidate.win_rate = ranked[i].win_rate;
    diagnostics.top_moves.push_back(candidate);
  }
  if (!ranked.empty() && ranked.front().visits > 0) diagnostics.win_rate = ranked.front().win_rate;

  diagnostics.principal_variation.push_back(chosen.move);
  for (SearchNodeId node = chosen.child; node != kNoNode;) {
    const std::vector<SearchedMove> replies = moves_of(node);
    const SearchedMove* best = nullptr;
    for (const SearchedMove& reply : replies) {
      if (!best || reply.visits > best->visits) best = &reply;
    }
    if (!best || best->visits < min_visits) break;
    diagnostics.principal_variation.push_back(best->move);
    node = best->child;
  }
}

}  // namespace dlgo
