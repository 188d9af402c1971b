// The alphago encoder: every plane group checked on diagram positions.
#include "tests/catch.h"

#include <algorithm>
#include <cstdio>

#include "engine/ascii_board.h"
#include "engine/encoders/alphago.h"
#include "engine/encoders/registry.h"
#include "tests/encoders/plane_support.h"

using namespace dlgo;
using namespace dlgo::test;
namespace plane = dlgo::alphago_planes;

namespace {

// A setup stone at A1, then ten moves (one of them a pass); Black is to move.
GameState played_position() {
  GameState state = game_from_ascii(R"(
    . . . . .
    . . . . .
    . . . . .
    . . . . .
    X . . . .
  )");
  for (const char* move : {"B2", "D4", "C3", "pass", "E5", "D2", "B4", "E1", "C5", "A5"}) {
    state.play(move_at(state, move));
  }
  return state;
}

// Black to move. D4 captures White C4; G1 and A7 are self-ataris of one and two stones; A1 is
// Black's own eye; G7 is suicide for Black.
GameState move_position() {
  return game_from_ascii(R"(
    . X O . . O .
    . O . . . . O
    . . X . . . .
    . X O . . . .
    . . X . . . .
    X X . . . . .
    . X . . . O .
  )");
}

}  // namespace

TEST_CASE("alphago: stone colour, constant planes and turns since") {
  auto encoder = make_encoder("alphago", 5);
  REQUIRE(encoder->num_planes() == 48);
  auto planes = encoder->encode(played_position());
  CHECK(marked(*encoder, planes, plane::kOwnStone) ==
        vertices({"A1", "B2", "C3", "E5", "B4", "C5"}));
  CHECK(marked(*encoder, planes, plane::kOpponentStone) == vertices({"D4", "D2", "E1", "A5"}));
  CHECK(count_ones(*encoder, planes, plane::kEmpty) == 15);
  CHECK(value_at(*encoder, planes, plane::kEmpty, "C4") == 1);
  CHECK(count_ones(*encoder, planes, plane::kOnes) == 25);
  CHECK(count_ones(*encoder, planes, plane::kZeros) == 0);

  // Moves 0..9 were B2 D4 C3 pass E5 D2 B4 E1 C5 A5: A5 is one turn old, the pass took the
  // slot of seven turns, and setup stones count as the oldest.
  CHECK(marked(*encoder, planes, plane::kTurnsSince + 0) == vertices({"A5"}));
  CHECK(marked(*encoder, planes, plane::kTurnsSince + 1) == vertices({"C5"}));
  CHECK(marked(*encoder, planes, plane::kTurnsSince + 2) == vertices({"E1"}));
  CHECK(marked(*encoder, planes, plane::kTurnsSince + 3) == vertices({"B4"}));
  CHECK(marked(*encoder, planes, plane::kTurnsSince + 4) == vertices({"D2"}));
  CHECK(marked(*encoder, planes, plane::kTurnsSince + 5) == vertices({"E5"}));
  CHECK(count_ones(*encoder, planes, plane::kTurnsSince + 6) == 0);
  CHECK(marked(*encoder, planes, plane::kTurnsSince + 7) == vertices({"A1", "B2", "C3", "D4"}));
}

TEST_CASE("alphago: liberties, one-hot from 1 to 8 or more") {
  auto encoder = make_encoder("alphago", 5);
  auto planes = encoder->encode(played_position());
  CHECK(count_ones(*encoder, planes, plane::kLiberties + 0) == 0);
  CHECK(marked(*encoder, planes, plane::kLiberties + 1) == vertices({"A5", "E5", "A1", "E1"}));
  CHECK(marked(*encoder, planes, plane::kLiberties + 2) == vertices({"C5"}));
  CHECK(marked(*encoder, planes, plane::kLiberties + 3) ==
        vertices({"B4", "D4", "C3", "B2", "D2"}));
  for (int k = 4; k < 8; ++k) CHECK(count_ones(*encoder, planes, plane::kLiberties + k) == 0);

  GameState long_groups = game_from_ascii(R"(
    . . . . . . . . .
    . . . . . . . . .
    . . X X X X . . .
    . . . . . . . . .
    . . O O O . . . .
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . O X
    . . . . . . . . O
  )");
  auto encoder9 = make_encoder("alphago", 9);
  auto big = encoder9->encode(long_groups);
  // Ten and eight liberties both land in the last plane.
  CHECK(marked(*encoder9, big, plane::kLiberties + 7) ==
        vertices({"C7", "D7", "E7", "F7", "C5", "D5", "E5"}));
  CHECK(marked(*encoder9, big, plane::kLiberties + 0) == vertices({"J1", "J2"}));
  CHECK(marked(*encoder9, big, plane::kLiberties + 2) == vertices({"H2"}));
}

TEST_CASE("alphago: sensibleness is legal and not filling one's own eye") {
  auto encoder = make_encoder("alphago", 7);
  auto planes = encoder->encode(move_position());
  CHECK(value_at(*encoder, planes, plane::kSensibleness, "A1") == 0);  // own eye
  CHECK(value_at(*encoder, planes, plane::kSensibleness, "G7") == 0);  // suicide
  CHECK(value_at(*encoder, planes, plane::kSensibleness, "B7") == 0);  // occupied
  CHECK(value_at(*encoder, planes, plane::kSensibleness, "D4") == 1);
  CHECK(value_at(*encoder, planes, plane::kSensibleness, "G1") == 1);  // bad, but sensible
  // 49 points, 13 stones: every empty point but the eye and the suicide.
  CHECK(count_ones(*encoder, planes, plane::kSensibleness) == 36 - 2);
}

