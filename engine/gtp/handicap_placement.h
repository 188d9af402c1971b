// Where the engine puts its own handicap stones for GTP place_free_handicap.
//
// Up to the fixed handicap's maximum the stones go where fixed_handicap would put them (the
// usual star points); beyond that, or on boards without a fixed handicap, each further stone
// goes to the point farthest from the stones already placed, preferring points off the first
// two lines (off the first line on boards below 7x7) and, among equals, near the centre.
//
// Contract: pure function; safe from any thread.
#pragma once

#include <vector>

#include "engine/coords.h"

namespace dlgo {

// `stones` distinct points, 1 <= stones < size.num_points().
std::vector<int> free_handicap_points(BoardSize size, int stones);

}  // namespace dlgo
