// Random self-play as in the book's fast random bot: each move is uniform over the legal
// moves that do not fill one of the mover's own eyes (dlgo's eye test); with none left the
// player passes, and two passes end the game. Legality is exact under the ko rule in force;
// suicide is never chosen, even under rules that allow it.
//
// Contract: works on a caller-owned GameState and Rng; no shared state, so one thread per
// (state, rng) pair runs independently.
#pragma once

#include "engine/game_state.h"
#include "engine/rng.h"

namespace dlgo {

// A uniformly chosen legal non-eye move for the player to move, or a pass.
Move select_random_move(const GameState& state, Rng& rng);

// Plays random moves until the game ends or `max_moves` moves have been played; returns the
// number of moves (passes included) it played.
int play_random_game(GameState& state, Rng& rng, int max_moves = 100000);

// As play_random_game, but a move that would leave a chain of three or more stones in atari
// without capturing (self-atari) is never chosen, so groups in seki, which die in uniform
// playouts once their owner fills a shared liberty, live. Sacrifices of one or two stones stay
// allowed: they are how dead shapes (a straight three with a stone on its vital point) are
// killed. The playouts behind dead-stone estimates (dead_stones/ownership.h).
int play_scoring_game(GameState& state, Rng& rng, int max_moves = 100000);

}  // namespace dlgo
