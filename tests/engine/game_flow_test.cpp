// Turn order, passes, resignation, the end of the game, and the errors play() gives.
#include "tests/catch.h"

#include <string>

#include "engine/ascii_board.h"
#include "engine/game_state.h"
#include "tests/engine/diagram_support.h"

using namespace dlgo;
using namespace dlgo::test;

namespace {

// The message of the IllegalMoveError that playing `text` throws; fails if nothing is thrown.
std::string illegal_move_message(GameState& state, Move m) {
  try {
    state.play(m);
  } catch (const IllegalMoveError& error) {
    return error.what();
  }
  FAIL("no IllegalMoveError for " << move_to_gtp(state.size(), m));
  return "";
}

}  // namespace

TEST_CASE("players alternate and the moves are recorded") {
  GameState state = GameState::new_game(9);
  CHECK(state.next_player() == Color::kBlack);
  CHECK_FALSE(state.last_move());
  play(state, "E5");
  CHECK(state.next_player() == Color::kWhite);
  play(state, "pass");
  CHECK(state.next_player() == Color::kBlack);
  play(state, "D4");
  REQUIRE(state.moves().size() == 3);
  CHECK(state.moves()[0] == move(state, "E5"));
  CHECK(state.moves()[1] == Move::pass());
  CHECK(state.last_move() == move(state, "D4"));
  CHECK(state.move_index_of_stone(point(state, "E5")) == 0);
  CHECK(state.move_index_of_stone(point(state, "D4")) == 2);
}

TEST_CASE("two consecutive passes end the game, and a move in between resets the count") {
  GameState state = GameState::new_game(5);
  play(state, "pass");
  CHECK(state.consecutive_passes() == 1);
  CHECK_FALSE(state.is_over());
  play(state, "C3");
  CHECK(state.consecutive_passes() == 0);
  play(state, "pass");
  CHECK_FALSE(state.is_over());
  play(state, "B2");
  play(state, "pass");
  CHECK_FALSE(state.is_over());
  play(state, "pass");
  CHECK(state.consecutive_passes() == 2);
  CHECK(state.is_over());
  CHECK_FALSE(state.resigned());
  CHECK(state.result().to_string() == "W+32.5");  // White's C3 and B2 own the whole board
}

TEST_CASE("no move is legal once the game is over") {
  GameState state = GameState::new_game(5);
  play(state, "C3");
  play(state, "pass");
  play(state, "pass");
  REQUIRE(state.is_over());
  CHECK(state.legal_points().empty());
  CHECK(state.legal_moves().empty());
  CHECK_FALSE(state.is_legal(Move::pass()));
  CHECK_FALSE(state.is_legal(Move::resign()));
  CHECK_FALSE(is_legal(state, "A1"));
  for (Move m : {move(state, "A1"), Move::pass(), Move::resign()}) {
    CHECK_THAT(illegal_move_message(state, m), Catch::Contains("over"));
  }
  CHECK(state.moves().size() == 3);
}

TEST_CASE("resigning ends the game at once") {
  GameState state = GameState::new_game(9);
  play(state, "E5");
  play(state, "resign");
  CHECK(state.is_over());
  CHECK(state.resigned() == Color::kWhite);
  CHECK(state.last_move() == Move::resign());
  CHECK(state.result().to_string() == "B+R");
  CHECK(state.legal_points().empty());
  CHECK_THROWS_AS(play(state, "D4"), IllegalMoveError);
}

TEST_CASE("legal_moves lists every legal point, then pass and resign") {
  GameState state = game_from_ascii(R"(
    . O .
    O . O
    . O .
  )");
  // Every empty point is suicide for Black (no White stone is in atari); White may fill any.
  std::vector<Move> moves = state.legal_moves();
  REQUIRE(moves.size() == 2);
  CHECK(moves[0] == Move::pass());
  CHECK(moves[1] == Move::resign());
  state.set_next_player(Color::kWhite);
  CHECK(state.legal_points().size() == 5);
  CHECK(state.legal_moves().size() == 7);
}

TEST_CASE("play() rejects illegal moves with an IllegalMoveError naming the move") {
  GameState state = game_from_ascii(R"(
    . . . . .
    . X O . .
    X O . O .
    . X O . .
    X . X . O
  )");
  SECTION("an occupied point") {
    std::string message = illegal_move_message(state, move(state, "B3"));
    CHECK_THAT(message, Catch::Contains("B3"));
    CHECK_THAT(message, Catch::Contains("black"));
    CHECK_THAT(message, Catch::Contains("occupied"));
  }
  SECTION("a ko retake") {
    play(state, "C3");
    std::string message = illegal_move_message(state, move(state, "B3"));
    CHECK_THAT(message, Catch::Contains("B3"));
    CHECK_THAT(message, Catch::Contains("white"));
    CHECK_THAT(message, Catch::Contains("ko"));
  }
  SECTION("suicide") {
    play(state, "pass");
    std::string message = illegal_move_message(state, move(state, "B1"));
    CHECK_THAT(message, Catch::Contains("B1"));
    CHECK_THAT(message, Catch::Contains("white"));
    CHECK_THAT(message, Catch::Contains("suicide"));
  }
  SECTION("points off the board") {
    CHECK_THAT(illegal_move_message(state, Move::play(25)), Catch::Contains("25"));
    CHECK_THAT(illegal_move_message(state, Move::play(-1)), Catch::Contains("-1"));
    CHECK_THAT(illegal_move_message(state, Move::play(25)), Catch::Contains("off the board"));
  }
  SECTION("after the game is over") {
    play(state, "pass");
    play(state, "pass");
    std::string message = illegal_move_message(state, move(state, "E5"));
    CHECK_THAT(message, Catch::Contains("E5"));
    CHECK_THAT(message, Catch::Contains("over"));
  }
}
