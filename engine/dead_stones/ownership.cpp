#include "engine/dead_stones/ownership.h"

#include "engine/playout.h"
#include "engine/rng.h"
#include "engine/scoring.h"

namespace dlgo {

GameState position_copy(const GameState& state) {
  GameState copy(state.size(), state.rules());
  const Board& board = state.board();
  for (int point = 0; point < board.num_points(); ++point) {
    if (is_stone(board.at(point))) copy.add_setup_stone(point, board.at(point));
  }
  copy.set_next_player(state.next_player());
  return copy;
}

std::vector<double> ownership(const GameState& state, int playouts, std::uint64_t seed) {
  const int n = state.board().num_points();
  std::vector<double> sum(static_cast<std::size_t>(n), 0.0);
  if (playouts <= 0) return sum;
  const GameState start = position_copy(state);
  Rng rng(seed);
  for (int i = 0; i < playouts; ++i) {
    GameState playout = start;
    play_scoring_game(playout, rng, 4 * n);
    const std::vector<Color> owners = area_owners(playout.board());
    for (int point = 0; point < n; ++point) {
      if (owners[point] == Color::kBlack) sum[point] += 1;
      if (owners[point] == Color::kWhite) sum[point] -= 1;
    }
  }
  for (double& value : sum) value /= playouts;
  return sum;
}

}  // namespace dlgo
