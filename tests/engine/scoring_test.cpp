// Area scoring: territory, dame, seki, komi, result strings and resignation.
#include "tests/catch.h"

#include "engine/ascii_board.h"
#include "engine/game_state.h"
#include "engine/scoring.h"
#include "tests/engine/diagram_support.h"

using namespace dlgo;
using namespace dlgo::test;

namespace {

// Black territory (columns A-B), a Black wall, one dame column, a White wall, White territory.
constexpr const char* kWallsWithDame = R"(
  . . X . O .
  . . X . O .
  . . X . O .
  . . X . O .
  . . X . O .
)";

// A corner seki: White's five stones and Black's B2 and A1 share the liberties A2 and B1, and
// whoever fills one is captured. Column E is dame; White owns G-H.
constexpr const char* kCornerSeki = R"(
  X X X X . O . .
  O O O X . O . .
  . X O X . O . .
  X . O X . O . .
)";

}  // namespace

TEST_CASE("area scoring counts stones plus surrounded empty points, and dame counts for nobody") {
  GameResult result = score_area(game_from_ascii(kWallsWithDame).board(), 1.5);
  CHECK(result.black_stones == 5);
  CHECK(result.white_stones == 5);
  CHECK(result.black_territory == 10);
  CHECK(result.white_territory == 5);
  CHECK(result.dame == 5);
  CHECK(result.black_area() == 15);
  CHECK(result.white_area() == 10);
  CHECK(result.black_margin() == 3.5);
  CHECK(result.winner() == Color::kBlack);
  CHECK(result.to_string() == "B+3.5");
}

TEST_CASE("result strings: a half-point White win and an exact tie") {
  GameState state = game_from_ascii(R"(
    . X . O .
    . X . O .
    . X . O .
  )");
  // 6 points each, 3 dame.
  state.set_komi(0.5);
  CHECK(state.result().to_string() == "W+0.5");
  CHECK(state.result().winner() == Color::kWhite);
  state.set_komi(0);
  CHECK(state.result().to_string() == "0");
  CHECK(state.result().winner() == Color::kEmpty);
  // An integer komi can also tie a board that is not symmetric.
  GameResult uneven = score_area(game_from_ascii(kWallsWithDame).board(), 5);
  CHECK(uneven.black_margin() == 0);
  CHECK(uneven.to_string() == "0");
  CHECK(score_area(game_from_ascii(kWallsWithDame).board(), 4).to_string() == "B+1");
  CHECK(score_area(game_from_ascii(kWallsWithDame).board(), 5.5).to_string() == "W+0.5");
}

TEST_CASE("an empty board is all dame, so White wins by komi") {
  GameState state = GameState::new_game(9);
  GameResult result = state.result();
  CHECK(result.dame == 81);
  CHECK(result.black_area() == 0);
  CHECK(result.komi == 7.5);
  CHECK(result.to_string() == "W+7.5");
}

TEST_CASE("an empty region touching both colours anywhere is dame") {
  GameResult result = score_area(game_from_ascii(R"(
    . . . . .
    . X . . .
    . . . . O
  )")
                                     .board(),
                                 0);
  CHECK(result.dame == 13);
  CHECK(result.black_territory == 0);
  CHECK(result.white_territory == 0);
  CHECK(result.to_string() == "0");
}

TEST_CASE("seki: the stones in seki count for their owners, the shared liberties are dame") {
  GameState state = game_from_ascii(kCornerSeki);
  GameResult result = state.result();
  CHECK(result.black_stones == 9);  // the wall plus B2 and A1 inside the seki
  CHECK(result.white_stones == 9);  // the F wall plus the five stones in seki
  CHECK(result.black_territory == 0);
  CHECK(result.white_territory == 8);
  CHECK(result.dame == 6);  // A2, B1 and column E
  CHECK(result.to_string() == "W+15.5");

  // It really is seki: whoever fills a shared liberty is captured at once.
  GameState black_fills = state;
  play(black_fills, "A2");
  CHECK(black_fills.board().liberties(point(state, "A2")) == 1);
  play(black_fills, "B1");
  CHECK(black_fills.prisoners(Color::kWhite) == 3);
  GameState white_fills = state;
  white_fills.set_next_player(Color::kWhite);
  play(white_fills, "A2");
  play(white_fills, "B1");
  CHECK(white_fills.prisoners(Color::kBlack) == 6);
}

TEST_CASE("seki with one eye each and one shared liberty") {
  GameState state = game_from_ascii(R"(
    . X . O .
    X X X O O
    X X X O O
  )");
  state.set_komi(0);
  GameResult result = state.result();
  CHECK(result.black_area() == 8);  // 7 stones and the eye at A3
  CHECK(result.white_area() == 6);  // 5 stones and the eye at E3
  CHECK(result.dame == 1);          // C3
  CHECK(result.to_string() == "B+2");
  CHECK(state.board().liberties(point(state, "A2")) == 2);
  CHECK(state.board().liberties(point(state, "D2")) == 2);
}

TEST_CASE("resignation decides the game whatever the board says") {
  GameState state = game_from_ascii(kWallsWithDame);
  state.set_komi(0.5);
  REQUIRE(state.result().winner() == Color::kBlack);
  play(state, "resign");
  CHECK(state.is_over());
  CHECK(state.resigned() == Color::kBlack);
  CHECK(state.result().winner() == Color::kWhite);
  CHECK(state.result().to_string() == "W+R");

  GameState white_resigns = game_from_ascii(kWallsWithDame, Color::kWhite);
  play(white_resigns, "resign");
  CHECK(white_resigns.result().to_string() == "B+R");
  CHECK(GameResult::by_resignation(Color::kWhite).to_string() == "W+R");
}
