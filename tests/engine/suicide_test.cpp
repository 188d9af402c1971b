// Suicide: illegal by default, removes the mover's own group when the rules allow it, and a move
// without liberties of its own is no suicide when it captures.
#include "tests/catch.h"

#include <algorithm>

#include "engine/ascii_board.h"
#include "engine/game_state.h"
#include "tests/engine/diagram_support.h"

using namespace dlgo;
using namespace dlgo::test;

namespace {

Rules suicide_rules(KoRule ko_rule) {
  Rules rules;
  rules.suicide_allowed = true;
  rules.ko_rule = ko_rule;
  return rules;
}

bool contains(const std::vector<int>& points, int p) {
  return std::find(points.begin(), points.end(), p) != points.end();
}

constexpr const char* kSingleStoneSuicide = R"(
  . O . .
  O . O .
  . O . .
  . . . .
)";

constexpr const char* kTwoStoneSuicide = R"(
  . O O . .
  O X . O .
  . O O . .
  . . . . .
)";

}  // namespace

TEST_CASE("a single-stone suicide is illegal by default") {
  GameState state = game_from_ascii(kSingleStoneSuicide);
  CHECK_FALSE(is_legal(state, "B3"));
  CHECK_FALSE(state.board().is_legal_ignoring_ko(point(state, "B3"), Color::kBlack));
  CHECK_FALSE(contains(state.legal_points(), point(state, "B3")));
  CHECK_THROWS_AS(play(state, "B3"), IllegalMoveError);
  CHECK(stone_at(state, "B3") == Color::kEmpty);
  CHECK(state.next_player() == Color::kBlack);
  // White may of course fill its own eye.
  state.set_next_player(Color::kWhite);
  CHECK(is_legal(state, "B3"));
}

TEST_CASE("a multi-stone suicide is illegal by default") {
  GameState state = game_from_ascii(kTwoStoneSuicide);
  REQUIRE(state.board().liberties(point(state, "B3")) == 1);
  CHECK_FALSE(is_legal(state, "C3"));
  CHECK_FALSE(contains(state.legal_points(), point(state, "C3")));
  CHECK_THROWS_AS(play(state, "C3"), IllegalMoveError);
  CHECK(stone_at(state, "B3") == Color::kBlack);
  CHECK(stone_at(state, "C3") == Color::kEmpty);
}

TEST_CASE("with suicide allowed, a multi-stone suicide removes the mover's own group") {
  for (KoRule rule : {KoRule::kSimple, KoRule::kPositional, KoRule::kSituational}) {
    INFO("ko rule " << ko_rule_name(rule));
    GameState state = game_from_ascii(kTwoStoneSuicide, Color::kBlack, suicide_rules(rule));
    REQUIRE(is_legal(state, "C3"));
    CHECK(contains(state.legal_points(), point(state, "C3")));
    const std::uint64_t predicted = state.board().hash_after(point(state, "C3"), Color::kBlack);
    play(state, "C3");
    CHECK(diagram(state) == normalized(R"(
      . O O . .
      O . . O .
      . O O . .
      . . . . .
    )"));
    CHECK(state.board().hash() == predicted);
    CHECK(state.board().stone_count(Color::kBlack) == 0);
    CHECK(state.prisoners(Color::kBlack) == 0);
    CHECK(state.next_player() == Color::kWhite);
    // The White stones around got their liberties back.
    CHECK(state.board().liberties(point(state, "B4")) == 4);
    CHECK(state.board().liberties(point(state, "A3")) == 3);
  }
}

TEST_CASE("with suicide allowed, a single-stone suicide is legal unless superko forbids it") {
  SECTION("simple ko: the stone vanishes and the turn passes") {
    GameState state =
        game_from_ascii(kSingleStoneSuicide, Color::kBlack, suicide_rules(KoRule::kSimple));
    const Board before = state.board();
    REQUIRE(is_legal(state, "B3"));
    play(state, "B3");
    CHECK(state.board() == before);
    CHECK(state.next_player() == Color::kWhite);
    CHECK(state.moves().back() == move(state, "B3"));
    CHECK_FALSE(state.is_over());
  }
  SECTION("superko: the position after it is the position before it, a repetition") {
    for (KoRule rule : {KoRule::kPositional, KoRule::kSituational}) {
      INFO("ko rule " << ko_rule_name(rule));
      GameState state = game_from_ascii(kSingleStoneSuicide, Color::kBlack, suicide_rules(rule));
      CHECK(state.board().is_legal_ignoring_ko(point(state, "B3"), Color::kBlack, true));
      if (rule == KoRule::kPositional) {
        CHECK_FALSE(is_legal(state, "B3"));
        CHECK(state.violates_ko(point(state, "B3")));
      } else {
        // Situational: the same stones with White to move have not occurred yet.
        CHECK(is_legal(state, "B3"));
      }
    }
  }
}

TEST_CASE("a move without liberties of its own that captures is legal") {
  SECTION("taking a ko") {
    GameState state = game_from_ascii(R"(
      . X O .
      X O . O
      . X O .
    )");
    REQUIRE(state.board().liberties(point(state, "B2")) == 1);
    CHECK(is_legal(state, "C2"));
    play(state, "C2");
    CHECK(stone_at(state, "B2") == Color::kEmpty);
    CHECK(state.board().liberties(point(state, "C2")) == 1);
  }
  SECTION("playing inside the opponent's only eye when the surrounding group is in atari") {
    GameState state = game_from_ascii(R"(
      X X X .
      O O X .
      . O X .
      O O X .
    )");
    REQUIRE(state.board().liberties(point(state, "A1")) == 1);
    REQUIRE(state.board().group_size(point(state, "A1")) == 5);
    CHECK(is_legal(state, "A2"));
    play(state, "A2");
    CHECK(state.prisoners(Color::kBlack) == 5);
    CHECK(state.board().stone_count(Color::kWhite) == 0);
    CHECK(state.board().liberties(point(state, "A2")) == 3);  // A3, B2 and A1 are free again
  }
  SECTION("a stone among four groups in atari captures all four") {
    GameState state = game_from_ascii(R"(
      . O X O .
      O X . X O
      . O X O .
      . . O . .
    )");
    // Each of Black's four stones has C3 as its last liberty, so Black at C3 joins them into
    // a group without liberties that captures nothing: suicide.
    CHECK_FALSE(is_legal(state, "C3"));
    state.set_next_player(Color::kWhite);
    // White at C3 takes B3, D3, C4 and C2 at once (each had C3 as its last liberty).
    REQUIRE(is_legal(state, "C3"));
    play(state, "C3");
    CHECK(state.prisoners(Color::kWhite) == 4);
    CHECK(state.board().stone_count(Color::kBlack) == 0);
  }
}
