// Dead stones and referee scores.
#include "tests/catch.h"

#include <fstream>
#include <sstream>

#include "engine/ascii_board.h"
#include "engine/dead_stones/adjudication.h"
#include "engine/gtp/gtp_arguments.h"
#include "engine/sgf/game_record.h"

using namespace dlgo;

namespace {

GameState finished_game() {
  std::ifstream file(DLGO_FINISHED_GAME_SGF);
  std::stringstream text;
  text << file.rdbuf();
  return replay_game(read_game_records(text.str()).front());
}

}  // namespace

TEST_CASE("on a played-out board nothing is dead and the score is the area score") {
  GameState state = game_from_ascii(
      ". X O . O\n"
      "X X O O .\n"
      ". X X O O\n"
      "X . X O .\n"
      "X X O O O\n");
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    DeadStoneOptions options;
    options.seed = seed;
    CHECK(estimate_dead_stones(state, options).empty());
  }
  CHECK(adjudicate(state).to_string() == state.result().to_string());
}

TEST_CASE("the dead stones of a finished game are the ones GNU Go names") {
  GameState state = finished_game();
  REQUIRE(state.is_over());
  // GNU Go 3.8's final_status_list dead for this position.
  const std::string gnugo_dead = "A2 B2 J2 G4 J4 C5 B6 A7 B7 D7 F7 A8 H8 D9";
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    DeadStoneOptions options;
    options.seed = seed;
    INFO("seed " << seed);
    CHECK(vertex_list(state.size(), estimate_dead_stones(state, options)) == gnugo_dead);
  }
  // White's dead stones inside Black's area turn a close plain count into a clear Black win.
  CHECK(adjudicate(state).to_string() == "B+73.5");
  CHECK(state.result().to_string() != "B+73.5");
}

TEST_CASE("a resignation is the result, whatever the board") {
  GameState state = GameState::new_game(9);
  state.play(Move::play(40));
  state.play(Move::resign());
  CHECK(adjudicate(state).to_string() == "B+R");
}

TEST_CASE("a position copy keeps stones and player but can be played on after two passes") {
  GameState state = GameState::new_game(5);
  state.play(Move::play(12));
  state.play(Move::pass());
  state.play(Move::pass());
  REQUIRE(state.is_over());
  GameState copy = position_copy(state);
  CHECK_FALSE(copy.is_over());
  CHECK(copy.board() == state.board());
  CHECK(copy.next_player() == state.next_player());
  CHECK(copy.rules().komi == state.rules().komi);
}

TEST_CASE("ownership is +1 for Black's points, -1 for White's") {
  // Two groups with two eyes each and a dame column between them.
  GameState state = game_from_ascii(
      ". X . O .\n"
      "X X . O O\n"
      ". X . O .\n"
      "X X . O O\n");
  std::vector<double> owner = ownership(state, 120, 1);
  auto at = [&](int row, int col) { return owner[point_of(state.size(), row, col)]; };
  CHECK(at(3, 0) == Approx(1.0));   // A4, Black's eye
  CHECK(at(1, 0) == Approx(1.0));   // A2, Black's eye
  CHECK(at(2, 1) == Approx(1.0));   // B3, a Black stone
  CHECK(at(3, 4) == Approx(-1.0));  // E4, White's eye
  CHECK(at(0, 3) == Approx(-1.0));  // D1, a White stone
  CHECK(estimate_dead_stones(state).empty());
}
