#include <catch2/catch.hpp>

#include "engine/ascii_board.h"
#include "engine/game_state.h"

using namespace dlgo;

TEST_CASE("a single stone in atari is captured") {
  GameState state = game_from_ascii(R"(
    . X .
    X O .
    . X .
  )");
  state.play(*gtp_to_move(state.size(), "C2"));
  CHECK(state.board().at(1, 1) == Color::kEmpty);
  CHECK(state.prisoners(Color::kBlack) == 1);
}
