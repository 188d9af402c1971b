// Handicap stones: the fixed placements of the GTP specification, errors for counts a board
// cannot take, free placement, and White moving first afterwards.
#include "tests/catch.h"

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "engine/game_state.h"
#include "engine/handicap.h"
#include "tests/engine/diagram_support.h"

using namespace dlgo;
using namespace dlgo::test;

namespace {

// The vertices of a placement, sorted, so that the order of the list does not matter.
std::vector<std::string> vertices(BoardSize size, const std::vector<int>& points) {
  std::vector<std::string> result;
  for (int p : points) result.push_back(point_to_gtp(size, p));
  std::sort(result.begin(), result.end());
  return result;
}

std::vector<std::string> sorted_words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  std::sort(words.begin(), words.end());
  return words;
}

void check_fixed(int side, int stones, const std::string& expected) {
  BoardSize size{side, side};
  HandicapPlacement placement = fixed_handicap_points(size, stones);
  INFO(side << "x" << side << ", " << stones << " stones");
  CHECK(placement.error.empty());
  CHECK(vertices(size, placement.points) == sorted_words(expected));
}

}  // namespace

TEST_CASE("fixed handicap on 19x19 follows the GTP specification") {
  check_fixed(19, 2, "D4 Q16");
  check_fixed(19, 3, "D4 Q16 D16");
  check_fixed(19, 4, "D4 Q16 D16 Q4");
  check_fixed(19, 5, "D4 Q16 D16 Q4 K10");
  check_fixed(19, 6, "D4 Q16 D16 Q4 D10 Q10");
  check_fixed(19, 7, "D4 Q16 D16 Q4 D10 Q10 K10");
  check_fixed(19, 8, "D4 Q16 D16 Q4 D10 Q10 K4 K16");
  check_fixed(19, 9, "D4 Q16 D16 Q4 D10 Q10 K4 K16 K10");
  CHECK(max_fixed_handicap({19, 19}) == 9);
}

TEST_CASE("fixed handicap on 13x13 uses the 4-4 points") {
  check_fixed(13, 2, "D4 K10");
  check_fixed(13, 3, "D4 K10 D10");
  check_fixed(13, 4, "D4 K10 D10 K4");
  check_fixed(13, 5, "D4 K10 D10 K4 G7");
  check_fixed(13, 6, "D4 K10 D10 K4 D7 K7");
  check_fixed(13, 7, "D4 K10 D10 K4 D7 K7 G7");
  check_fixed(13, 8, "D4 K10 D10 K4 D7 K7 G4 G10");
  check_fixed(13, 9, "D4 K10 D10 K4 D7 K7 G4 G10 G7");
}

TEST_CASE("fixed handicap on 9x9 uses the 3-3 points") {
  check_fixed(9, 2, "C3 G7");
  check_fixed(9, 3, "C3 G7 C7");
  check_fixed(9, 4, "C3 G7 C7 G3");
  check_fixed(9, 5, "C3 G7 C7 G3 E5");
  check_fixed(9, 6, "C3 G7 C7 G3 C5 G5");
  check_fixed(9, 7, "C3 G7 C7 G3 C5 G5 E5");
  check_fixed(9, 8, "C3 G7 C7 G3 C5 G5 E3 E7");
  check_fixed(9, 9, "C3 G7 C7 G3 C5 G5 E3 E7 E5");
}

TEST_CASE("fixed handicap rejects counts the board cannot take, naming them") {
  struct Case {
    BoardSize size;
    int stones;
  };
  for (Case bad : {Case{{19, 19}, 1}, Case{{19, 19}, 0}, Case{{19, 19}, -3}, Case{{19, 19}, 10},
                   Case{{9, 9}, 10}, Case{{8, 8}, 5}, Case{{7, 7}, 5}}) {
    INFO(bad.size.width << "x" << bad.size.height << ", " << bad.stones << " stones");
    HandicapPlacement placement = fixed_handicap_points(bad.size, bad.stones);
    CHECK(placement.points.empty());
    CHECK_THAT(placement.error, Catch::Contains(std::to_string(bad.stones)));
    CHECK_THAT(placement.error, Catch::Contains(std::to_string(bad.size.width) + "x"));
  }
  CHECK(max_fixed_handicap({8, 8}) == 4);
  check_fixed(8, 4, "C3 F6 C6 F3");
  for (BoardSize none : {BoardSize{5, 5}, BoardSize{6, 6}, BoardSize{13, 9}}) {
    INFO(none.width << "x" << none.height);
    CHECK(max_fixed_handicap(none) == 0);
    HandicapPlacement placement = fixed_handicap_points(none, 2);
    CHECK(placement.points.empty());
    CHECK_THAT(placement.error, Catch::Contains("no fixed handicap"));
  }
}

TEST_CASE("after handicap stones White moves first") {
  GameState state = GameState::new_game(19);
  HandicapPlacement placement = fixed_handicap_points(state.size(), 4);
  REQUIRE(placement.error.empty());
  state.place_handicap(placement.points);
  CHECK(state.next_player() == Color::kWhite);
  CHECK(state.board().stone_count(Color::kBlack) == 4);
  CHECK(state.moves().empty());
  for (const char* vertex : {"D4", "Q16", "D16", "Q4"}) {
    CHECK(stone_at(state, vertex) == Color::kBlack);
    CHECK(state.move_index_of_stone(point(state, vertex)) == -1);
  }
  CHECK_FALSE(is_legal(state, "D4"));
  play(state, "K10");
  CHECK(stone_at(state, "K10") == Color::kWhite);
  CHECK(state.next_player() == Color::kBlack);
  CHECK(state.move_index_of_stone(point(state, "K10")) == 0);
}

TEST_CASE("free handicap placement takes any points before the first move") {
  GameState state = GameState::new_game(9);
  state.place_handicap({point(state, "A1"), point(state, "J9"), point(state, "E4")});
  CHECK(state.next_player() == Color::kWhite);
  CHECK(state.board().stone_count(Color::kBlack) == 3);
  CHECK(stone_at(state, "J9") == Color::kBlack);
  CHECK(state.board().liberties(point(state, "A1")) == 2);

  SECTION("an occupied point is an error naming it") {
    GameState twice = GameState::new_game(9);
    try {
      twice.place_handicap({point(twice, "C3"), point(twice, "C3")});
      FAIL("no error for a point given twice");
    } catch (const IllegalMoveError& error) {
      CHECK_THAT(error.what(), Catch::Contains("C3"));
    }
  }
  SECTION("an off-board point is an error") {
    GameState off = GameState::new_game(9);
    CHECK_THROWS_AS(off.place_handicap({81}), IllegalMoveError);
    CHECK_THROWS_AS(off.place_handicap({-1}), IllegalMoveError);
  }
  SECTION("handicap after the first move is an error") {
    play(state, "D5");
    CHECK_THROWS_AS(state.place_handicap({point(state, "C3")}), IllegalMoveError);
  }
  SECTION("no stones leave Black to move") {
    GameState none = GameState::new_game(9);
    none.place_handicap({});
    CHECK(none.next_player() == Color::kBlack);
  }
}
