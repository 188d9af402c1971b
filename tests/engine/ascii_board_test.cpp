// The diagram parser and printer that the other engine tests stand on.
#include "tests/catch.h"

#include <cctype>
#include <sstream>
#include <stdexcept>
#include <string>

#include "engine/ascii_board.h"
#include "engine/rng.h"
#include "tests/engine/diagram_support.h"

using namespace dlgo;
using namespace dlgo::test;

namespace {

std::string parse_error(std::string_view diagram) {
  try {
    game_from_ascii(diagram);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  FAIL("no error for diagram:\n" << diagram);
  return "";
}

// board_to_ascii's output without the coordinates around it, which the parser does not read.
std::string strip_coordinates(const std::string& printed) {
  std::istringstream lines(printed);
  std::string result;
  std::string line;
  std::getline(lines, line);  // column letters
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string first;
    words >> first;
    if (first.empty() || !std::isdigit(static_cast<unsigned char>(first[0]))) break;
    std::string word;
    std::string row;
    while (words >> word) {
      if (std::isdigit(static_cast<unsigned char>(word[0]))) break;  // the rank again
      row += word;
    }
    result += row + "\n";
  }
  return result;
}

}  // namespace

TEST_CASE("the first diagram line is the top row, X is Black and O is White") {
  GameState state = game_from_ascii(R"(
    X . .
    . . .
    . . O
  )");
  CHECK(state.size() == BoardSize{3, 3});
  CHECK(stone_at(state, "A3") == Color::kBlack);
  CHECK(stone_at(state, "C1") == Color::kWhite);
  CHECK(state.board().stone_count(Color::kBlack) == 1);
  CHECK(state.board().stone_count(Color::kWhite) == 1);
  CHECK(state.next_player() == Color::kBlack);
  CHECK(state.moves().empty());
  CHECK(state.move_index_of_stone(point(state, "A3")) == -1);
}

TEST_CASE("alternative symbols, spacing and non-square boards") {
  GameState state = game_from_ascii("B+W#o\n\n x.+..\r\n", Color::kWhite);
  CHECK(state.size() == BoardSize{5, 2});
  CHECK(state.next_player() == Color::kWhite);
  CHECK(diagram(state) == normalized("X.OXO\nX...."));
}

TEST_CASE("diagram errors name the line and what is wrong") {
  SECTION("ragged rows") {
    std::string message = parse_error(". . .\n. .\n. . .");
    CHECK_THAT(message, Catch::Contains("line 2"));
    CHECK_THAT(message, Catch::Contains("2 points, expected 3"));
  }
  SECTION("a longer row after blank lines") {
    std::string message = parse_error("\n. . .\n\n. . . .\n");
    CHECK_THAT(message, Catch::Contains("line 4"));
  }
  SECTION("a bad character") {
    std::string message = parse_error(". . .\n. Z .\n. . .");
    CHECK_THAT(message, Catch::Contains("line 2"));
    CHECK_THAT(message, Catch::Contains("'Z'"));
    CHECK_THAT(parse_error("..1\n...\n..."), Catch::Contains("'1'"));
  }
  SECTION("no rows at all") {
    CHECK_THAT(parse_error(""), Catch::Contains("no rows"));
    CHECK_THAT(parse_error("  \n\n  "), Catch::Contains("no rows"));
  }
  SECTION("a board size the engine cannot hold") {
    CHECK_THAT(parse_error("X\n.\n."), Catch::Contains("1x3"));
    CHECK_THAT(parse_error(std::string(26, '.')), Catch::Contains("26x1"));
  }
  SECTION("a group without liberties") {
    std::string message = parse_error(R"(
      X O .
      O . .
      . . .
    )");
    CHECK_THAT(message, Catch::Contains("A3"));
    CHECK_THAT(message, Catch::Contains("line 2"));
    CHECK_THAT(message, Catch::Contains("no liberties"));
    CHECK_THAT(parse_error("OOO\nOOO"), Catch::Contains("no liberties"));
  }
}

TEST_CASE("board_to_ascii prints coordinates around the rows") {
  GameState state = game_from_ascii(R"(
    . X .
    . . O
  )");
  CHECK(board_to_ascii(state.board()) ==
        "    A B C\n"
        "  2 . X . 2\n"
        "  1 . . O 1\n"
        "    A B C\n");
  GameState big = GameState::new_game(19);
  std::string printed = board_to_ascii(big.board());
  CHECK_THAT(printed, Catch::StartsWith("    A B C D E F G H J K L M N O P Q R S T\n 19 ."));
}

TEST_CASE("board_to_ascii and game_from_ascii round-trip random positions") {
  Rng rng(2024);
  for (BoardSize size :
       {BoardSize{2, 2}, BoardSize{5, 5}, BoardSize{9, 7}, BoardSize{19, 19}, BoardSize{25, 25}}) {
    for (int trial = 0; trial < 5; ++trial) {
      GameState state(size);
      for (int i = 0; i < size.num_points() * 2 && !state.is_over(); ++i) {
        std::vector<int> legal = state.legal_points();
        if (legal.empty()) break;
        state.play(Move::play(legal[rng.below(static_cast<std::uint32_t>(legal.size()))]));
      }
      std::string printed = board_to_ascii(state.board());
      GameState parsed = game_from_ascii(strip_coordinates(printed));
      INFO(printed);
      CHECK(parsed.board() == state.board());
      CHECK(board_to_ascii(parsed.board()) == printed);
    }
  }
}
