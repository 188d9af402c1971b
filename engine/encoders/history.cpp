#include "engine/encoders/history.h"

#include <algorithm>
#include <cstring>

#include "engine/encoders/ko_candidates.h"

namespace dlgo {

namespace plane = history_planes;

void HistoryEncoder::encode_planes(const GameState& state, std::uint8_t* planes) const {
  const Board& board = state.board();
  const Color me = state.next_player();
  const int w = width();
  const std::size_t n = plane_size();
  auto at = [&](int index_of_plane, int point) -> std::uint8_t& {
    return planes[static_cast<std::size_t>(index_of_plane) * n + static_cast<std::size_t>(point)];
  };

  std::memset(planes + plane::kOnBoard * n, 1, n);
  const Color komi_taker = state.rules().komi >= 0 ? Color::kWhite : Color::kBlack;
  std::memset(planes + (me == komi_taker ? plane::kOwnKomi : plane::kOpponentKomi) * n, 1, n);

  const std::vector<Move>& moves = state.moves();
  const int history = std::min<int>(plane::kHistoryLength, static_cast<int>(moves.size()));
  for (int ago = 1; ago <= history; ++ago) {
    const Move& move = moves[moves.size() - static_cast<std::size_t>(ago)];
    if (move.is_play()) at(plane::kMovesAgo + ago - 1, move.point) = 1;
  }

  const KoCandidates ko(state);
  for (int row = 0; row < height(); ++row) {
    for (int col = 0; col < w; ++col) {
      const int loc = Board::loc_of(row, col);
      const int point = row * w + col;
      const Color c = board.color_at_loc(loc);
      if (c == Color::kEmpty) {
        if (is_ko_forbidden(state, ko, loc, point)) at(plane::kKo, point) = 1;
        continue;
      }
      const bool own = c == me;
      const int liberties = std::min(board.group_liberties_loc(loc), 4);
      at(own ? plane::kOwnStones : plane::kOpponentStones, point) = 1;
      at((own ? plane::kOwnLiberties : plane::kOpponentLiberties) + liberties - 1, point) = 1;
    }
  }
}

}  // namespace dlgo
