// Captures, liberties and the incremental bookkeeping of Board, on diagram positions.
#include "tests/catch.h"

#include "engine/ascii_board.h"
#include "engine/game_state.h"
#include "tests/engine/diagram_support.h"

using namespace dlgo;
using namespace dlgo::test;

TEST_CASE("a single stone in atari in the centre is captured") {
  GameState state = game_from_ascii(R"(
    . X .
    X O .
    . X .
  )");
  REQUIRE(state.board().liberties(point(state, "B2")) == 1);
  play(state, "C2");
  CHECK(diagram(state) == normalized(R"(
    . X .
    X . X
    . X .
  )"));
  CHECK(state.prisoners(Color::kBlack) == 1);
  CHECK(state.prisoners(Color::kWhite) == 0);
  CHECK(state.board().stone_count(Color::kWhite) == 0);
  CHECK(state.board().stone_count(Color::kBlack) == 4);
  // The emptied point is a liberty again of every stone that touched it.
  CHECK(state.board().liberties(point(state, "C2")) == 3);
  CHECK(state.board().liberties(point(state, "B3")) == 3);
}

TEST_CASE("a multi-stone group is captured whole") {
  GameState state = game_from_ascii(R"(
    . X X .
    X O O .
    . X X .
    . . . .
  )");
  REQUIRE(state.board().group_size(point(state, "B3")) == 2);
  REQUIRE(state.board().liberties(point(state, "C3")) == 1);
  play(state, "D3");
  CHECK(diagram(state) == normalized(R"(
    . X X .
    X . . X
    . X X .
    . . . .
  )"));
  CHECK(state.prisoners(Color::kBlack) == 2);
  CHECK(state.board().liberties(point(state, "A3")) == 3);
  CHECK(state.board().liberties(point(state, "B4")) == 4);  // A4, D4 and the freed B3, C3
  CHECK(state.board().group_size(point(state, "B4")) == 2);
}

TEST_CASE("a group touching the capturing stone on two sides is captured once") {
  GameState state = game_from_ascii(R"(
    . X X .
    X O O X
    X O . X
    . X X .
  )");
  REQUIRE(state.board().group_size(point(state, "B2")) == 3);
  REQUIRE(state.board().liberties(point(state, "B2")) == 1);
  play(state, "C2");
  CHECK(state.prisoners(Color::kBlack) == 3);
  CHECK(state.board().stone_count(Color::kWhite) == 0);
  // C2 joined D2-D3 and B1-C1: the freed B2 and C3 plus D4, A1, D1.
  CHECK(state.board().group_size(point(state, "C2")) == 5);
  CHECK(state.board().liberties(point(state, "C2")) == 5);
}

TEST_CASE("captures on the edge and in the corner") {
  SECTION("corner stone") {
    GameState state = game_from_ascii(R"(
      . . . . .
      . . . . .
      . . . . .
      X . . . .
      O . . . .
    )");
    play(state, "B1");
    CHECK(stone_at(state, "A1") == Color::kEmpty);
    CHECK(state.prisoners(Color::kBlack) == 1);
    CHECK(state.board().liberties(point(state, "A2")) == 3);
  }
  SECTION("two stones on the bottom edge") {
    GameState state = game_from_ascii(R"(
      . . . . .
      . . . . .
      . . . . .
      . X X . .
      X O O . .
    )");
    play(state, "D1");
    CHECK(diagram(state) == normalized(R"(
      . . . . .
      . . . . .
      . . . . .
      . X X . .
      X . . X .
    )"));
    CHECK(state.prisoners(Color::kBlack) == 2);
    CHECK(state.board().liberties(point(state, "D1")) == 3);
  }
  SECTION("top-right corner of a non-square board") {
    GameState state = game_from_ascii(R"(
      . . . . X O
      . . . . . .
      . . . . . .
    )");
    play(state, "F2");
    CHECK(stone_at(state, "F3") == Color::kEmpty);
    CHECK(state.prisoners(Color::kBlack) == 1);
    CHECK(state.board().liberties(point(state, "F2")) == 3);
  }
  SECTION("right edge, two stones, White capturing") {
    GameState state = game_from_ascii(R"(
      . . . . .
      . . . . O
      . . . O X
      . . . O X
      . . . . .
    )",
                                      Color::kWhite);
    play(state, "E1");
    CHECK(stone_at(state, "E2") == Color::kEmpty);
    CHECK(stone_at(state, "E3") == Color::kEmpty);
    CHECK(state.prisoners(Color::kWhite) == 2);
    CHECK(state.board().liberties(point(state, "E1")) == 2);
  }
}

TEST_CASE("one stone captures two separate groups at once") {
  GameState state = game_from_ascii(R"(
    . X . X .
    X O . O X
    . X . X .
  )");
  play(state, "C2");
  CHECK(diagram(state) == normalized(R"(
    . X . X .
    X . X . X
    . X . X .
  )"));
  CHECK(state.prisoners(Color::kBlack) == 2);
  CHECK(state.board().liberties(point(state, "C2")) == 4);
  CHECK(state.board().liberties(point(state, "B3")) == 3);
}

TEST_CASE("prisoners accumulate for each colour over a game") {
  GameState state = game_from_ascii(R"(
    . X . . . O .
    X O . . O X .
    . X . . . O .
    O O X . . . .
  )");
  play(state, "C3");  // Black takes B3
  play(state, "G3");  // White takes F3
  play(state, "A2");  // Black takes A1 and B1
  CHECK(state.prisoners(Color::kBlack) == 3);
  CHECK(state.prisoners(Color::kWhite) == 1);
  CHECK(state.board().stone_count(Color::kWhite) == 4);
  CHECK(state.board().stone_count(Color::kBlack) == 6);
}

TEST_CASE("liberties are counted once per group however many stones touch them") {
  GameState state = game_from_ascii(R"(
    X X . . .
    X . X . .
    . X X . O
    . . . O .
    O . . . .
  )");
  const Board& board = state.board();
  CHECK(board.group_size(point(state, "A5")) == 3);
  CHECK(board.liberties(point(state, "A5")) == 3);  // B4, A3, C5
  CHECK(board.group_size(point(state, "C4")) == 3);
  CHECK(board.liberties(point(state, "C4")) == 7);
  CHECK(board.liberties(point(state, "E3")) == 3);
  CHECK(board.liberties(point(state, "A1")) == 2);
  CHECK(board.liberties(point(state, "B4")) == 0);  // empty
  CHECK(board.group_size(point(state, "B4")) == 0);
  // Joining the groups at B4 merges three liberty sets that overlap.
  play(state, "B4");
  CHECK(board.group_size(point(state, "A5")) == 7);
  CHECK(board.liberties(point(state, "C4")) == 6);
}

TEST_CASE("snapback: the throw-in is taken, then the capturing group is taken back bigger") {
  for (KoRule rule : {KoRule::kSimple, KoRule::kPositional, KoRule::kSituational}) {
    INFO("ko rule " << ko_rule_name(rule));
    Rules rules;
    rules.ko_rule = rule;
    GameState state = game_from_ascii(R"(
      . X X X X .
      X O O O O X
      X O . . O X
    )",
                                      Color::kBlack, rules);
    // White's group has two liberties (C1, D1); Black throws in at C1.
    REQUIRE(state.board().liberties(point(state, "B2")) == 2);
    play(state, "C1");
    CHECK(state.board().liberties(point(state, "B2")) == 1);
    CHECK(state.board().liberties(point(state, "C1")) == 1);
    play(state, "D1");  // White captures the single stone...
    CHECK(stone_at(state, "C1") == Color::kEmpty);
    CHECK(state.prisoners(Color::kWhite) == 1);
    CHECK(state.board().liberties(point(state, "D1")) == 1);  // ...and is left in atari at C1.
    // Retaking at C1 at once is no ko: it captures seven stones, not one.
    REQUIRE(is_legal(state, "C1"));
    play(state, "C1");
    CHECK(diagram(state) == normalized(R"(
      . X X X X .
      X . . . . X
      X . X . . X
    )"));
    CHECK(state.prisoners(Color::kBlack) == 7);
    CHECK(state.prisoners(Color::kWhite) == 1);
  }
}

TEST_CASE("the incremental hash equals the hash of the same position set up from scratch") {
  GameState state = game_from_ascii(R"(
    . X . X .
    X O . O X
    . X . X .
  )");
  const int c2 = point(state, "C2");
  const std::uint64_t predicted = state.board().hash_after(c2, Color::kBlack);
  play(state, "C2");
  CHECK(state.board().hash() == predicted);
  GameState fresh = game_from_ascii(R"(
    . X . X .
    X . X . X
    . X . X .
  )");
  CHECK(state.board().hash() == fresh.board().hash());
  CHECK(state.board() == fresh.board());
  CHECK(state.board().hash() != game_from_ascii(". X . X .\nX O . O X\n. X . X .").board().hash());
}

TEST_CASE("clear_point empties a point and rebuilds the groups around it") {
  GameState state = game_from_ascii(R"(
    X X X
    . . .
    . . .
  )");
  Board board = state.board();
  board.clear_point(point(state, "B3"));
  CHECK(board.at(point(state, "B3")) == Color::kEmpty);
  CHECK(board.group_size(point(state, "A3")) == 1);
  CHECK(board.liberties(point(state, "A3")) == 2);
  CHECK(board.liberties(point(state, "C3")) == 2);
  CHECK(board.stone_count(Color::kBlack) == 2);
  CHECK(board.empty_count() == 7);
  CHECK(board.hash() == game_from_ascii("X . X\n. . .\n. . .").board().hash());
}
