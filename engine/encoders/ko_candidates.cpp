#include "engine/encoders/ko_candidates.h"

namespace dlgo {

KoCandidates::KoCandidates(const GameState& state) {
  const Board& board = state.board();
  if (state.rules().ko_rule == KoRule::kSimple || state.rules().suicide_allowed) {
    all_points_ = true;
    return;
  }
  int plays = 0;
  for (const Move& move : state.moves()) {
    if (!move.is_play()) continue;
    ++plays;
    held_before_[static_cast<std::size_t>(move.point)] = 1;
  }
  const int stones = board.stone_count(Color::kBlack) + board.stone_count(Color::kWhite);
  const int setup_stones =
      stones + state.prisoners(Color::kBlack) + state.prisoners(Color::kWhite) - plays;
  if (setup_stones == 0) return;
  int setup_on_board = 0;
  for (int point = 0; point < board.num_points(); ++point) {
    if (is_stone(board.at(point)) && state.move_index_of_stone(point) < 0) ++setup_on_board;
  }
  all_points_ = setup_on_board != setup_stones;
}

}  // namespace dlgo
