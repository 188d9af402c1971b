#include "engine/eval/adjudication.h"

#include "engine/playout.h"
#include "engine/rng.h"

namespace dlgo {

namespace {

// +1 where Black owns the point at the end of a playout, -1 for White, 0 for dame.
void add_final_ownership(const Board& board, std::vector<double>& sum) {
  const int n = board.num_points();
  std::vector<int> region;
  std::vector<char> visited(static_cast<std::size_t>(n), 0);
  for (int point = 0; point < n; ++point) {
    Color c = board.at(point);
    if (c == Color::kBlack) sum[point] += 1;
    if (c == Color::kWhite) sum[point] -= 1;
    if (c != Color::kEmpty || visited[point]) continue;
    region.assign(1, point);
    visited[point] = 1;
    bool black = false, white = false;
    for (std::size_t next = 0; next < region.size(); ++next) {
      int loc = board.loc_of_point(region[next]);
      for (int offset : Board::kNeighbourOffsets) {
        Color neighbour = board.color_at_loc(loc + offset);
        if (neighbour == Color::kBlack) black = true;
        if (neighbour == Color::kWhite) white = true;
        if (neighbour != Color::kEmpty) continue;
        int p = board.point_of_loc(loc + offset);
        if (!visited[p]) {
          visited[p] = 1;
          region.push_back(p);
        }
      }
    }
    double owner = black == white ? 0.0 : (black ? 1.0 : -1.0);
    for (int p : region) sum[p] += owner;
  }
}

}  // namespace

GameState position_copy(const GameState& state) {
  GameState copy(state.size(), state.rules());
  const Board& board = state.board();
  for (int point = 0; point < board.num_points(); ++point) {
    if (is_stone(board.at(point))) copy.add_setup_stone(point, board.at(point));
  }
  copy.set_next_player(state.next_player());
  return copy;
}

std::vector<double> ownership(const GameState& state, const DeadStoneOptions& options) {
  const int n = state.board().num_points();
  std::vector<double> sum(static_cast<std::size_t>(n), 0.0);
  if (options.playouts <= 0) return sum;
  const GameState start = position_copy(state);
  Rng rng(options.seed);
  for (int i = 0; i < options.playouts; ++i) {
    GameState playout = start;
    play_random_game(playout, rng, 4 * n);
    add_final_ownership(playout.board(), sum);
  }
  for (double& value : sum) value /= options.playouts;
  return sum;
}

std::vector<int> estimate_dead_stones(const GameState& state, const DeadStoneOptions& options) {
  const Board& board = state.board();
  const int n = board.num_points();
  std::vector<int> dead;
  if (board.stone_count(Color::kBlack) + board.stone_count(Color::kWhite) == 0) return dead;
  const std::vector<double> owner = ownership(state, options);
  // Decide chain by chain: a chain lives or dies as a whole.
  std::vector<char> decided(static_cast<std::size_t>(n), 0);
  std::vector<char> is_dead(static_cast<std::size_t>(n), 0);
  for (int point = 0; point < n; ++point) {
    Color c = board.at(point);
    if (!is_stone(c) || decided[point]) continue;
    std::vector<int> chain;
    const int head = board.group_head_loc(board.loc_of_point(point));
    int loc = head;
    do {
      chain.push_back(board.point_of_loc(loc));
      loc = board.next_stone_loc(loc);
    } while (loc != head);
    double opponent_share = 0;
    for (int p : chain) {
      // owner is +1 for Black; turn it into the opponent's share 0..1.
      double black_share = (owner[p] + 1) / 2;
      opponent_share += c == Color::kBlack ? 1 - black_share : black_share;
    }
    opponent_share /= static_cast<double>(chain.size());
    for (int p : chain) {
      decided[p] = 1;
      is_dead[p] = opponent_share > options.dead_threshold;
    }
  }
  for (int point = 0; point < n; ++point) {
    if (is_dead[point]) dead.push_back(point);
  }
  return dead;
}

GameResult score_without(const GameState& state, const std::vector<int>& dead) {
  Board board = state.board();
  for (int point : dead) board.clear_point(point);
  return score_area(board, state.rules().komi);
}

GameResult adjudicate(const GameState& state, const DeadStoneOptions& options) {
  if (state.resigned()) return state.result();
  return score_without(state, estimate_dead_stones(state, options));
}

}  // namespace dlgo
