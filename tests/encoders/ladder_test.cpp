// The ladder reader on working ladders, broken ladders, edges and escapes by capture.
#include "tests/catch.h"

#include "engine/ascii_board.h"
#include "engine/encoders/ladder.h"
#include "tests/encoders/plane_support.h"

using namespace dlgo;
using namespace dlgo::test;

namespace {

int point(const GameState& state, const char* vertex) {
  return *gtp_to_point(state.size(), vertex);
}

// White D5 is in atari and White is to move. Extending at D4 starts a ladder that runs down
// and to the right until it hits the bottom edge.
const char* kLadderInAtari = R"(
  . . . . . . . . .
  . . . . . . . . .
  . . . . . . . . .
  . . . X . . . . .
  . . X O X . . . .
  . . X . . . . . .
  . . . . . . . . .
  . . . . . . . . .
  . . . . . . . . .
)";

// The same with a White stone on the ladder's path at G2.
const char* kLadderWithBreaker = R"(
  . . . . . . . . .
  . . . . . . . . .
  . . . . . . . . .
  . . . X . . . . .
  . . X O X . . . .
  . . X . . . . . .
  . . . . . . . . .
  . . . . . . O . .
  . . . . . . . . .
)";

// Black to move; White D5 has two liberties, E5 and D4.
const char* kLadderToStart = R"(
  . . . . . . . . .
  . . . . . . . . .
  . . . . . . . . .
  . . . X . . . . .
  . . X O . . . . .
  . . X . . . . . .
  . . . . . . . . .
  . . . . . . . . .
  . . . . . . . . .
)";

}  // namespace

TEST_CASE("a working ladder captures the group, all the way to the edge") {
  GameState state = game_from_ascii(kLadderInAtari, Color::kWhite);
  LadderReader reader;
  CHECK(reader.is_lost_in_atari(state.board(), point(state, "D5")));
  CHECK(reader.last_read_nodes() > 10);  // it really read the ladder out
  CHECK_FALSE(reader.is_ladder_escape(state, point(state, "D4")));
}

TEST_CASE("a ladder breaker on the path lets the group escape") {
  GameState state = game_from_ascii(kLadderWithBreaker, Color::kWhite);
  LadderReader reader;
  CHECK_FALSE(reader.is_lost_in_atari(state.board(), point(state, "D5")));
  CHECK(reader.is_ladder_escape(state, point(state, "D4")));
}

TEST_CASE("a breaker only helps when it is on the path") {
  GameState state = game_from_ascii(R"(
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . . . X . . . . .
    . . X O X . . . .
    . . X . . . . . .
    . . . . . . . . .
    O . . . . . . . .
    . . . . . . . . .
  )",
                                    Color::kWhite);
  LadderReader reader;
  CHECK(reader.is_lost_in_atari(state.board(), point(state, "D5")));
}

TEST_CASE("a ladder capture is the atari that starts a working ladder") {
  GameState state = game_from_ascii(kLadderToStart, Color::kBlack);
  LadderReader reader;
  CHECK(reader.is_capturable_by_ladder(state.board(), point(state, "D5")));
  CHECK(reader.is_ladder_capture(state, point(state, "E5")));
  // Atari from below lets White extend to E5 with three liberties.
  CHECK_FALSE(reader.is_ladder_capture(state, point(state, "D4")));
  // Not next to a two-liberty group: no ladder.
  CHECK_FALSE(reader.is_ladder_capture(state, point(state, "A1")));
  // Occupied points are never ladder moves.
  CHECK_FALSE(reader.is_ladder_capture(state, point(state, "C5")));
}

TEST_CASE("ladder capture fails when a breaker stands on the path") {
  GameState state = game_from_ascii(R"(
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . . . X . . . . .
    . . X O . . . . .
    . . X . . . . . .
    . . . . . . . . .
    . . . . . . O . .
    . . . . . . . . .
  )",
                                    Color::kBlack);
  LadderReader reader;
  CHECK_FALSE(reader.is_capturable_by_ladder(state.board(), point(state, "D5")));
  CHECK_FALSE(reader.is_ladder_capture(state, point(state, "E5")));
}

