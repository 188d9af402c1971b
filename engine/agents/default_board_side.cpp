#include "engine/agents/default_board_side.h"

#include "engine/coords.h"

namespace dlgo {

int default_board_side(const std::function<bool(int side)>& every_player_plays, int fallback) {
  if (every_player_plays(fallback)) return fallback;
  for (int side = kMinBoardSide; side <= kMaxBoardSide; ++side) {
    if (every_player_plays(side)) return side;
  }
  return fallback;
}

}  // namespace dlgo
