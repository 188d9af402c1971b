#include "engine/agents/mcts_agent.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "engine/agents/pass_policy.h"
#include "engine/dead_stones/ownership.h"
#include "engine/playout.h"
#include "engine/search/search_summary.h"

namespace dlgo {

namespace {

struct Node {
  Move move;                    // the move that led here
  Color mover = Color::kEmpty;  // who played it
  int parent = -1;
  std::vector<int> children;
  std::vector<Move> untried;  // filled when the node is first reached
  bool expanded = false;
  bool terminal = false;
  double wins = 0;  // rollouts won by the player who played `move`
  int visits = 0;
};

// The moves the tree may try: legal plays and pass (resignation never). Like the rollouts and
// the random agent, the tree never fills its own eye: with 40 rounds it did, in endgames where
// its pass ended a lost count.
std::vector<Move> tree_moves(const GameState& state) {
  std::vector<Move> moves;
  if (state.is_over()) return moves;
  const Board& board = state.board();
  const Color me = state.next_player();
  for (int i = 0; i < board.empty_count(); ++i) {
    int loc = board.empty_locs()[i];
    if (!board.is_eye_loc(loc, me) && state.is_legal_loc(loc))
      moves.push_back(Move::play(board.point_of_loc(loc)));
  }
  moves.push_back(Move::pass());
  return moves;
}

class Search {
 public:
  Search(const GameState& root, const MctsOptions& options, Rng& rng)
      : root_state_(root), options_(options), rng_(rng) {
    nodes_.reserve(static_cast<size_t>(options.rounds) + 1);
    nodes_.push_back(Node{});
  }

  void run() {
    for (int round = 0; round < options_.rounds; ++round) one_round();
  }

  const std::vector<Node>& nodes() const { return nodes_; }

 private:
  void one_round() {
    GameState state = root_state_;
    int current = 0;
    // Descend through fully expanded nodes.
    while (true) {
      Node& node = nodes_[current];
      if (!node.expanded) {
        node.expanded = true;
        node.terminal = state.is_over();
        node.untried = tree_moves(state);
      }
      if (node.terminal || !node.untried.empty()) break;
      current = select_child(current);
      state.play_unchecked(nodes_[current].move);
    }
    // Expand one untried move.
    if (!nodes_[current].terminal && !nodes_[current].untried.empty()) {
      std::vector<Move>& untried = nodes_[current].untried;
      size_t pick = rng_.below(static_cast<std::uint32_t>(untried.size()));
      Move move = untried[pick];
      untried[pick] = untried.back();
      untried.pop_back();
      Node child;
      child.move = move;
      child.mover = state.next_player();
      child.parent = current;
      nodes_.push_back(child);
      int child_index = static_cast<int>(nodes_.size() - 1);
      nodes_[current].children.push_back(child_index);
      state.play_unchecked(move);
      current = child_index;
    }
    if (state.is_over()) {
      // A pass answering a pass ends the game on a board that may still hold dead stones.
      // The referee takes them off after playing the position out (estimate_final_status); a
      // rollout does the same once, from the board as a game not yet over, with the playouts
      // the referee's estimate uses. One rollout, as for any other leaf.
      state = position_copy(state);
      play_scoring_game(state, rng_, 4 * state.size().num_points());
    } else {
      play_random_game(state, rng_, 4 * state.size().num_points());
    }
    const Color winner = state.result().winner();
    for (int index = current; index >= 0; index = nodes_[index].parent) {
      Node& node = nodes_[index];
      ++node.visits;
      if (winner == node.mover)
        node.wins += 1;
      else if (winner == Color::kEmpty)
        node.wins += 0.5;  // a tie (integer komi)
    }
  }

  int select_child(int index) const {
    const Node& node = nodes_[index];
    const double log_total = std::log(static_cast<double>(node.visits));
    int best = node.children.front();
    double best_score = -1;
    for (int child_index : node.children) {
      const Node& child = nodes_[child_index];
      double score =
          child.wins / child.visits + options_.temperature * std::sqrt(log_total / child.visits);
      if (score > best_score) {
        best_score = score;
        best = child_index;
      }
    }
    return best;
  }

  const GameState& root_state_;
  const MctsOptions& options_;
  Rng& rng_;
  std::vector<Node> nodes_;
};

}  // namespace

std::string MctsAgent::description() const {
  return "mcts: UCT with random rollouts, " + std::to_string(options_.rounds) + " rounds";
}

MoveDecision MctsAgent::select_move_within(const GameState& state, const MoveBudget& budget) const {
  auto start = std::chrono::steady_clock::now();
  MoveDecision decision;
  auto finish = [&] {
    decision.diagnostics.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return decision;
  };
  if (state.is_over() || should_pass(state)) {
    decision.move = Move::pass();
    return finish();
  }
  Rng rng = calls_.next_rng();
  MctsOptions options = options_;
  if (budget.visits) options.rounds = std::max(1, *budget.visits);
  Search search(state, options, rng);
  search.run();
  const std::vector<Node>& nodes = search.nodes();
  // The tree as the search summary reads it: a node's handle is its index.
  const SearchedMovesOf moves_of = [&nodes](SearchNodeId node) {
    std::vector<SearchedMove> moves;
    if (node == kNoNode) return moves;
    for (int index : nodes[node].children) {
      const Node& child = nodes[index];
      SearchedMove move;
      move.move = child.move;
      move.visits = child.visits;
      if (child.visits > 0) move.win_rate = child.wins / child.visits;
      move.tie_break = child.wins;
      move.child = static_cast<SearchNodeId>(index);
      moves.push_back(move);
    }
    return moves;
  };
  const std::vector<SearchedMove> ranked = rank_searched_moves(moves_of(0));
  decision.diagnostics.visits = nodes[0].visits;
  if (ranked.empty()) {
    decision.move = Move::pass();
    return finish();
  }
  decision.move = ranked.front().move;
  // Replies tried only once say nothing yet: the variation stops before them.
  describe_search(ranked, ranked.front(), moves_of, 2, decision.diagnostics);
  return finish();
}

}  // namespace dlgo