TEST_CASE("a second-line group is chased into the edge") {
  GameState state = game_from_ascii(R"(
    . . . . . . .
    . . . . . . .
    . . . . . . .
    . . . . . . .
    . X . . . . .
    X O . . . . .
    . . . . . . .
  )",
                                    Color::kBlack);
  LadderReader reader;
  CHECK(reader.is_ladder_capture(state, point(state, "C2")));
  CHECK_FALSE(reader.is_ladder_capture(state, point(state, "B1")));
}

TEST_CASE("capturing a chasing stone in atari is an escape, the hopeless extension is not") {
  GameState state = game_from_ascii(R"(
    . . . . .
    O X O . .
    X O X . .
    X . X . .
    . . . . .
  )",
                                    Color::kWhite);
  LadderReader reader;
  CHECK_FALSE(reader.is_lost_in_atari(state.board(), point(state, "B3")));
  CHECK(reader.is_ladder_escape(state, point(state, "B5")));
  CHECK_FALSE(reader.is_ladder_escape(state, point(state, "B2")));

  // Without the White stones that put the chaser in atari, the group is lost.
  GameState no_capture = game_from_ascii(R"(
    . . . . .
    . X . . .
    X O X . .
    X . X . .
    . . . . .
  )",
                                         Color::kWhite);
  CHECK(reader.is_lost_in_atari(no_capture.board(), point(no_capture, "B3")));
  CHECK_FALSE(reader.is_ladder_escape(no_capture, point(no_capture, "B2")));
  CHECK_FALSE(reader.is_ladder_escape(no_capture, point(no_capture, "B5")));
}

TEST_CASE("the defender may capture a chaser in the middle of the ladder") {
  // As the working ladder, plus White E6. Once White has extended to D4 and E4, Black's E5
  // is in atari; the only way out is to capture it, which the reader must find.
  GameState state = game_from_ascii(R"(
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . . . X O . . . .
    . . X O X . . . .
    . . X . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
  )",
                                    Color::kWhite);
  LadderReader reader;
  CHECK_FALSE(reader.is_lost_in_atari(state.board(), point(state, "D5")));
  CHECK(reader.is_ladder_escape(state, point(state, "D4")));
}

TEST_CASE("a long ladder on 19x19 is read to the edge") {
  GameState state = GameState::new_game(19);
  for (const char* vertex : {"C15", "D16", "E15", "C14"}) {
    state.add_setup_stone(point(state, vertex), Color::kBlack);
  }
  state.add_setup_stone(point(state, "D15"), Color::kWhite);
  state.set_next_player(Color::kWhite);
  LadderReader reader;
  CHECK(reader.is_lost_in_atari(state.board(), point(state, "D15")));
  const int nodes = reader.last_read_nodes();
  CHECK(nodes > 28);
  CHECK(nodes < LadderReader::kDefaultMaxNodes);

  // A White stone far down the diagonal breaks it.
  state.add_setup_stone(point(state, "Q2"), Color::kWhite);
  CHECK_FALSE(reader.is_lost_in_atari(state.board(), point(state, "D15")));
}

TEST_CASE("a read past its budget is not trusted: the group counts as not captured") {
  GameState state = game_from_ascii(kLadderInAtari, Color::kWhite);
  LadderReader tiny(/*max_nodes=*/3);
  CHECK_FALSE(tiny.is_lost_in_atari(state.board(), point(state, "D5")));
  LadderReader shallow(LadderReader::kDefaultMaxNodes, /*max_depth=*/4);
  CHECK_FALSE(shallow.is_lost_in_atari(state.board(), point(state, "D5")));
}

TEST_CASE("groups not in atari, empty points and illegal moves are not ladder cases") {
  GameState state = game_from_ascii(kLadderToStart, Color::kBlack);
  LadderReader reader;
  CHECK_FALSE(reader.is_lost_in_atari(state.board(), point(state, "D5")));  // two liberties
  CHECK_FALSE(reader.is_lost_in_atari(state.board(), point(state, "A1")));  // empty
  CHECK_FALSE(reader.is_capturable_by_ladder(state.board(), point(state, "C4")));
  CHECK_FALSE(reader.is_ladder_escape(state, point(state, "E5")));  // nothing in atari
  CHECK_FALSE(reader.is_ladder_capture(state, -1));
  CHECK_FALSE(reader.is_ladder_capture(state, 81));
}
