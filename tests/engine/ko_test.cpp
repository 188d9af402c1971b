// Ko under the three rules: simple ko, positional superko and situational superko.
#include "tests/catch.h"

#include <string>

#include "engine/ascii_board.h"
#include "engine/game_state.h"
#include "tests/engine/diagram_support.h"

using namespace dlgo;
using namespace dlgo::test;

namespace {

constexpr KoRule kAllKoRules[] = {KoRule::kSimple, KoRule::kPositional, KoRule::kSituational};

Rules with_ko_rule(KoRule rule) {
  Rules rules;
  rules.ko_rule = rule;
  return rules;
}

// Black can take the ko at C3 (capturing B3); White could then retake at B3.
constexpr const char* kSimpleKo = R"(
  . . . . . .
  . X O . . .
  X O . O . .
  . X O . . .
  . . . . . .
)";

// Three kos. Black can take at C8 (top left) and H7 (top right); White can take at C3 (bottom
// left). Taking them in turn, each side always has a ko to take that is not an immediate
// retake, and six captures later the starting position is back: the cycle of a triple ko.
constexpr const char* kTripleKo = R"(
  . X O . . . . . .
  X O . O . . X O .
  . X O . . X O . O
  . . . . . . X O .
  . . . . . . . . .
  . O X . . . . . .
  O X . X . . . . .
  . O X . . . . . .
  . . . . . . . . .
)";

// Two kos: Black can take at C8, White at C3 (the left half of kTripleKo).
constexpr const char* kTwoKos = R"(
  . X O . . . . . .
  X O . O . . . . .
  . X O . . . . . .
  . . . . . . . . .
  . . . . . . . . .
  . O X . . . . . .
  O X . X . . . . .
  . O X . . . . . .
  . . . . . . . . .
)";

}  // namespace

TEST_CASE("ko rule names parse and print") {
  for (KoRule rule : kAllKoRules) CHECK(parse_ko_rule(ko_rule_name(rule)) == rule);
  CHECK(parse_ko_rule("psk") == KoRule::kPositional);
  CHECK(parse_ko_rule("ssk") == KoRule::kSituational);
  CHECK_FALSE(parse_ko_rule("japanese"));
  CHECK(Rules{}.ko_rule == KoRule::kPositional);
}

TEST_CASE("simple ko: the immediate retake is forbidden under every ko rule") {
  for (KoRule rule : kAllKoRules) {
    INFO("ko rule " << ko_rule_name(rule));
    GameState state = game_from_ascii(kSimpleKo, Color::kBlack, with_ko_rule(rule));
    play(state, "C3");
    REQUIRE(stone_at(state, "B3") == Color::kEmpty);
    REQUIRE(state.prisoners(Color::kBlack) == 1);
    // B3 has a White stone's liberties and captures C3: legal but for ko.
    CHECK(state.board().is_legal_ignoring_ko(point(state, "B3"), Color::kWhite));
    CHECK(state.violates_ko(point(state, "B3")));
    CHECK_FALSE(is_legal(state, "B3"));
    CHECK_THROWS_AS(play(state, "B3"), IllegalMoveError);
    CHECK(state.next_player() == Color::kWhite);
    CHECK(stone_at(state, "C3") == Color::kBlack);
  }
}

TEST_CASE("simple ko: the retake is allowed after a move elsewhere") {
  for (KoRule rule : kAllKoRules) {
    INFO("ko rule " << ko_rule_name(rule));
    GameState state = game_from_ascii(kSimpleKo, Color::kBlack, with_ko_rule(rule));
    play(state, "C3");
    play(state, "F1");                                   // White's ko threat
    CHECK_FALSE(state.violates_ko(point(state, "B3")));  // no ko for Black to worry about
    play(state, "F2");                                   // Black answers instead of filling the ko
    REQUIRE(is_legal(state, "B3"));
    play(state, "B3");
    CHECK(stone_at(state, "C3") == Color::kEmpty);
    CHECK(state.prisoners(Color::kWhite) == 1);
    // And now Black may not retake at once.
    CHECK_FALSE(is_legal(state, "C3"));
  }
}

