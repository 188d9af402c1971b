// lz-analyze: streamed info lines from a worker thread, ended by the next command.
#include "tests/catch.h"

#include <chrono>
#include <regex>
#include <thread>

#include "engine/agents/agent_factory.h"
#include "engine/gtp/analysis.h"
#include "engine/gtp/gtp_engine.h"
#include "tests/gtp/gtp_support.h"

using namespace dlgo;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) break;
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

long visits_of_first(const std::string& line) {
  std::smatch match;
  std::regex pattern("visits (\\d+)");
  if (!std::regex_search(line, match, pattern)) return -1;
  return std::stol(match[1]);
}

}  // namespace

TEST_CASE("lz-analyze streams growing search results until the next command") {
  auto engine =
      test::make_test_engine({{"bot", "mcts"}, {"mcts-rounds", "200"}, {"board-size", "9"}});
  StringOutput out;
  engine->handle_line("play b E5", out);
  CHECK(out.take() == "= \n\n");
  engine->handle_line("3 lz-analyze 5", out);
  CHECK(engine->analysing());
  std::string stream;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (lines_of(stream).size() < 4 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    stream += out.take();
  }
  engine->handle_line("name", out);  // ends the analysis, then answers
  CHECK_FALSE(engine->analysing());
  stream += out.take();

  std::vector<std::string> lines = lines_of(stream);
  REQUIRE(lines.size() >= 6);
  CHECK(lines[0] == "=3");
  const std::regex info(
      "info move [A-HJ][1-9] visits \\d+ winrate \\d+ prior \\d+ order 0 pv( [A-HJ][1-9]| pass)+"
      "( info move ([A-HJ][1-9]|pass) visits \\d+ winrate \\d+ prior \\d+ order \\d+ pv( "
      "[A-HJ][1-9]| pass)+)*");
  std::size_t end = 1;
  while (end < lines.size() && !lines[end].empty()) {
    INFO(lines[end]);
    CHECK(std::regex_match(lines[end], info));
    CHECK(lines[end].find("move E5") == std::string::npos);  // occupied
    ++end;
  }
  REQUIRE(end >= 4);
  // Pooled searches: the best move's visits never shrink from report to report.
  CHECK(visits_of_first(lines[end - 1]) >= visits_of_first(lines[1]));
  CHECK(visits_of_first(lines[end - 1]) > visits_of_first(lines[1]) / 2);
  REQUIRE(end + 2 < lines.size());
  CHECK(lines[end].empty());  // the analysis response is closed by an empty line
  CHECK(lines[end + 1] == "= dlgo");
  CHECK(lines[end + 2].empty());
}

TEST_CASE("lz-analyze of an agent without search reports once") {
  auto engine = test::make_test_engine({{"bot", "random"}, {"board-size", "9"}});
  StringOutput out;
  engine->handle_line("lz-analyze 1", out);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  engine->stop_analysis();
  std::vector<std::string> lines = lines_of(out.take());
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "=");
  CHECK(std::regex_match(lines[1], std::regex("info move [A-HJ][1-9] visits \\d+ winrate 5000 "
                                              "prior \\d+ order 0 pv [A-HJ][1-9]")));
  CHECK(lines[2].empty());
}

TEST_CASE("the analysis of a colour other than the player to move asks about that colour") {
  auto engine =
      test::make_test_engine({{"bot", "mcts"}, {"mcts-rounds", "50"}, {"board-size", "5"}});
  StringOutput out;
  engine->handle_line("lz-analyze w 1", out);
  std::string stream;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (stream.find("info") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    stream += out.take();
  }
  engine->stop_analysis();
  CHECK(stream.find("info move") != std::string::npos);
  // Analysis does not change the game.
  CHECK(engine->game().moves().empty());
  CHECK(engine->game().state().next_player() == Color::kBlack);
}

TEST_CASE("the analysis pool adds visits and weights win rates") {
  AnalysisPool pool(BoardSize{9, 9});
  MoveDecision first;
  first.move = Move::play(40);
  first.diagnostics.top_moves = {{Move::play(40), std::nullopt, 30, 0.6},
                                 {Move::play(41), std::nullopt, 10, 0.4}};
  first.diagnostics.principal_variation = {Move::play(40), Move::play(30)};
  MoveDecision second;
  second.move = Move::play(41);
  second.diagnostics.top_moves = {{Move::play(41), std::nullopt, 30, 0.5},
                                  {Move::play(40), std::nullopt, 10, 0.2}};
  pool.add(first, 80);
  pool.add(second, 80);
  CHECK(pool.has_search());
  // E5 (40): 40 visits, win rate (0.6*30 + 0.2*10) / 40 = 0.5; F5 (41): 40 visits,
  // (0.4*10 + 0.5*30) / 40 = 0.475. Ties keep point order; priors are visit shares.
  CHECK(pool.info_line() ==
        "info move E5 visits 40 winrate 5000 prior 5000 order 0 pv E5 D4 "
        "info move F5 visits 40 winrate 4750 prior 5000 order 1 pv F5");
}
