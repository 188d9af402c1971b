// The one summary every search reports through: moves ranked by visits, then tie_break, equal
// moves in their order; ten candidates; the best move's win rate; the principal variation
// from the chosen move down the most visited replies.
#include "tests/catch.h"

#include <map>

#include "engine/search/search_summary.h"

using namespace dlgo;

namespace {

SearchedMove searched(int point, int visits, double tie_break = 0, SearchNodeId child = kNoNode) {
  SearchedMove move;
  move.move = Move::play(point);
  move.visits = visits;
  if (visits > 0) move.win_rate = 0.01 * point;
  move.tie_break = tie_break;
  move.child = child;
  return move;
}

}  // namespace

TEST_CASE("moves rank by visits, then tie_break, equal ones keeping their order") {
  const std::vector<SearchedMove> ranked = rank_searched_moves(
      {searched(0, 3), searched(1, 7), searched(2, 3, 0.5), searched(3, 3), searched(4, 0)});
  std::vector<int> points;
  for (const SearchedMove& move : ranked) points.push_back(move.move.point);
  CHECK(points == std::vector<int>{1, 2, 0, 3, 4});
}

TEST_CASE("the summary gives ten candidates, the best win rate and the principal variation") {
  // A small tree by hand: node 0 is the root; node 10 lies under point 5, node 20 under
  // point 8 below it, whose replies were tried once each.
  std::map<SearchNodeId, std::vector<SearchedMove>> tree;
  for (int point = 0; point < 12; ++point) {
    tree[0].push_back(searched(point, point == 5 ? 40 : point, 0, point == 5 ? 10 : kNoNode));
  }
  tree[10] = {searched(7, 4), searched(8, 30, 0, 20), searched(9, 30)};
  tree[20] = {searched(1, 1), searched(2, 1)};
  const SearchedMovesOf moves_of = [&tree](SearchNodeId node) {
    auto it = tree.find(node);
    return it == tree.end() ? std::vector<SearchedMove>{} : it->second;
  };
  const std::vector<SearchedMove> ranked = rank_searched_moves(moves_of(0));

  AgentDiagnostics diagnostics;
  describe_search(ranked, ranked.front(), moves_of, 1, diagnostics);
  REQUIRE(diagnostics.top_moves.size() == 10);
  CHECK(diagnostics.top_moves.front().move == Move::play(5));
  CHECK(diagnostics.top_moves.front().visits.value() == 40);
  CHECK(diagnostics.win_rate.value() == Approx(0.05));
  // Point 8 and point 9 tie on visits: the first of equals is followed; then a reply tried once.
  CHECK(diagnostics.principal_variation ==
        std::vector<Move>{Move::play(5), Move::play(8), Move::play(1)});

  // Replies tried fewer than `min_visits` times end the variation.
  AgentDiagnostics strict;
  describe_search(ranked, ranked.front(), moves_of, 2, strict);
  CHECK(strict.principal_variation == std::vector<Move>{Move::play(5), Move::play(8)});

  // A sampled move that is not the most visited starts the variation; an unvisited best move
  // gives no win rate.
  AgentDiagnostics sampled;
  describe_search(ranked, ranked.back(), moves_of, 1, sampled);
  CHECK(sampled.principal_variation == std::vector<Move>{ranked.back().move});
  AgentDiagnostics unvisited;
  describe_search({searched(3, 0)}, searched(3, 0), moves_of, 1, unvisited);
  CHECK_FALSE(unvisited.win_rate.has_value());
}
