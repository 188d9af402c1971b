// The body of POST /select-move/<bot>, in and out.
//
// In: {"board_size": 9, "moves": ["D4", "pass", ...]} as the original pages send it, moves
// alternating from Black on an empty board; optional "komi" (number) and "handicap" (GTP
// points of Black setup stones, after which White moves first). Out: {"bot_move": "E5" |
// "pass" | "resign", "diagnostics": {...}}.
//
// Contract: pure functions, safe from any thread. Parsing throws HttpError(400) with a
// message that names what is wrong (the field, or the move and its index).
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/agents/agent.h"
#include "engine/game_state.h"

namespace dlgo::server {

// The game the body describes, replayed move by move with the default rules (area scoring,
// positional superko, no suicide) and the body's komi. Every move must be legal, and the
// game must not be over, since the bot is asked to move next.
GameState game_from_move_request(std::string_view body);

// {"bot_move": ..., "diagnostics": {...}}. Diagnostics carry only what the agent reported:
// top_moves [{move, prior, visits, win_rate}], win_rate, value, visits,
// principal_variation, seconds.
nlohmann::json move_response_json(const MoveDecision& decision, BoardSize size);

}  // namespace dlgo::server
