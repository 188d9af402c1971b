// When a bot should pass instead of playing on: the opponent has just passed and passing now
// ends the game with a win (area score), or every move left would only fill the player's own
// territory (a small empty region, at most a tenth of the board, bordered only by the
// player's stones). Bots of the book play on until the board is full of single-point eyes; this rule
// lets them stop like people do without giving away a won game.
//
// Contract: pure functions; safe from any thread.
#pragma once

#include "engine/game_state.h"

namespace dlgo {

// True when the player to move should pass now (see above). Cheap: one area count.
bool should_pass(const GameState& state);

}  // namespace dlgo
