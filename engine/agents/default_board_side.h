// The board a program plays on when the user names none. A network agent plays only the board it
// was trained on, so a command line such as `dlgo-gtp --agent agents/pg_99.h5` (what a GUI or
// gtp2ogs runs) must start on that board rather than on the program's usual default.
//
// Contract: a pure function; `every_player_plays(side)` is asked about square boards of
// kMinBoardSide..kMaxBoardSide only.
#pragma once

#include <functional>

namespace dlgo {

// `fallback` when every player plays on it; else the smallest side every player plays on (a
// network agent's own); else `fallback`, and the program's own check names the player that
// does not fit.
int default_board_side(const std::function<bool(int side)>& every_player_plays, int fallback);

}  // namespace dlgo
