// oneplane, sevenplane/betago, simple and zero: every plane checked point by point on diagrams.
#include "tests/catch.h"

#include "engine/ascii_board.h"
#include "engine/encoders/registry.h"
#include "tests/encoders/plane_support.h"

using namespace dlgo;
using namespace dlgo::test;

namespace {

// After Black C3 captures at B3, White to move may not retake at B3 (ko). The groups then have:
// White E1 1 liberty, C2 and C4 2, D3 3; Black C3 1, E2 2, A3, B2 and B4 3.
GameState ko_position(Rules rules = {}) {
  GameState state = game_from_ascii(R"(
    . . . . .
    . X O . .
    X O . O .
    . X O . X
    . . . . O
  )",
                                    Color::kBlack, rules);
  state.play(move_at(state, "C3"));
  return state;
}

// Lone stones with four liberties; Black to move.
GameState open_position(Rules rules = {}) {
  return game_from_ascii(R"(
    . . . . .
    . X . . .
    . . . . .
    . . . O .
    . . . . .
  )",
                         Color::kBlack, rules);
}

}  // namespace

TEST_CASE("oneplane stores own and opponent stones as two binary planes") {
  GameState state = game_from_ascii(R"(
    . . . . .
    . X O . .
    . X . . .
    . . O . .
    . . . . .
  )");
  auto encoder = make_encoder("oneplane", 5);
  CHECK(encoder->num_planes() == 2);
  CHECK(encoder->num_input_channels() == 1);
  auto planes = encoder->encode(state);
  CHECK(marked(*encoder, planes, 0) == vertices({"B4", "B3"}));
  CHECK(marked(*encoder, planes, 1) == vertices({"C4", "C2"}));

  state.set_next_player(Color::kWhite);
  planes = encoder->encode(state);
  CHECK(marked(*encoder, planes, 0) == vertices({"C4", "C2"}));
  CHECK(marked(*encoder, planes, 1) == vertices({"B4", "B3"}));
}

TEST_CASE("oneplane decodes to the original's +1 / -1 / 0 channel") {
  GameState state = game_from_ascii(R"(
    . . .
    X O .
    . . .
  )",
                                    Color::kWhite);
  auto encoder = make_encoder("oneplane", 3);
  auto planes = encoder->encode(state);
  std::vector<float> input(9, 99.0f);
  encoder->planes_to_input(planes.data(), input.data());
  const BoardSize size{3, 3};
  CHECK(input[*gtp_to_point(size, "B2")] == 1.0f);   // White's own stone
  CHECK(input[*gtp_to_point(size, "A2")] == -1.0f);  // the opponent's
  for (const char* empty : {"A1", "B1", "C1", "C2", "A3", "B3", "C3"}) {
    CHECK(input[*gtp_to_point(size, empty)] == 0.0f);
  }
}

TEST_CASE("sevenplane: liberties relative to the player to move, and the ko point") {
  auto encoder = make_encoder("sevenplane", 5);
  REQUIRE(encoder->num_planes() == 7);
  GameState state = ko_position();
  REQUIRE(state.next_player() == Color::kWhite);
  auto planes = encoder->encode(state);
  CHECK(marked(*encoder, planes, 0) == vertices({"E1"}));
  CHECK(marked(*encoder, planes, 1) == vertices({"C2", "C4"}));
  CHECK(marked(*encoder, planes, 2) == vertices({"D3"}));
  CHECK(marked(*encoder, planes, 3) == vertices({"C3"}));
  CHECK(marked(*encoder, planes, 4) == vertices({"E2"}));
  CHECK(marked(*encoder, planes, 5) == vertices({"A3", "B2", "B4"}));
  CHECK(marked(*encoder, planes, 6) == vertices({"B3"}));

  auto open = encoder->encode(open_position());
  CHECK(marked(*encoder, open, 2) == vertices({"B4"}));
  CHECK(marked(*encoder, open, 5) == vertices({"D2"}));
  for (int plane : {0, 1, 3, 4, 6}) CHECK(count_ones(*encoder, open, plane) == 0);
}

TEST_CASE("betago is sevenplane under another name") {
  auto betago = make_encoder("betago", 5);
  auto sevenplane = make_encoder("sevenplane", 5);
  CHECK(betago->name() == "betago");
  CHECK(betago->num_planes() == 7);
  CHECK(betago->encode(ko_position()) == sevenplane->encode(ko_position()));
}

TEST_CASE("the ko plane follows the ko rule in force and clears when the ko is gone") {
  auto encoder = make_encoder("sevenplane", 5);
  Rules simple_ko;
  simple_ko.ko_rule = KoRule::kSimple;
  CHECK(marked(*encoder, encoder->encode(ko_position(simple_ko)), 6) == vertices({"B3"}));

  GameState state = ko_position();
  state.play(move_at(state, "A5"));  // White plays elsewhere ...
  state.play(move_at(state, "E5"));  // ... and so does Black: B3 is now a legal retake
  REQUIRE(state.is_legal(move_at(state, "B3")));
  CHECK(count_ones(*encoder, encoder->encode(state), 6) == 0);
}

