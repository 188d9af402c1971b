// Scoring a finished game as a referee would: area scoring after the dead stones are taken off.
//
// Bots of the book play on until nothing is left to do, but a program like GNU Go passes with
// dead stones still on the board, and plain area counting would score those as alive. The dead
// stones are those of estimate_final_status() (final_status.h: Monte Carlo ownership), the
// same ones GTP's final_status_list and the server's /score report.
//
// Contract: pure functions (randomness from the given seed); safe from any thread.
#pragma once

#include <vector>

#include "engine/dead_stones/final_status.h"
#include "engine/dead_stones/ownership.h"
#include "engine/game_state.h"
#include "engine/scoring.h"

namespace dlgo {

// The points of the stones judged dead, in point order.
std::vector<int> estimate_dead_stones(const GameState& state, const DeadStoneOptions& options = {});

// Area score of `state`'s board with `dead` stones removed (their points go to the surrounding
// colour), with the game's komi.
GameResult score_without(const GameState& state, const std::vector<int>& dead);

// The referee's result: resignation if there was one, else area score without dead stones.
GameResult adjudicate(const GameState& state, const DeadStoneOptions& options = {});

}  // namespace dlgo
