// dlgo's eye test, which the random playouts use to avoid filling their own eyes: every
// neighbour the player's colour (or off the board), and enough diagonals: at least three of four
// in the centre, every on-board diagonal on the edge and in the corner.
#include "tests/catch.h"

#include "engine/ascii_board.h"
#include "engine/game_state.h"
#include "tests/engine/diagram_support.h"

using namespace dlgo;
using namespace dlgo::test;

namespace {

bool black_eye(std::string_view diagram, std::string_view vertex) {
  GameState state = game_from_ascii(diagram);
  return state.board().is_eye(point(state, vertex), Color::kBlack);
}

bool white_eye(std::string_view diagram, std::string_view vertex) {
  GameState state = game_from_ascii(diagram);
  return state.board().is_eye(point(state, vertex), Color::kWhite);
}

}  // namespace

TEST_CASE("centre: an eye needs all four neighbours and three of the four diagonals") {
  CHECK(black_eye(R"(
    . . . . .
    . X X X .
    . X . X .
    . X X X .
    . . . . .
  )",
                  "C3"));
  CHECK(black_eye(R"(
    . . . . .
    . X X O .
    . X . X .
    . X X X .
    . . . . .
  )",
                  "C3"));
  // Two diagonals lost: a false eye.
  CHECK_FALSE(black_eye(R"(
    . . . . .
    . X X O .
    . X . X .
    . O X X .
    . . . . .
  )",
                        "C3"));
  // An empty diagonal does not count as the player's.
  CHECK_FALSE(black_eye(R"(
    . . . . .
    . X X . .
    . X . X .
    . . X X .
    . . . . .
  )",
                        "C3"));
  // A missing neighbour is no eye whatever the diagonals.
  CHECK_FALSE(black_eye(R"(
    . . . . .
    . X X X .
    . X . . .
    . X X X .
    . . . . .
  )",
                        "C3"));
  CHECK_FALSE(black_eye(R"(
    . . . . .
    . X O X .
    . X . X .
    . X X X .
    . . . . .
  )",
                        "C3"));
}

TEST_CASE("edge: an eye needs both on-board diagonals") {
  const char* real = R"(
    . . . . .
    . . . . .
    . . . . .
    . X X X .
    . X . X .
  )";
  CHECK(black_eye(real, "C1"));
  CHECK_FALSE(white_eye(real, "C1"));
  CHECK_FALSE(black_eye(R"(
    . . . . .
    . . . . .
    . . . . .
    . X X O .
    . X . X .
  )",
                        "C1"));
  CHECK_FALSE(black_eye(R"(
    . . . . .
    . . . . .
    . . . . .
    . . X . .
    . X . X .
  )",
                        "C1"));
  // The other edges of a non-square board, for White.
  const char* right_edge = R"(
    . . . . . .
    . . . . O O
    . . . . O .
    . . . . O O
  )";
  CHECK(white_eye(right_edge, "F2"));
  CHECK_FALSE(black_eye(right_edge, "F2"));
  CHECK_FALSE(white_eye(R"(
    . . . . . .
    . . . . X O
    . . . . O .
    . . . . O O
  )",
                        "F2"));
  CHECK(white_eye(R"(
    . . O . O . .
    . . O O O . .
    . . . . . . .
  )",
                  "D3"));
  CHECK_FALSE(white_eye(R"(
    . . O . O . .
    . . O O X . .
    . . . . . . .
  )",
                        "D3"));
}

TEST_CASE("corner: an eye needs the one diagonal") {
  CHECK(black_eye(R"(
    . . .
    X X .
    . X .
  )",
                  "A1"));
  CHECK_FALSE(black_eye(R"(
    . . .
    X O .
    . X .
  )",
                        "A1"));
  CHECK_FALSE(black_eye(R"(
    . . .
    X . .
    . X .
  )",
                        "A1"));
  CHECK(white_eye(R"(
    . O .
    . O O
    . . .
  )",
                  "C3"));
}

TEST_CASE("an occupied point is no eye") {
  GameState state = game_from_ascii(R"(
    . X .
    X X X
    . X .
  )");
  CHECK_FALSE(state.board().is_eye(point(state, "B2"), Color::kBlack));
  CHECK(state.board().is_eye(point(state, "A1"), Color::kBlack));
  CHECK_FALSE(state.board().is_eye(point(state, "A1"), Color::kWhite));
}