TEST_CASE("alphago: liberties after the move, capture size and self-atari size") {
  auto encoder = make_encoder("alphago", 7);
  auto planes = encoder->encode(move_position());

  // D4 captures C4: the new stone has C4, E4, D5 and D3.
  CHECK(value_at(*encoder, planes, plane::kLibertiesAfter + 3, "D4") == 1);
  CHECK(marked(*encoder, planes, plane::kCaptureSize + 1) == vertices({"D4"}));
  for (int k = 2; k < 8; ++k) CHECK(count_ones(*encoder, planes, plane::kCaptureSize + k) == 0);
  // Every other legal move (35 legal points in all) captures nothing.
  CHECK(count_ones(*encoder, planes, plane::kCaptureSize + 0) == 34);
  CHECK(value_at(*encoder, planes, plane::kCaptureSize + 0, "D4") == 0);

  // Self-ataris: G1 alone (one stone), A7 joining B7 (two stones).
  CHECK(marked(*encoder, planes, plane::kSelfAtariSize + 0) == vertices({"G1"}));
  CHECK(marked(*encoder, planes, plane::kSelfAtariSize + 1) == vertices({"A7"}));
  for (int k = 2; k < 8; ++k) CHECK(count_ones(*encoder, planes, plane::kSelfAtariSize + k) == 0);
  CHECK(marked(*encoder, planes, plane::kLibertiesAfter + 0) == vertices({"A7", "G1"}));

  // Filling the eye at A1 is legal: the merged group has A3, B3, C2 and C1.
  CHECK(value_at(*encoder, planes, plane::kLibertiesAfter + 3, "A1") == 1);
  CHECK(value_at(*encoder, planes, plane::kLibertiesAfter + 1, "E7") == 1);  // D7, E6
  CHECK(value_at(*encoder, planes, plane::kLibertiesAfter + 3, "E4") == 1);
  // B5 joins C5 and B4: A5, C6, D5, A4 and B3.
  CHECK(value_at(*encoder, planes, plane::kLibertiesAfter + 4, "B5") == 1);

  // The suicide at G7 and occupied points have no move planes at all.
  for (int p = plane::kLibertiesAfter; p < plane::kSelfAtariSize + 8; ++p) {
    CHECK(value_at(*encoder, planes, p, "G7") == 0);
    CHECK(value_at(*encoder, planes, p, "C4") == 0);
  }
  // One liberties-after plane per legal move.
  int total = 0;
  for (int k = 0; k < 8; ++k) total += count_ones(*encoder, planes, plane::kLibertiesAfter + k);
  CHECK(total == 35);
}

TEST_CASE("alphago: a move forbidden by ko has no move planes") {
  GameState state = game_from_ascii(R"(
    . . . . .
    . X O . .
    X O . O .
    . X O . .
    . . . . .
  )");
  state.play(move_at(state, "C3"));  // takes B3; White may not retake at once
  auto encoder = make_encoder("alphago", 5);
  auto planes = encoder->encode(state);
  CHECK(value_at(*encoder, planes, plane::kEmpty, "B3") == 1);
  CHECK(value_at(*encoder, planes, plane::kSensibleness, "B3") == 0);
  for (int k = 0; k < 8; ++k) {
    CHECK(value_at(*encoder, planes, plane::kCaptureSize + k, "B3") == 0);
    CHECK(value_at(*encoder, planes, plane::kLibertiesAfter + k, "B3") == 0);
  }
}

TEST_CASE("alphago: ladder capture and ladder escape planes") {
  auto encoder = make_encoder("alphago", 9);
  const char* to_start = R"(
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . . . X . . . . .
    . . X O . . . . .
    . . X . . . . . .
    . . . . . . . . .
    . . . . . . %c . .
    . . . . . . . . .
  )";
  char working[512];
  char broken[512];
  std::snprintf(working, sizeof working, to_start, '.');
  std::snprintf(broken, sizeof broken, to_start, 'O');

  auto capture = encoder->encode(game_from_ascii(working, Color::kBlack));
  CHECK(marked(*encoder, capture, plane::kLadderCapture) == vertices({"E5"}));
  CHECK(count_ones(*encoder, capture, plane::kLadderEscape) == 0);
  auto no_capture = encoder->encode(game_from_ascii(broken, Color::kBlack));
  CHECK(count_ones(*encoder, no_capture, plane::kLadderCapture) == 0);

  // After Black E5, White is in atari: extending is an escape only past the breaker.
  GameState chased = game_from_ascii(working, Color::kBlack);
  chased.play(move_at(chased, "E5"));
  auto lost = encoder->encode(chased);
  CHECK(count_ones(*encoder, lost, plane::kLadderEscape) == 0);
  CHECK(count_ones(*encoder, lost, plane::kLadderCapture) == 0);
  GameState broken_chase = game_from_ascii(broken, Color::kBlack);
  broken_chase.play(move_at(broken_chase, "E5"));
  auto escapes = encoder->encode(broken_chase);
  CHECK(marked(*encoder, escapes, plane::kLadderEscape) == vertices({"D4"}));
}

TEST_CASE("alphago-value adds a plane that is all ones when Black is to move") {
  auto encoder = make_encoder("alphago-value", 5);
  REQUIRE(encoder->num_planes() == 49);
  GameState state = played_position();  // Black to move
  auto black = encoder->encode(state);
  CHECK(count_ones(*encoder, black, plane::kBlackToMove) == 25);
  state.play(Move::pass());
  auto white = encoder->encode(state);
  CHECK(count_ones(*encoder, white, plane::kBlackToMove) == 0);
  // The first 48 planes are the alphago encoder's.
  auto plain = make_encoder("alphago", 5)->encode(state);
  CHECK(std::equal(plain.begin(), plain.end(), white.begin()));
}
