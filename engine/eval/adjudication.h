// Scoring a finished game as a referee would: area scoring after the dead stones are taken off.
//
// Bots of the book play on until nothing is left to do, but a program like GNU Go passes with
// dead stones still on the board, and plain area counting would score those as alive. Dead
// stones are found by Monte Carlo ownership: random playouts (the fast random bot's policy, which
// never fills its own eyes) are run from the position, and a chain whose points end up owned by
// the opponent in more than `dead_threshold` of them is dead. Groups with two eyes never die in
// such playouts, so on a played-out board nothing is removed and the score is the plain area
// score. Seki is not detected as such: shared liberties are dame either way.
//
// Contract: pure functions (randomness from the given seed); safe from any thread.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/game_state.h"
#include "engine/scoring.h"

namespace dlgo {

struct DeadStoneOptions {
  int playouts = 120;
  double dead_threshold = 0.6;
  std::uint64_t seed = 0xD1CE;
};

// The same stones, player to move and rules as `state`, as a fresh game with no move history
// (so a game that has ended by two passes can be played on).
GameState position_copy(const GameState& state);

// For every point, the fraction of playouts in which it ends up Black's (stone or territory)
// minus the fraction in which it ends up White's: -1..1.
std::vector<double> ownership(const GameState& state, const DeadStoneOptions& options = {});

// The points of the stones judged dead, in point order.
std::vector<int> estimate_dead_stones(const GameState& state, const DeadStoneOptions& options = {});

// Area score of `state`'s board with `dead` stones removed (their points go to the surrounding
// colour), with the game's komi.
GameResult score_without(const GameState& state, const std::vector<int>& dead);

// The referee's result: resignation if there was one, else area score without dead stones.
GameResult adjudicate(const GameState& state, const DeadStoneOptions& options = {});

}  // namespace dlgo
