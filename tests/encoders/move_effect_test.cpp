// MoveEffectCalculator: captures and liberties after a move, without playing it.
#include "tests/catch.h"

#include "engine/ascii_board.h"
#include "engine/encoders/move_effect.h"
#include "tests/encoders/plane_support.h"

using namespace dlgo;
using namespace dlgo::test;

namespace {

MoveEffect effect(const GameState& state, const char* vertex, Color c) {
  MoveEffectCalculator calculator(state.board());
  return calculator.effect_at_loc(state.board().loc_of_point(*gtp_to_point(state.size(), vertex)),
                                  c);
}

}  // namespace

TEST_CASE("joining groups counts each shared liberty once") {
  GameState state = game_from_ascii(R"(
    . . . . .
    . X . . .
    X O . X .
    . O X . .
    . X . . .
  )");
  // C3 joins D3 and C2; the White group keeps A2, so nothing is captured.
  const MoveEffect at_c3 = effect(state, "C3", Color::kBlack);
  CHECK(at_c3.captured_stones == 0);
  CHECK(at_c3.group_stones_after == 3);
  CHECK(at_c3.liberties_after == 5);  // C4, D4, E3, D2, C1
}

TEST_CASE("points freed by a capture are liberties where they touch the new group") {
  GameState state = game_from_ascii(R"(
    . . . . .
    . X . . .
    X O X . .
    . O X . .
    . X . . .
  )");
  // A2 takes B3-B2 and joins A3: B2 touches A2, B3 touches A3.
  const MoveEffect at_a2 = effect(state, "A2", Color::kBlack);
  CHECK(at_a2.captured_stones == 2);
  CHECK(at_a2.group_stones_after == 2);
  CHECK(at_a2.liberties_after == 4);  // A4, A1, B3, B2
}

TEST_CASE("a suicide has no liberties and no group") {
  GameState state = game_from_ascii(R"(
    . O .
    O . O
    . O .
  )");
  const MoveEffect suicide = effect(state, "B2", Color::kBlack);
  CHECK(suicide.liberties_after == 0);
  CHECK(suicide.group_stones_after == 0);
  CHECK(suicide.captured_stones == 0);
  const MoveEffect own_point = effect(state, "B2", Color::kWhite);
  CHECK(own_point.group_stones_after == 5);
  CHECK(own_point.liberties_after == 4);
}
