// What a stone would do if it were played: how many opponent stones it captures and the
// liberties and size of the group it ends up in. Computed from the board without playing the
// move, for the per-point "if you played here" planes of the alphago encoder.
//
// Contract: a MoveEffectCalculator borrows the board (which must outlive it and not change)
// and owns a small scratch array; it is not thread-safe, use one per thread. No heap memory.
#pragma once

#include <array>
#include <cstdint>

#include "engine/board.h"

namespace dlgo {

struct MoveEffect {
  int captured_stones = 0;     // opponent stones removed by the move
  int liberties_after = 0;     // liberties of the new stone's group; 0 for a suicide
  int group_stones_after = 0;  // stones in that group (merged groups included); 0 for a suicide
};

class MoveEffectCalculator {
 public:
  explicit MoveEffectCalculator(const Board& board) : board_(board) {}

  // Effect of colour `c` playing at the empty `loc`; legality is the caller's business.
  MoveEffect effect_at_loc(int loc, Color c);

 private:
  const Board& board_;
  std::array<std::uint32_t, Board::kLocs> mark_{};
  std::uint32_t stamp_ = 0;
};

}  // namespace dlgo
