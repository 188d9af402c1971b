// POST /score/<bot> over real sockets: dead stones, seki, ownership, territory and result on
// diagram positions (whose answers GNU Go agrees with), the same answer as GTP's
// final_status_list and final_score, the value bots' extra, and every refusal /select-move has.
#include "tests/catch.h"

#include <algorithm>
#include <sstream>

#include "engine/agents/agent_factory.h"
#include "engine/ascii_board.h"
#include "engine/coords.h"
#include "engine/dead_stones/final_status.h"
#include "engine/gtp/gtp_engine.h"
#include "tests/eval/final_positions.h"
#include "tests/server/http_test_client.h"
#include "tests/server/test_server.h"

namespace dlgo::server::testing {
namespace {

using dlgo::test::kCornerSeki;
using dlgo::test::kDeadStones;
using nlohmann::json;

// Moves that build the diagram's position from an empty board (Black and White alternate; the
// side with fewer stones passes once its stones are down; nothing is captured on the way,
// since no chain of the diagram is without liberties), then passes until the game is over.
std::vector<std::string> moves_for(const char* diagram) {
  GameState target = game_from_ascii(diagram);
  const Board& board = target.board();
  std::vector<int> stones[2];
  for (int point = 0; point < board.num_points(); ++point) {
    if (board.at(point) == Color::kBlack) stones[0].push_back(point);
    if (board.at(point) == Color::kWhite) stones[1].push_back(point);
  }
  GameState game = GameState::new_game(board.width());
  std::vector<std::string> moves;
  std::size_t next[2] = {0, 0};
  while (next[0] < stones[0].size() || next[1] < stones[1].size()) {
    int side = game.next_player() == Color::kBlack ? 0 : 1;
    Move move =
        next[side] < stones[side].size() ? Move::play(stones[side][next[side]++]) : Move::pass();
    game.play(move);
    moves.push_back(move_to_gtp(game.size(), move));
  }
  REQUIRE(game.board() == board);
  while (!game.is_over()) {
    game.play(Move::pass());
    moves.push_back("pass");
  }
  return moves;
}

GameState replayed(int size, const std::vector<std::string>& moves) {
  GameState state = GameState::new_game(size);
  for (const std::string& text : moves) state.play(*gtp_to_move(state.size(), text));
  return state;
}

std::vector<std::string> sorted(std::vector<std::string> list) {
  std::sort(list.begin(), list.end());
  return list;
}

json score(HttpTestClient& client, const std::string& bot, const json& body) {
  HttpReply reply = client.post("/score/" + bot, body.dump());
  INFO(reply.body);
  REQUIRE(reply.status == 200);
  CHECK(reply.header("content-type") == "application/json");
  return reply.json();
}

}  // namespace

TEST_CASE("/score takes off the dead stones of a finished game and counts the area") {
  TestServer server;
  HttpTestClient client(server.port());
  std::vector<std::string> moves = moves_for(kDeadStones);
  json answer = score(client, "random", {{"board_size", 9}, {"moves", moves}});
  // GNU Go 3.8: final_status_list dead = H7 B4 H3, final_score W+14.5.
  CHECK(sorted(answer.at("dead")) == std::vector<std::string>{"B4", "H3", "H7"});
  CHECK(answer.at("seki").empty());
  CHECK(answer.at("result") == "W+14.5");
  CHECK(answer.at("winner") == "white");
  CHECK(answer.at("method") == "playouts");
  CHECK_FALSE(answer.contains("black_win_rate"));
  const json& score = answer.at("score");
  CHECK(score.at("komi") == 7.5);
  CHECK(score.at("black").get<int>() - score.at("white").get<int>() - 7.5 == -14.5);
  // Every point once: stones left on the board, or territory of one side, or dame.
  const json& territory = answer.at("territory");
  std::vector<std::string> black = territory.at("black"), white = territory.at("white");
  CHECK(std::count(black.begin(), black.end(), "B4") == 1);  // a dead stone's point
  CHECK(std::count(white.begin(), white.end(), "H7") == 1);
  std::vector<std::string> dame = territory.at("dame");
  CHECK(sorted(dame) == std::vector<std::string>{"D9", "E4"});  // between the two colours
  GameState state = replayed(9, moves);
  std::size_t stones[3] = {0, 0, 0};
  for (int point = 0; point < 81; ++point) {
    bool dead = std::count(answer["dead"].begin(), answer["dead"].end(),
                           point_to_gtp(state.size(), point)) > 0;
    if (!dead) ++stones[static_cast<int>(state.board().at(point))];
  }
  CHECK(stones[1] + black.size() == score["black"].get<std::size_t>());
  CHECK(stones[2] + white.size() == score["white"].get<std::size_t>());
  CHECK(stones[0] == black.size() + white.size() + dame.size() - answer["dead"].size());
  // Ownership: 81 numbers, row 1 first; H7 is White's (a dead Black stone), D2 Black's.
  const json& ownership = answer.at("ownership");
  REQUIRE(ownership.size() == 81u);
  for (const json& value : ownership) CHECK(std::abs(value.get<double>()) <= 1.0);
  CHECK(ownership[6 * 9 + 7].get<double>() < -0.6);  // H7: row 7, column H
  CHECK(ownership[1 * 9 + 3].get<double>() > 0.6);   // D2
}

TEST_CASE("/score lists a seki's stones as seki, counts them, and leaves its liberty dame") {
  TestServer server;
  HttpTestClient client(server.port());
  json answer = score(client, "mcts", {{"board_size", 9}, {"moves", moves_for(kCornerSeki)}});
  // GNU Go 3.8: final_status_list seki = these nine, no dead stones, B+18.5.
  CHECK(sorted(answer.at("seki")) ==
        std::vector<std::string>{"A8", "B8", "B9", "C8", "D8", "D9", "E8", "F8", "F9"});
  CHECK(answer.at("dead").empty());
  CHECK(answer.at("result") == "B+18.5");
  CHECK(answer.at("territory").at("dame") == json{"C9"});
}

TEST_CASE("/score gives GTP's final_status_list and final_score for the same game") {
  TestServer server;
  HttpTestClient client(server.port());
  for (const char* diagram : {kDeadStones, kCornerSeki}) {
    std::vector<std::string> moves = moves_for(diagram);
    json answer = score(client, "random", {{"board_size", 9}, {"moves", moves}});
    GtpEngine engine(std::shared_ptr<Agent>(make_agent("random")), GtpEngineOptions{});
    REQUIRE(engine.execute("boardsize 9") == "= \n\n");
    Color color = Color::kBlack;
    for (const std::string& move : moves) {
      std::string reply =
          engine.execute(std::string("play ") + (color == Color::kBlack ? "b " : "w ") + move);
      REQUIRE(reply == "= \n\n");
      color = opponent(color);
    }
    auto listed = [&](const std::string& command) {
      std::string reply = engine.execute(command);
      std::vector<std::string> vertices;
      std::string text = reply.substr(1, reply.size() - 3), vertex;
      for (std::istringstream words(text); words >> vertex;) vertices.push_back(vertex);
      return sorted(vertices);
    };
    CHECK(listed("final_status_list dead") == sorted(answer["dead"]));
    CHECK(listed("final_status_list seki") == sorted(answer["seki"]));
    CHECK(engine.execute("final_score") == "= " + answer["result"].get<std::string>() + "\n\n");
  }
}

TEST_CASE("/score answers a game still in progress (score now) the same way") {
  TestServer server;
  HttpTestClient client(server.port());
  std::vector<std::string> moves = moves_for(kDeadStones);
  while (moves.back() == "pass") moves.pop_back();
  json answer = score(client, "random", {{"board_size", 9}, {"moves", moves}});
  CHECK(sorted(answer.at("dead")) == std::vector<std::string>{"B4", "H3", "H7"});
  CHECK(answer.at("result") == "W+14.5");
  json komi = score(client, "random", {{"board_size", 9}, {"moves", moves}, {"komi", 0.5}});
  CHECK(komi.at("result") == "W+7.5");
  CHECK(komi.at("score").at("komi") == 0.5);
}

TEST_CASE("/score of a bot with a value head adds the network's view: Black's win rate") {
  TestServer server;
  HttpTestClient client(server.port());
  // only19 judges every position +0.5 for the player to move: a 75% win rate. After one move
  // White is to move, so Black's chance is 25%.
  json answer = score(client, "only19", {{"board_size", 19}, {"moves", {"Q16"}}});
  CHECK(answer.at("method") == "playouts+value");
  CHECK(answer.at("black_win_rate") == 0.25);
  CHECK(answer.at("ownership").size() == 361u);
  CHECK(answer.at("dead").empty());
  CHECK(answer.at("result") == "B+353.5");  // one stone owns an otherwise empty board
}

TEST_CASE("/score refuses what /select-move refuses, but takes a game ended by two passes") {
  TestServer server;
  HttpTestClient client(server.port());
  struct Case {
    std::string target, body;
    int status;
    std::string message_part;
  };
  std::vector<Case> cases = {
      {"/score/random", "{", 400, "malformed JSON"},
      {"/score/random", R"({"moves": []})", 400, "missing \"board_size\""},
      {"/score/random", R"({"board_size": "9", "moves": []})", 400, "must be an integer"},
      {"/score/random", R"({"board_size": 9, "moves": ["E5", "E5"]})", 400,
       "move 1 (\"E5\") is illegal"},
      {"/score/random", R"({"board_size": 9, "moves": ["pass", "pass", "E5"]})", 400,
       "comes after the end of the game"},
      {"/score/random", R"({"board_size": 9, "moves": ["E5", "resign"]})", 400,
       "a player resigned"},
      {"/score/random", R"({"board_size": 9, "moves": [], "komi": "x"})", 400,
       "\"komi\" must be a number"},
      {"/score/random", R"({"board_size": 9, "moves": [], "handicap": ["Z99"]})", 400,
       "handicap stone 0"},
      {"/score/mcts", R"({"board_size": 9, "moves": [], "level": 7})", 400,
       "\"level\" 7 is not a level of bot 'mcts'"},
      {"/score/random", R"({"board_size": 9, "moves": [], "level": 1})", 400, "it has none"},
      {"/score/only19", R"({"board_size": 9, "moves": []})", 400, "cannot play on a 9x9"},
      {"/score/nobody", R"({"board_size": 9, "moves": []})", 404, "unknown bot 'nobody'"},
  };
  for (const Case& c : cases) {
    INFO(c.target << " " << c.body);
    HttpReply reply = client.post(c.target, c.body);
    CHECK(reply.status == c.status);
    CHECK_THAT(reply.error(), Catch::Contains(c.message_part));
  }
  HttpReply ended =
      client.post("/score/random", R"({"board_size": 9, "moves": ["E5", "pass", "pass"]})");
  CHECK(ended.status == 200);
  CHECK(client.post("/select-move/random", R"({"board_size": 9, "moves": ["pass", "pass"]})")
            .status == 400);
  HttpReply get = client.get("/score/random");
  CHECK(get.status == 405);
  CHECK(get.header("allow") == "POST, OPTIONS");
}

}  // namespace dlgo::server::testing
