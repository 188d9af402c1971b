// When a bot should pass instead of playing on: the opponent has just passed and passing now
// ends the game with a win, counted as a referee counts it (area score with the dead stones
// taken off, dead_stones/final_status.h), or every move left would only fill the player's own
// territory (a small empty region, at most a tenth of the board, bordered only by the
// player's stones). Bots of the book play on until the board is full of single-point eyes; this
// rule lets them stop like people do without giving away a won game.
//
// Contract: pure functions; safe from any thread.
#pragma once

#include "engine/game_state.h"

namespace dlgo {

// True when the player to move should pass now (see above). Costs one dead-stone estimate (a
// few hundred playouts) after the opponent's pass, one walk over the empty points otherwise.
bool should_pass(const GameState& state);

// True when the opponent has just passed and passing now ends the game with a result that
// playing on could not change, by the dead-stone estimate (dead_stones/final_status.h):
// - the board is settled: every point is owned, with Monte Carlo ownership of at least
//   `confidence`, by one side, or is a liberty of a seki, and no dame is left to fill (under
//   area scoring each is a point). Passing then ends the game with the estimate's result, won
//   or lost; playing on could only fill territory or feed the opponent stones;
// - or the player to move wins by more than the points in doubt could take back: each owned
//   point below `confidence` counts 2 (it could change sides), each dame to fill 1. A bot far
//   ahead then answers a pass with a pass even while dame are left. In an untidy position,
//   where the playouts leave a hundred points in doubt, neither holds and the bot plays on.
// Costs one estimate (a few hundred playouts) when the opponent has passed, nothing otherwise.
bool settled_after_opponent_pass(const GameState& state, double confidence = 0.7);

}  // namespace dlgo
