#include "engine/dead_stones/adjudication.h"

namespace dlgo {

std::vector<int> estimate_dead_stones(const GameState& state, const DeadStoneOptions& options) {
  return estimate_final_status(state, options).points_with(StoneStatus::kDead);
}

GameResult score_without(const GameState& state, const std::vector<int>& dead) {
  Board board = state.board();
  for (int point : dead) board.clear_point(point);
  return score_area(board, state.rules().komi);
}

GameResult adjudicate(const GameState& state, const DeadStoneOptions& options) {
  if (state.resigned()) return state.result();
  return estimate_final_status(state, options).result;
}

}  // namespace dlgo
