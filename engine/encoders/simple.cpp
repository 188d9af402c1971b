#include "engine/encoders/simple.h"

#include <algorithm>
#include <cstring>

#include "engine/encoders/ko_candidates.h"

namespace dlgo {

void SimpleEncoder::encode_planes(const GameState& state, std::uint8_t* planes) const {
  const Board& board = state.board();
  const int w = width();
  const std::size_t n = plane_size();
  const KoCandidates ko(state);
  std::memset(planes + (state.next_player() == Color::kBlack ? 8 : 9) * n, 1, n);
  for (int row = 0; row < height(); ++row) {
    for (int col = 0; col < w; ++col) {
      const int loc = Board::loc_of(row, col);
      const std::size_t index = static_cast<std::size_t>(row * w + col);
      const Color c = board.color_at_loc(loc);
      if (c == Color::kEmpty) {
        if (is_ko_forbidden(state, ko, loc, row * w + col)) planes[10 * n + index] = 1;
        continue;
      }
      const int plane =
          (c == Color::kBlack ? 0 : 4) + std::min(board.group_liberties_loc(loc), 4) - 1;
      planes[static_cast<std::size_t>(plane) * n + index] = 1;
    }
  }
}

}  // namespace dlgo
