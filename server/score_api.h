// The answer of POST /score/<bot>: which stones are dead, who owns each point, and the area
// score with komi, for the game of a /select-move body (a game ended by two passes included).
//
// The estimate is estimate_final_status() (engine/dead_stones/final_status.h), the same as GTP's
// final_status_list and final_score, so both give one answer for one position. For bots with
// a value network the answer adds the network's view of the game, Black's chance to win
// (`black_win_rate`), and says so in `method` ("playouts+value"; "playouts" otherwise).
//
// Out: {"dead": [vertices], "seki": [vertices], "ownership": [board_size^2 numbers, row 1
// first, A..T within a row, +1 Black .. -1 White], "territory": {"black": [...], "white":
// [...], "dame": [...]} (the empty points and the dead stones' points, by whose area they count
// for), "score": {"black": area, "white": area, "komi": komi}, "result": "B+0.5" | "W+3.5" |
// "0", "winner": "black" | "white" | "draw", "method": ..., ["black_win_rate": 0..1]}.
//
// Contract: pure function; safe from any thread.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "engine/dead_stones/final_status.h"
#include "engine/game_state.h"

namespace dlgo::server {

// `value`: the bot's Agent::position_value() of the position (for the player to move), when
// it has one.
nlohmann::json score_response_json(const GameState& state, const FinalStatus& status,
                                   std::optional<double> value);

}  // namespace dlgo::server
