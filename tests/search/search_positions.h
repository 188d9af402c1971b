// Positions the search tests of every layer share (the tree with a fake evaluator, the network
// searches with real ones).
#pragma once

#include "engine/ascii_board.h"
#include "engine/game_state.h"

namespace dlgo::test {

// White has just passed. Black owns column B and its eyes, White column D and its eyes; the
// C column is dame. If Black passes too the game ends and White wins on komi (10 : 10 + 7.5);
// Black's other moves (C1..C5) keep the game going. A search that forgets to flip the sign of
// a value on the way up loves the pass.
inline GameState pass_loses_for_black() {
  GameState state = game_from_ascii(
      ".X.O.\n"
      "XX.OO\n"
      ".X.O.\n"
      "XX.OO\n"
      ".X.O.\n",
      Color::kWhite);
  state.play(Move::pass());
  return state;  // Black to move after White's pass
}

}  // namespace dlgo::test
