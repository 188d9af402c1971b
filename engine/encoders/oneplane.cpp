#include "engine/encoders/oneplane.h"

namespace dlgo {

void OnePlaneEncoder::encode_planes(const GameState& state, std::uint8_t* planes) const {
  const Board& board = state.board();
  const Color me = state.next_player();
  const int w = width();
  const std::size_t n = plane_size();
  for (int row = 0; row < height(); ++row) {
    for (int col = 0; col < w; ++col) {
      const Color c = board.color_at_loc(Board::loc_of(row, col));
      if (!is_stone(c)) continue;
      planes[(c == me ? 0 : n) + static_cast<std::size_t>(row * w + col)] = 1;
    }
  }
}

void OnePlaneEncoder::planes_to_input(const std::uint8_t* planes, float* input) const {
  const std::size_t n = plane_size();
  for (std::size_t i = 0; i < n; ++i) {
    input[i] = static_cast<float>(planes[i]) - static_cast<float>(planes[n + i]);
  }
}

}  // namespace dlgo
