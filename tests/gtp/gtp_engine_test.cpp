// GtpEngine and GtpGame behaviour beyond the transcripts: time use, board-size limits of the
// agent, the game model, and robustness against arbitrary input lines.
#include "tests/catch.h"

#include <chrono>
#include <regex>
#include <sstream>

#include "engine/agents/agent_factory.h"
#include "engine/gtp/gtp_engine.h"
#include "engine/gtp/handicap_placement.h"
#include "engine/rng.h"
#include "tests/gtp/gtp_support.h"

using namespace dlgo;

namespace {

// An agent that only plays 9x9 and always passes, like a network agent trained for one size.
class NineOnlyAgent : public Agent {
 public:
  AgentKind kind() const override { return AgentKind::kPredict; }  // one board, like one
  bool supports(BoardSize size) const override { return size == BoardSize{9, 9}; }
  MoveDecision select_move(const GameState&) const override { return {Move::pass(), {}}; }
  void set_seed(std::uint64_t) override {}
};

double seconds_for(GtpEngine& engine, const std::string& command) {
  auto start = std::chrono::steady_clock::now();
  std::string response = engine.execute(command);
  INFO(response);
  CHECK(response.rfind("= ", 0) == 0);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

// Wall-clock limits here are loose: the test machine may be busy, and what matters is that
// ten million rounds (hours of search) are cut down to the budget's order of magnitude.
TEST_CASE("mcts under a time limit answers within its budget") {
  auto engine =
      test::make_test_engine({{"bot", "mcts"}, {"mcts-rounds", "10000000"}, {"board-size", "9"}});
  CHECK(engine->execute("time_settings 0 1 1") == "= \n\n");
  CHECK(seconds_for(*engine, "genmove b") < 4);
  CHECK(engine->execute("time_left w 0.5 1") == "= \n\n");
  CHECK(seconds_for(*engine, "genmove w") < 3);
  CHECK(engine->execute("kgs-time_settings byoyomi 0 1 3") == "= \n\n");
  CHECK(seconds_for(*engine, "genmove b") < 4);
}

TEST_CASE("mcts turns a longer budget into more rounds") {
  std::ostringstream log;
  AgentOptions agent_options;
  GtpEngineOptions options;
  options.board_size = 9;
  options.seed = agent_options.seed;
  options.log = &log;
  GtpEngine engine(std::shared_ptr<Agent>(make_agent("mcts", agent_options)), options);
  auto rounds_of_last_move = [&] {
    std::smatch found;
    std::string text = log.str();
    std::regex pattern("time: ([0-9.e-]+) s for this move, (\\d+) rounds");
    double rounds = -1;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
         it != std::sregex_iterator(); ++it) {
      rounds = std::stod((*it)[2]);
    }
    return rounds;
  };
  engine.execute("time_settings 0 0.4 1");
  seconds_for(engine, "genmove b");  // measures the speed
  seconds_for(engine, "genmove w");
  double short_rounds = rounds_of_last_move();
  engine.execute("time_settings 0 3 1");
  seconds_for(engine, "genmove b");
  double long_rounds = rounds_of_last_move();
  INFO(log.str());
  CHECK(short_rounds >= 16);
  CHECK(long_rounds > 2 * short_rounds);
  // Budgets: 0.4 s -> 90% less 0.3 s lag = 0.06 s; 3 s -> 2.4 s.
  CHECK(log.str().find("time: 0.06 s") != std::string::npos);
  CHECK(log.str().find("time: 2.4 s") != std::string::npos);
}

TEST_CASE("board sizes the agent cannot play are unacceptable") {
  GtpEngineOptions options;
  options.board_size = 9;
  GtpEngine engine(std::make_shared<NineOnlyAgent>(), options);
  CHECK(engine.execute("boardsize 19") == "? unacceptable size\n\n");
  CHECK(engine.execute("boardsize 9") == "= \n\n");
  CHECK(engine.execute("genmove b") == "= pass\n\n");
  options.board_size = 19;
  CHECK_THROWS_AS(GtpEngine(std::make_shared<NineOnlyAgent>(), options), std::invalid_argument);
}

TEST_CASE("the GTP game lets a colour move twice and undo replays the rest") {
  GtpGame game(BoardSize{9, 9});
  game.play(Color::kBlack, Move::play(40));
  game.play(Color::kBlack, Move::play(41));
  CHECK(game.state().board().stone_count(Color::kBlack) == 2);
  CHECK(game.state().next_player() == Color::kWhite);
  REQUIRE(game.undo());
  CHECK(game.state().board().stone_count(Color::kBlack) == 1);
  CHECK(game.state().next_player() == Color::kWhite);
  CHECK_THROWS_AS(game.play(Color::kWhite, Move::play(40)), IllegalMoveError);
}

TEST_CASE("an agent sees a game ended by two passes without the passes") {
  GtpGame game(BoardSize{9, 9});
  game.play(Color::kBlack, Move::play(40));
  game.play(Color::kWhite, Move::pass());
  game.play(Color::kBlack, Move::pass());
  REQUIRE(game.state().is_over());
  GameState view = game.position_for(Color::kWhite);
  CHECK_FALSE(view.is_over());
  CHECK(view.next_player() == Color::kWhite);
  CHECK(view.board() == game.state().board());
  // Cleanup drops a single trailing pass too.
  GtpGame one_pass(BoardSize{9, 9});
  one_pass.play(Color::kBlack, Move::pass());
  CHECK(one_pass.position_for(Color::kWhite, true).moves().empty());
  CHECK(one_pass.position_for(Color::kWhite, false).moves().size() == 1);
}

TEST_CASE("free handicap points are distinct and on the board for every count") {
  for (int side : {2, 3, 5, 7, 9, 13, 19}) {
    BoardSize size{side, side};
    for (int stones = 1; stones < size.num_points(); stones += (side > 9 ? 7 : 1)) {
      std::vector<int> points = free_handicap_points(size, stones);
      REQUIRE(static_cast<int>(points.size()) == stones);
      std::sort(points.begin(), points.end());
      CHECK(std::adjacent_find(points.begin(), points.end()) == points.end());
      CHECK(points.front() >= 0);
      CHECK(points.back() < size.num_points());
    }
  }
}

TEST_CASE("arbitrary input lines always get a well-formed response and never crash") {
  const std::vector<std::string> words = {"play",
                                          "genmove",
                                          "boardsize",
                                          "komi",
                                          "undo",
                                          "fixed_handicap",
                                          "place_free_handicap",
                                          "set_free_handicap",
                                          "final_score",
                                          "final_status_list",
                                          "time_settings",
                                          "time_left",
                                          "kgs-time_settings",
                                          "kgs-genmove_cleanup",
                                          "is_legal",
                                          "list_stones",
                                          "captures",
                                          "showboard",
                                          "clear_board",
                                          "known_command",
                                          "loadsgf",
                                          "printsgf",
                                          "b",
                                          "w",
                                          "black",
                                          "white",
                                          "pass",
                                          "resign",
                                          "A1",
                                          "T19",
                                          "Z25",
                                          "J9",
                                          "I5",
                                          "0",
                                          "1",
                                          "2",
                                          "5",
                                          "9",
                                          "25",
                                          "-1",
                                          "7.5",
                                          "nan",
                                          "1e300",
                                          "dead",
                                          "alive",
                                          "seki",
                                          "none",
                                          "byoyomi",
                                          "canadian",
                                          "absolute",
                                          "12",
                                          "#",
                                          "\t",
                                          "\r",
                                          "\x01",
                                          "",
                                          "name",
                                          "lz-analyze",
                                          "quit_",
                                          "x"};
  GtpEngineOptions options;
  options.allow_files = false;
  options.dead_stone_playouts = 4;
  GtpEngine engine(std::shared_ptr<Agent>(make_agent("random")), options);
  Rng rng(2024);
  const std::regex response("[=?]\\d* [^\\n]*(\\n[^\\n]+)*\\n\\n|=\\d*\\n(info [^\\n]*\\n)*\\n");
  for (int i = 0; i < 4000; ++i) {
    std::string line;
    int count = 1 + static_cast<int>(rng.below(5));
    for (int k = 0; k < count; ++k)
      line += words[rng.below(static_cast<std::uint32_t>(words.size()))] + " ";
    if (rng.below(10) == 0) line = std::to_string(rng.below(100)) + " " + line;
    std::string output = engine.execute(line);
    INFO("line " << i << ": '" << line << "' -> '" << output << "'");
    if (parse_gtp_line(line)) {
      REQUIRE(std::regex_match(output, response));
    } else {
      REQUIRE(output.empty());
    }
  }
}
