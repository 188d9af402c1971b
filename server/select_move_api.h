// The body of POST /select-move/<bot> (and of POST /score/<bot>, which reads the same), in and
// out.
//
// In: {"board_size": 9, "moves": ["D4", "pass", ...]} as the original pages send it, moves
// alternating from Black on an empty board; optional "komi" (number), "handicap" (GTP points
// of Black setup stones, after which White moves first), and how hard the bot should play:
// "level" (integer), "seconds_per_move" (number > 0), "visits" (integer >= 1), checked
// against the bot by strength_levels.h. Out: {"bot_move": "E5" | "pass" | "resign",
// "diagnostics": {...}}.
//
// Contract: pure functions, safe from any thread. Parsing throws HttpError(400) with a
// message that names what is wrong (the field, or the move and its index).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/agents/agent.h"
#include "engine/game_state.h"

namespace dlgo::server {

// What the body asks for. A strength field left out is empty.
struct MoveRequest {
  GameState state;
  std::optional<long long> level;
  std::optional<double> seconds_per_move;
  std::optional<long long> visits;
  // What was set before the first move (board size, komi, handicap), as text: two requests of
  // one game have the same.
  std::string setup;
};

// Whether a game that two passes have ended may be sent: not to /select-move, where the bot is
// asked to move next; yes to /score. A resigned game is refused either way.
enum class FinishedGame { kRefused, kAllowed };

// The request the body describes: its game replayed move by move with the default rules (area
// scoring, positional superko, no suicide) and the body's komi. Every move must be legal.
MoveRequest parse_move_request(std::string_view body,
                               FinishedGame finished = FinishedGame::kRefused);

// parse_move_request(body).state: the game of a /select-move body.
GameState game_from_move_request(std::string_view body);

// {"bot_move": ..., "diagnostics": {...}}. Diagnostics carry only what the agent reported:
// top_moves [{move, prior, visits, win_rate}], win_rate, value, visits,
// principal_variation, seconds.
nlohmann::json move_response_json(const MoveDecision& decision, BoardSize size);

}  // namespace dlgo::server
