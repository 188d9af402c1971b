// Positions the search tests of every layer share (the tree with a fake evaluator, the network
// searches with real ones).
#pragma once

#include "engine/ascii_board.h"
#include "engine/game_state.h"
#include "tests/eval/final_positions.h"

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

// kDeadStones (final_positions.h) just after `passer`'s pass, at a reverse komi of 0.5: Black's
// dead H3 and H7 stand in White's area and White's dead B4 in Black's. The bare area count
// makes those areas dame and reads 20 : 20, a win for Black by 0.5; a referee takes the dead
// stones off and White wins by 6.5 (GNU Go: W+14.5 at komi 7.5). A pass now ends the game:
// right for White, wrong for Black.
inline GameState dead_stones_after_pass(Color passer) {
  GameState state = game_from_ascii(kDeadStones, passer, Rules{KoRule::kPositional, false, -0.5});
  state.play(Move::pass());
  return state;
}

}  // namespace dlgo::test
