// Final positions as diagrams, with what GNU Go 3.8 says of them (`final_status_list`,
// `final_score`, Chinese rules): shared by the tests of the dead-stone estimate, GTP's
// final_status_list and the server's /score.
#pragma once

namespace dlgo::test {

// A seki in the top-left corner: Black's four stones (eye A9) and White's five (eye E9) share
// the liberty C9, and whoever fills it is captured; each is surrounded by the other's living
// group. GNU Go: final_status_list seki lists exactly these nine stones, no dead, B+18.5.
inline constexpr const char* kCornerSeki = R"(
  . X . O . O X . X
  X X X O O O X X X
  O O O X X X X . X
  . O O X X X X X X
  O O O X . X X . X
  O . O X X X X X X
  O O O X X . X X .
  . O O X X X X X X
  O O O X . X . X X
)";

// A game that ended with dead stones on the board: White's B4 inside Black's area, Black's
// H3 and H7 inside White's. GNU Go: dead H7 B4 H3, W+14.5.
inline constexpr const char* kDeadStones = R"(
  . . X . O . . . .
  . X X O O . O . .
  . X . X O . . X .
  . X X O O O . . .
  . . X X X O O O O
  . O . X . O O . .
  . . . X X O O X .
  . . X . X O . . .
  . . . X O O . . .
)";

}  // namespace dlgo::test