TEST_CASE("simple: liberties by absolute colour, whose turn, and ko") {
  auto encoder = make_encoder("simple", 5);
  REQUIRE(encoder->num_planes() == 11);
  auto planes = encoder->encode(ko_position());  // White to move
  CHECK(marked(*encoder, planes, 0) == vertices({"C3"}));
  CHECK(marked(*encoder, planes, 1) == vertices({"E2"}));
  CHECK(marked(*encoder, planes, 2) == vertices({"A3", "B2", "B4"}));
  CHECK(count_ones(*encoder, planes, 3) == 0);
  CHECK(marked(*encoder, planes, 4) == vertices({"E1"}));
  CHECK(marked(*encoder, planes, 5) == vertices({"C2", "C4"}));
  CHECK(marked(*encoder, planes, 6) == vertices({"D3"}));
  CHECK(count_ones(*encoder, planes, 7) == 0);
  CHECK(count_ones(*encoder, planes, 8) == 0);
  CHECK(count_ones(*encoder, planes, 9) == 25);
  CHECK(marked(*encoder, planes, 10) == vertices({"B3"}));

  auto open = encoder->encode(open_position());  // Black to move
  CHECK(marked(*encoder, open, 3) == vertices({"B4"}));
  CHECK(marked(*encoder, open, 7) == vertices({"D2"}));
  CHECK(count_ones(*encoder, open, 8) == 25);
  CHECK(count_ones(*encoder, open, 9) == 0);
  for (int plane : {0, 1, 2, 4, 5, 6, 10}) CHECK(count_ones(*encoder, open, plane) == 0);
}

TEST_CASE("zero: liberties relative to the player to move, komi planes and ko") {
  auto encoder = make_encoder("zero", 5);
  REQUIRE(encoder->num_planes() == 11);
  auto planes = encoder->encode(ko_position());  // White to move, komi 7.5: White gets komi
  CHECK(marked(*encoder, planes, 0) == vertices({"E1"}));
  CHECK(marked(*encoder, planes, 1) == vertices({"C2", "C4"}));
  CHECK(marked(*encoder, planes, 2) == vertices({"D3"}));
  CHECK(count_ones(*encoder, planes, 3) == 0);
  CHECK(marked(*encoder, planes, 4) == vertices({"C3"}));
  CHECK(marked(*encoder, planes, 5) == vertices({"E2"}));
  CHECK(marked(*encoder, planes, 6) == vertices({"A3", "B2", "B4"}));
  CHECK(count_ones(*encoder, planes, 7) == 0);
  CHECK(count_ones(*encoder, planes, 8) == 25);
  CHECK(count_ones(*encoder, planes, 9) == 0);
  CHECK(marked(*encoder, planes, 10) == vertices({"B3"}));

  auto open = encoder->encode(open_position());  // Black to move: the opponent gets komi
  CHECK(marked(*encoder, open, 3) == vertices({"B4"}));
  CHECK(marked(*encoder, open, 7) == vertices({"D2"}));
  CHECK(count_ones(*encoder, open, 8) == 0);
  CHECK(count_ones(*encoder, open, 9) == 25);

  Rules reverse_komi;
  reverse_komi.komi = -5.5;
  auto reversed = encoder->encode(open_position(reverse_komi));  // Black to move gets komi
  CHECK(count_ones(*encoder, reversed, 8) == 25);
  CHECK(count_ones(*encoder, reversed, 9) == 0);
}

TEST_CASE("a ko made by moves alone (no setup stones) is found") {
  GameState state = GameState::new_game(5);
  for (const char* move : {"B4", "C4", "A3", "D3", "B2", "C2", "E5", "B3", "C3"}) {
    state.play(move_at(state, move));
  }
  REQUIRE(state.prisoners(Color::kBlack) == 1);
  REQUIRE_FALSE(state.is_legal(move_at(state, "B3")));
  for (const char* name : {"sevenplane", "simple", "zero"}) {
    auto encoder = make_encoder(name, 5);
    const int ko_plane = encoder->num_planes() - 1;
    CHECK(marked(*encoder, encoder->encode(state), ko_plane) == vertices({"B3"}));
  }
}

TEST_CASE("a ko on the point of a captured handicap stone is found") {
  // Black's handicap stone B3 is taken by White C3 in a ko: B3 was never played, so only the
  // stone count shows that a setup stone has gone from it.
  GameState state = GameState::new_game(5);
  state.place_handicap({*gtp_to_point(state.size(), "B3")});
  for (const char* move : {"A3", "C4", "B4", "D3", "B2", "C2", "C3"}) {
    state.play(move_at(state, move));
  }
  REQUIRE(state.prisoners(Color::kWhite) == 1);
  REQUIRE(state.next_player() == Color::kBlack);
  REQUIRE_FALSE(state.is_legal(move_at(state, "B3")));
  auto encoder = make_encoder("sevenplane", 5);
  CHECK(marked(*encoder, encoder->encode(state), 6) == vertices({"B3"}));
}
