// Handicap stone placement.
//
// Contract: pure functions; safe from any thread.
//
// Fixed placement follows the GTP specification (and GNU Go): star points on the 3rd line for
// boards below 12, the 4th line from 12 up; 2-4 stones in the corners, 5/7/9 add the centre,
// 6-9 add the side star points. Odd boards from 9x9 take up to 9 stones, other boards from 7x7
// up to 4; smaller boards have no fixed handicap. Free placement means the player chooses the
// points; GameState::place_handicap takes any list.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/coords.h"

namespace dlgo {

int max_fixed_handicap(BoardSize size);

// The points of a fixed handicap, or an error message when `stones` is not possible here.
struct HandicapPlacement {
  std::vector<int> points;
  std::string error;
};
HandicapPlacement fixed_handicap_points(BoardSize size, int stones);

}  // namespace dlgo
