// Small helpers shared by the engine tests: moves by GTP vertex and positions compared as
// diagrams, so a failing check prints two readable boards instead of two hashes.
#pragma once

#include "tests/catch.h"

#include <string>
#include <string_view>

#include "engine/ascii_board.h"
#include "engine/coords.h"
#include "engine/game_state.h"

namespace dlgo::test {

// The point a GTP vertex names on `size`; fails the test for a vertex that is not on the board.
inline int point(BoardSize size, std::string_view vertex) {
  auto parsed = gtp_to_point(size, vertex);
  INFO("vertex " << vertex);
  REQUIRE(parsed.has_value());
  return *parsed;
}

inline int point(const GameState& state, std::string_view vertex) {
  return point(state.size(), vertex);
}

inline Move move(const GameState& state, std::string_view text) {
  auto parsed = gtp_to_move(state.size(), text);
  INFO("move " << text);
  REQUIRE(parsed.has_value());
  return *parsed;
}

// Plays `text` ("C3", "pass", "resign") for the player to move; throws IllegalMoveError.
inline void play(GameState& state, std::string_view text) {
  state.play(move(state, text));
}

inline bool is_legal(const GameState& state, std::string_view text) {
  return state.is_legal(move(state, text));
}

inline Color stone_at(const GameState& state, std::string_view vertex) {
  return state.board().at(point(state, vertex));
}

// The diagram of `expected` in the same layout as board_to_ascii prints boards.
inline std::string normalized(std::string_view expected) {
  return board_to_ascii(game_from_ascii(expected).board());
}

inline std::string diagram(const GameState& state) {
  return board_to_ascii(state.board());
}

}  // namespace dlgo::test