TEST_CASE("simple ko: a pass also lifts the ban, since the position is no longer a repeat") {
  for (KoRule rule : kAllKoRules) {
    INFO("ko rule " << ko_rule_name(rule));
    GameState state = game_from_ascii(kSimpleKo, Color::kBlack, with_ko_rule(rule));
    play(state, "C3");
    play(state, "F1");
    play(state, "pass");
    // Under superko the retake makes the position with F1 added: new, so legal everywhere.
    CHECK(is_legal(state, "B3"));
  }
}

TEST_CASE("a triple ko cycles forever under simple ko and is stopped by superko") {
  const char* cycle[] = {"C8", "C3", "H7", "B8", "B3"};  // five captures, each legal
  for (KoRule rule : kAllKoRules) {
    INFO("ko rule " << ko_rule_name(rule));
    GameState state = game_from_ascii(kTripleKo, Color::kBlack, with_ko_rule(rule));
    const Board start = state.board();
    int captured = 0;
    for (const char* vertex : cycle) {
      INFO("move " << vertex);
      REQUIRE(is_legal(state, vertex));
      play(state, vertex);
      CHECK(state.prisoners(Color::kBlack) + state.prisoners(Color::kWhite) == ++captured);
    }
    // White's retake at G7 would take H7 and bring back the starting position, Black to move.
    CHECK(state.board().is_legal_ignoring_ko(point(state, "G7"), Color::kWhite));
    CHECK(state.board().hash_after(point(state, "G7"), Color::kWhite) == start.hash());
    if (rule == KoRule::kSimple) {
      CHECK(is_legal(state, "G7"));
      play(state, "G7");
      CHECK(state.board() == start);
      CHECK(state.next_player() == Color::kBlack);
      CHECK(is_legal(state, "C8"));  // round and round
    } else {
      CHECK_FALSE(is_legal(state, "G7"));
      CHECK_THROWS_AS(play(state, "G7"), IllegalMoveError);
      // Only the repeat is banned; White can play elsewhere.
      CHECK(is_legal(state, "E5"));
    }
  }
}

TEST_CASE("situational and positional superko differ when a pass changes who is to move") {
  // Black takes the top ko, White the bottom one, Black passes, White retakes the top ko.
  // Black's retake of the bottom ko then brings back the starting stones, but with White to
  // move where the start had Black to move.
  for (KoRule rule : kAllKoRules) {
    INFO("ko rule " << ko_rule_name(rule));
    GameState state = game_from_ascii(kTwoKos, Color::kBlack, with_ko_rule(rule));
    const Board start = state.board();
    for (const char* text : {"C8", "C3", "pass", "B8"}) {
      INFO("move " << text);
      REQUIRE(is_legal(state, text));
      play(state, text);
    }
    REQUIRE(state.board().hash_after(point(state, "B3"), Color::kBlack) == start.hash());
    // Simple ko: not an immediate retake. Positional: the stones repeat. Situational: the
    // situation does not, since the player to move differs.
    const bool legal = is_legal(state, "B3");
    CHECK(legal == (rule != KoRule::kPositional));
    if (legal) {
      play(state, "B3");
      CHECK(state.board() == start);
      CHECK(state.next_player() == Color::kWhite);
    }
  }
}

TEST_CASE("situational superko counts the diagram's player to move in the starting situation") {
  // Black holds the ko and White is to move. White retakes; Black's immediate retake would
  // bring back the diagram with White to move, the game's starting situation.
  GameState state = game_from_ascii(R"(
    . . . . . .
    . X O . . .
    X . X O . .
    . X O . . .
    . . . . . .
  )",
                                    Color::kWhite, with_ko_rule(KoRule::kSituational));
  play(state, "B3");
  CHECK(state.prisoners(Color::kWhite) == 1);
  CHECK_FALSE(is_legal(state, "C3"));
  CHECK(is_legal(state, "F1"));
}

TEST_CASE("the stones of a diagram count as one starting position, not one per stone") {
  // Black takes two, White takes one back: the result equals the diagram minus its last stone
  // (C1), a position that never occurred in the game.
  for (KoRule rule : kAllKoRules) {
    INFO("ko rule " << ko_rule_name(rule));
    GameState state = game_from_ascii(R"(
      . . .
      O X X
      . O O
    )",
                                      Color::kBlack, with_ko_rule(rule));
    play(state, "A1");
    CHECK(state.prisoners(Color::kBlack) == 2);
    CHECK(is_legal(state, "B1"));
    play(state, "B1");
    CHECK(diagram(state) == normalized(R"(
      . . .
      O X X
      . O .
    )"));
  }
}
