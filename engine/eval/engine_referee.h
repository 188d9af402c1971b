// Asking an external GTP engine (GNU Go is the usual choice) which stones are dead at the end
// of a refereed game, for matches where the Monte Carlo estimate is not trusted.
//
// The engine is given the game (boardsize, clear_board, komi, every move with its colour) and
// answers final_status_list dead; the referee then scores by area without those stones, as it
// does with its own estimate.
//
// Contract: one GtpClient per thread. Failures (the engine refuses a move, dies, or answers
// something that is not a vertex list) throw PlayerError naming the engine.
#pragma once

#include <vector>

#include "engine/game_state.h"
#include "engine/gtp/gtp_client.h"

namespace dlgo {

// The dead stones of `state` (a game from an empty board, Black first) by `engine`'s judgement,
// in point order.
std::vector<int> dead_stones_by_engine(GtpClient& engine, const GameState& state);

}  // namespace dlgo
