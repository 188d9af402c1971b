// GoGui-style refereed games: a referee (this test) drives two GTP engine processes the way
// GoGui's twogtp and gtp2ogs do (setup, handicap, time settings, genmove/play, final_score),
// checks every move against its own game state, and compares the engines' scores with its own.
#include "tests/catch.h"

#include <set>
#include <sstream>

#include "engine/dead_stones/adjudication.h"
#include "engine/gtp/gtp_client.h"
#include "tests/gtp/gtp_support.h"

using namespace dlgo;

namespace {

struct RefereedGame {
  GameState state;
  std::vector<std::string> protocol_errors;
  std::string black_score, white_score;
};

std::string color_word(Color c) {
  return c == Color::kBlack ? "black" : "white";
}

// Plays one game; `handicap` stones for Black via fixed_handicap on both engines; with
// `time_commands`, time settings and a time_left before every genmove, as gtp2ogs sends them.
RefereedGame referee(GtpClient& black, GtpClient& white, int size, int handicap,
                     bool time_commands) {
  RefereedGame game{GameState::new_game(size), {}, "", ""};
  BoardSize board{size, size};
  for (GtpClient* engine : {&black, &white}) {
    engine->ask("boardsize " + std::to_string(size));
    engine->ask("clear_board");
    engine->ask("komi 7.5");
    if (!time_commands) continue;
    engine->ask("time_settings 0 1 1");
    if (engine->ask("known_command kgs-time_settings") == "true") {
      engine->ask("kgs-time_settings canadian 0 1 1");
    }
  }
  if (handicap > 0) {
    std::string black_points = black.ask("fixed_handicap " + std::to_string(handicap));
    std::string white_points = white.ask("fixed_handicap " + std::to_string(handicap));
    REQUIRE(black_points.size() > 0);
    std::vector<int> points;
    for (std::size_t at = 0; at < black_points.size();) {
      std::size_t end = black_points.find(' ', at);
      if (end == std::string::npos) end = black_points.size();
      auto point = gtp_to_point(board, black_points.substr(at, end - at));
      REQUIRE(point);
      points.push_back(*point);
      at = end + 1;
    }
    // Both engines must agree on where the stones go (the GTP specification fixes them).
    CHECK(black.ask("list_stones black") == white.ask("list_stones black"));
    game.state.place_handicap(points);
  }
  while (!game.state.is_over() && game.state.moves().size() < 400) {
    Color mover = game.state.next_player();
    GtpClient& player = mover == Color::kBlack ? black : white;
    GtpClient& other = mover == Color::kBlack ? white : black;
    if (time_commands) player.ask("time_left " + color_word(mover) + " 1 1");
    std::string answer = player.ask("genmove " + color_word(mover));
    std::optional<Move> move = gtp_to_move(board, answer);
    if (!move) {
      game.protocol_errors.push_back("unreadable move '" + answer + "'");
      break;
    }
    if (!game.state.is_legal(*move)) {
      game.protocol_errors.push_back("illegal move " + answer);
      break;
    }
    game.state.play(*move);
    if (move->is_resign()) break;
    GtpReply reply = other.send("play " + color_word(mover) + " " + answer);
    if (!reply.success) game.protocol_errors.push_back("refused " + answer + ": " + reply.text);
  }
  game.black_score = black.ask("final_score");
  game.white_score = white.ask("final_score");
  // The engines' boards must equal the referee's.
  for (GtpClient* engine : {&black, &white}) {
    for (Color c : {Color::kBlack, Color::kWhite}) {
      // As sets: engines list stones in their own order.
      std::set<int> listed, expected;
      std::istringstream words(engine->ask("list_stones " + color_word(c)));
      for (std::string vertex; words >> vertex;)
        listed.insert(gtp_to_point(board, vertex).value_or(-1));
      for (int p = 0; p < board.num_points(); ++p) {
        if (game.state.board().at(p) == c) expected.insert(p);
      }
      CHECK(listed == expected);
    }
  }
  return game;
}

}  // namespace

TEST_CASE("two dlgo-gtp processes play a refereed game with handicap and time commands") {
  // A second a move, but never more than 30 rollouts: the test stays quick.
  GtpClient black({DLGO_GTP_BINARY, "--bot", "mcts", "--max-timed-rounds", "30", "--seed", "3"});
  GtpClient white({DLGO_GTP_BINARY, "--bot", "random", "--seed", "4"});
  RefereedGame game = referee(black, white, 9, 2, true);
  CHECK(game.protocol_errors.empty());
  CHECK(game.state.is_over());
  // Both engines score the final position the same way, and as the referee does.
  CHECK(game.black_score == game.white_score);
  CHECK(game.black_score == adjudicate(game.state).to_string());
  black.ask("kgs-game_over");
  white.ask("kgs-game_over");
  black.quit();
  white.quit();
}

TEST_CASE("dlgo-gtp plays a refereed game against GNU Go") {
  const std::string gnugo = test::gnugo_path();
  INFO("GNU Go is needed for this test: apt-get install gnugo");
  REQUIRE_FALSE(gnugo.empty());
  for (bool dlgo_black : {true, false}) {
    GtpClient dlgo({DLGO_GTP_BINARY, "--bot", "random", "--seed", "5"});
    GtpClient gnu({gnugo, "--mode", "gtp", "--level", "1", "--chinese-rules"});
    RefereedGame game =
        dlgo_black ? referee(dlgo, gnu, 9, 0, false) : referee(gnu, dlgo, 9, 0, false);
    INFO("dlgo black: " << dlgo_black);
    CHECK(game.protocol_errors.empty());
    CHECK(game.state.is_over());
    CHECK(game.state.moves().size() > 10);
    CHECK_FALSE(game.black_score.empty());
    CHECK_FALSE(game.white_score.empty());
  }
}
