// Boards as text diagrams, for tests, GTP showboard and terminal demos.
//
// Diagram syntax: one line per row, top row (highest rank) first; 'X' (or 'B', '#') is Black,
// 'O' (or 'W') White, '.' or '+' empty; spaces are ignored; blank lines are skipped. Every row
// must have the same number of points.
//
// Contract: pure functions; safe from any thread. Parsing throws std::invalid_argument naming
// the line and character that is wrong.
#pragma once

#include <string>
#include <string_view>

#include "engine/board.h"
#include "engine/game_state.h"

namespace dlgo {

// Stones are placed as setup stones; a group without liberties is an error.
GameState game_from_ascii(std::string_view diagram, Color to_move = Color::kBlack,
                          Rules rules = {});

// Rows top to bottom with GTP coordinates around them.
std::string board_to_ascii(const Board& board);

}  // namespace dlgo
