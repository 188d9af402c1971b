// Monte Carlo ownership: who a point ends up belonging to when the game is played out.
//
// Random playouts (the fast random bot's policy, which never fills its own eyes, and never puts
// a chain of three or more stones in atari: play_scoring_game in playout.h) are
// run from the position to the end, and each point counts for whoever owns it at the end
// (area scoring: a stone, or an empty region bordered by one colour only). Groups with two eyes
// never die in such playouts; groups that cannot make two eyes are captured in most of them.
//
// Contract: pure functions (randomness from the given seed); safe from any thread.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/game_state.h"

namespace dlgo {

// The same stones, player to move and rules as `state`, as a fresh game with no move history
// (so a game that has ended by two passes can be played on).
GameState position_copy(const GameState& state);

// For every point, the fraction of `playouts` random playouts in which it ends up Black's
// minus the fraction in which it ends up White's: -1..1 (all zero for playouts <= 0).
std::vector<double> ownership(const GameState& state, int playouts, std::uint64_t seed);

}  // namespace dlgo
