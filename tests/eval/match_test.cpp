// The referee and the match runner, in-process.
#include "tests/catch.h"

#include <filesystem>
#include <fstream>
#include <map>

#include "engine/eval/match.h"
#include "engine/eval/win_rate.h"
#include "engine/sgf/game_record.h"

using namespace dlgo;

namespace {

// Plays a fixed list of moves, then passes.
class ScriptedPlayer : public MatchPlayer {
 public:
  explicit ScriptedPlayer(std::vector<Move> moves) : moves_(std::move(moves)) {}
  std::string name() const override { return "scripted"; }
  void new_game(BoardSize, double) override { next_ = 0; }
  Move select_move(const GameState&) override {
    return next_ < moves_.size() ? moves_[next_++] : Move::pass();
  }
  void opponent_played(Color, Move move) override { seen.push_back(move); }
  std::vector<Move> seen;

 private:
  std::vector<Move> moves_;
  std::size_t next_ = 0;
};

}  // namespace

TEST_CASE("a match alternates colours and a round robin balances them") {
  std::vector<ScheduledGame> match = alternating_schedule(5);
  REQUIRE(match.size() == 5);
  CHECK(match[0].black == 0);
  CHECK(match[1].black == 1);
  CHECK(match[4].black == 0);
  std::vector<ScheduledGame> pool = round_robin_schedule(3, 4);
  REQUIRE(pool.size() == 12);
  std::map<std::pair<int, int>, int> as_black;
  for (const ScheduledGame& game : pool) {
    CHECK(game.black != game.white);
    ++as_black[{game.black, game.white}];
  }
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) {
      if (i != j) CHECK(as_black[{i, j}] == 2);
    }
  }
}

TEST_CASE("an illegal move forfeits the game") {
  ScriptedPlayer black({Move::play(40), Move::play(40)});  // E5 twice
  ScriptedPlayer white({Move::play(30)});
  MatchSettings settings;
  GameOutcome outcome = play_game(black, white, ScheduledGame{0, 0, 1}, settings);
  CHECK(outcome.result == "W+F");
  CHECK(outcome.winner == Color::kWhite);
  CHECK(outcome.winner_index() == 1);
  CHECK_THAT(outcome.note, Catch::Contains("illegal move E5 at move 3"));
  // Each side was told the other's legal moves, and only those.
  CHECK(white.seen == std::vector<Move>{Move::play(40)});
  CHECK(black.seen == std::vector<Move>{Move::play(30)});
}

TEST_CASE("a resignation ends the game for the other side") {
  ScriptedPlayer black({Move::play(40)});
  ScriptedPlayer white({Move::resign()});
  GameOutcome outcome = play_game(black, white, ScheduledGame{0, 0, 1}, MatchSettings{});
  CHECK(outcome.result == "B+R");
  CHECK(outcome.winner_index() == 0);
  CHECK(outcome.moves == 2);
}

TEST_CASE("two passes end the game, scored by area") {
  ScriptedPlayer black({Move::play(40)});
  ScriptedPlayer white({});
  GameOutcome outcome = play_game(black, white, ScheduledGame{0, 0, 1}, MatchSettings{});
  CHECK(outcome.result == "B+73.5");
  CHECK(outcome.moves == 3);  // E5, pass, pass
}

TEST_CASE("the move cap ends a game that would not stop") {
  AgentOptions options;
  PlayerFactory random("random", options);
  MatchSettings settings;
  settings.max_moves = 10;
  auto black = random.make();
  auto white = random.make();
  GameOutcome outcome = play_game(*black, *white, ScheduledGame{0, 0, 1}, settings);
  CHECK(outcome.moves == 10);
  CHECK_THAT(outcome.note, Catch::Contains("move cap of 10"));
  CHECK_FALSE(outcome.result.empty());
}

TEST_CASE("random against random over 200 games is fair, on two workers") {
  AgentOptions first, second;
  first.seed = 11;
  second.seed = 12;
  PlayerFactory a("random", first), b("random", second);
  MatchSettings settings;
  settings.workers = 2;
  int calls = 0;
  std::vector<GameOutcome> outcomes = run_games({&a, &b}, alternating_schedule(200), settings,
                                                [&](const GameOutcome&) { ++calls; });
  CHECK(calls == 200);
  REQUIRE(outcomes.size() == 200);
  int wins = 0, draws = 0, a_black = 0;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    CHECK(outcomes[i].game.index == static_cast<int>(i));
    CHECK(outcomes[i].moves > 0);
    a_black += outcomes[i].game.black == 0;
    if (outcomes[i].winner_index() == 0) ++wins;
    if (outcomes[i].winner_index() < 0) ++draws;
  }
  CHECK(a_black == 100);
  // Two workers share the agents' call counters, so the games differ from run to run: a 95%
  // interval would miss one half in one run of twenty. The 99.9% interval keeps the check
  // (a colour or scoring bias of 15 points still fails it) without the flakiness.
  constexpr double kZ999 = 3.2905267314919;
  WinRateSummary summary = summarize_win_rate(wins, draws, 200 - wins - draws, kZ999);
  INFO("wins " << wins << ", interval " << summary.interval.low << ".." << summary.interval.high);
  CHECK(summary.interval.low < 0.5);
  CHECK(summary.interval.high > 0.5);
}

TEST_CASE("games are written as SGF that replays to the same result") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "dlgo_match_sgf_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  AgentOptions options;
  PlayerFactory a("random", options), b("mcts", [] {
    AgentOptions o;
    o.mcts_rounds = 20;
    return o;
  }());
  MatchSettings settings;
  settings.board_size = 5;
  settings.sgf_dir = dir.string();
  std::vector<GameOutcome> outcomes = run_games({&a, &b}, alternating_schedule(2), settings);
  for (const GameOutcome& outcome : outcomes) {
    REQUIRE(fs::exists(outcome.sgf_path));
    std::ifstream file(outcome.sgf_path);
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    GameRecord record = read_game_records(text).front();
    CHECK(record.info.result == outcome.result);
    CHECK(static_cast<int>(record.moves.size()) ==
          outcome.moves - (outcome.result.find("+R") != std::string::npos));
    CHECK(record.info.black_player == (outcome.game.black == 0 ? "random" : "mcts"));
  }
  CHECK(fs::path(outcomes[1].sgf_path).filename() == "game_0002.sgf");
  fs::remove_all(dir);
}

TEST_CASE("an external engine that fails stops the run with its error") {
  AgentOptions options;
  PlayerFactory good("random", options);
  PlayerFactory broken("gtp:sh -c 'read line; echo nonsense'", options);
  CHECK(broken.is_external());
  CHECK(broken.label() == "sh");
  CHECK_THROWS_WITH(run_games({&good, &broken}, alternating_schedule(4), MatchSettings{}),
                    Catch::Contains("not a GTP response"));
  CHECK_THROWS_AS(PlayerFactory("gtp:gnugo 'unterminated", options), PlayerError);
  CHECK_THROWS_AS(PlayerFactory("no-such-bot", options), PlayerError);
}
