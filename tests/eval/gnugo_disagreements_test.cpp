// Positions where our end-of-game estimate and GNU Go 3.8 (`final_status_list dead`,
// `final_score`, --chinese-rules) disagree and we are right, found by
// tests/gnugo/compare_final_status.py. Each case says why.
#include "tests/catch.h"

#include <string>

#include "engine/ascii_board.h"
#include "engine/dead_stones/final_status.h"
#include "engine/gtp/gtp_arguments.h"
#include "tests/eval/final_positions.h"

using namespace dlgo;

TEST_CASE("GNU Go scores a filled dame point as if it were empty: the area count is W+13.5") {
  // Black has just filled the dame at E4 (White filled F4 before). GNU Go names the same dead
  // stones (H7 B4 H3) but answers W+14.5, as it does with E4 still empty; the stone on E4 is
  // one more point of Black's area.
  GameState state = game_from_ascii(R"(
    . . X . O . . . .
    . X X O O . O . .
    . X . X O . . X .
    . X X O O O . . .
    . . X X X O O O O
    . O . X X O O . .
    . . . X X O O X .
    . . X . X O . . .
    . . . X O O . . .
  )");
  FinalStatus status = estimate_final_status(state);
  CHECK(vertex_list(state.size(), status.points_with(StoneStatus::kDead)) == "H3 B4 H7");
  // Counted row by row from the top, dead stones off: Black 3+3+4+3+5+5+5+5+4 = 37 (stones and
  // the points they alone surround), White 5+6+5+6+4+4+4+4+5 = 43, D9 dame; 37 - 43 - 7.5.
  CHECK(status.result.black_area() == 37);
  CHECK(status.result.white_area() == 43);
  CHECK(status.result.dame == 1);
  CHECK(status.result.to_string() == "W+13.5");
  // With E4 still empty both engines say W+14.5: Black's stone there is worth exactly one.
  GameState before = game_from_ascii(dlgo::test::kDeadStones);  // E4 empty, else the same
  CHECK(estimate_final_status(before).result.to_string() == "W+14.5");
}
