// GTP's final_status_list and final_score: the answer of estimate_final_status() for the same
// position (one implementation behind GTP, the referee and the server's /score), with seki
// stones under `seki` as the GTP specification has it.
#include "tests/catch.h"

#include <string>

#include "engine/agents/agent_factory.h"
#include "engine/ascii_board.h"
#include "engine/dead_stones/final_status.h"
#include "engine/gtp/gtp_arguments.h"
#include "engine/gtp/gtp_engine.h"
#include "tests/eval/final_positions.h"

using namespace dlgo;
using namespace dlgo::test;

namespace {

// The answer's text: "= X\n\n" -> "X" (a failure fails the test).
std::string answer(GtpEngine& engine, const std::string& command) {
  std::string response = engine.execute(command);
  INFO(command << " -> " << response);
  REQUIRE(response.rfind("=", 0) == 0);
  REQUIRE(response.size() >= 3);
  std::string text = response.substr(1, response.size() - 3);
  return text.empty() ? text : text.substr(1);
}

// Puts the diagram's stones on the engine's board with `play` (either colour may move at any
// time; no chain ever runs out of liberties while the stones go down, so nothing is captured).
// Returns the position as the engine has it: the player to move is the opponent of the colour
// that played last.
GameState set_up(GtpEngine& engine, const char* diagram) {
  GameState state = game_from_ascii(diagram);
  const Board& board = state.board();
  answer(engine, "boardsize " + std::to_string(board.width()));
  answer(engine, "clear_board");
  Color last = Color::kWhite;
  for (int point = 0; point < board.num_points(); ++point) {
    if (!is_stone(board.at(point))) continue;
    last = board.at(point);
    answer(engine, std::string("play ") + (board.at(point) == Color::kBlack ? "b " : "w ") +
                       point_to_gtp(state.size(), point));
  }
  state.set_next_player(opponent(last));
  return state;
}

}  // namespace

TEST_CASE("final_status_list names seki stones under seki, and final_score counts them") {
  GtpEngine engine(std::shared_ptr<Agent>(make_agent("random")), GtpEngineOptions{});
  set_up(engine, kCornerSeki);
  // GNU Go 3.8 on this position: no dead stones, these nine in seki, B+18.5.
  CHECK(answer(engine, "final_status_list seki") == "A8 B8 C8 D8 E8 F8 B9 D9 F9");
  CHECK(answer(engine, "final_status_list dead") == "");
  CHECK(answer(engine, "final_status_list alive").find("A7") != std::string::npos);
  CHECK(answer(engine, "final_status_list alive").find("B9") == std::string::npos);
  CHECK(answer(engine, "final_score") == "B+18.5");
}

TEST_CASE("final_status_list and final_score give the estimate's answer for the position") {
  GtpEngine engine(std::shared_ptr<Agent>(make_agent("random")), GtpEngineOptions{});
  GameState state = set_up(engine, kDeadStones);
  FinalStatus expected = estimate_final_status(state);
  CHECK(answer(engine, "final_status_list dead") ==
        vertex_list(state.size(), expected.points_with(StoneStatus::kDead)));
  CHECK(answer(engine, "final_status_list dead") == "H3 B4 H7");  // GNU Go's list
  CHECK(answer(engine, "final_status_list alive") ==
        vertex_list(state.size(), expected.points_with(StoneStatus::kAlive)));
  CHECK(answer(engine, "final_status_list seki") == "");
  CHECK(answer(engine, "final_score") == expected.result.to_string());
  CHECK(answer(engine, "final_score") == "W+14.5");  // GNU Go's score
  CHECK(engine.execute("final_status_list unknown").rfind("? syntax error", 0) == 0);
}
