// Strength levels and the server's cap: GET /bots lists them, /select-move takes a level or a
// budget of its own, and more than the cap is clamped, not obeyed, with the answer saying so.
#include "tests/catch.h"

#include "server/strength_levels.h"
#include "tests/server/http_test_client.h"
#include "tests/server/test_server.h"

namespace dlgo::server::testing {
namespace {

using nlohmann::json;

json move(HttpTestClient& client, const std::string& bot, const json& body) {
  HttpReply reply = client.post("/select-move/" + bot, body.dump());
  INFO(reply.body);
  REQUIRE(reply.status == 200);
  return reply.json();
}

std::vector<double> level_seconds(const std::vector<StrengthLevel>& levels) {
  std::vector<double> seconds;
  for (const StrengthLevel& level : levels) seconds.push_back(level.budget.seconds.value_or(-1));
  return seconds;
}

}  // namespace

TEST_CASE("GET /bots lists each bot's levels, weakest first, and its default level") {
  TestServer server;  // mcts: 50 rounds, the cap
  HttpTestClient client(server.port());
  json bots = client.get("/bots").json().at("bots");
  const json& random = bots[0];
  CHECK(random.at("levels").empty());
  CHECK(random.at("default_level").is_null());
  const json& mcts = bots[1];
  REQUIRE(mcts.at("levels").size() == 4u);
  CHECK(mcts["levels"][0] ==
        json{{"level", 1}, {"name", "quick"}, {"description", "6 visits a move"}});
  CHECK(mcts["levels"][3] ==
        json{{"level", 4}, {"name", "full"}, {"description", "50 visits a move"}});
  CHECK(mcts.at("default_level") == 4);
  const json& policy = bots[3];  // only19: a policy bot whose own choice is the best move
  REQUIRE(policy.at("levels").size() == 2u);
  CHECK(policy["levels"][0]["name"] == "sampling");
  CHECK(policy["levels"][1]["name"] == "best move");
  CHECK(policy.at("default_level") == 2);
}

TEST_CASE("a level sets the search's visits, and the answer's limits say what was used") {
  TestServer server;
  HttpTestClient client(server.port());
  json quick = move(client, "mcts", {{"board_size", 5}, {"moves", {"C3"}}, {"level", 1}});
  CHECK(quick.at("diagnostics").at("visits") == 6);
  CHECK(quick.at("limits") == json{{"level", 1}, {"visits", 6}, {"clamped", false}});
  json plain = move(client, "mcts", {{"board_size", 5}, {"moves", {"C3"}}});
  CHECK(plain.at("diagnostics").at("visits") == 50);
  CHECK_FALSE(plain.contains("limits"));
}

TEST_CASE("a budget above the server's cap is clamped, not obeyed, and says so") {
  TestServer server;
  HttpTestClient client(server.port());
  json greedy = move(client, "mcts", {{"board_size", 5}, {"moves", {"C3"}}, {"visits", 100000}});
  CHECK(greedy.at("diagnostics").at("visits") == 50);
  const json& limits = greedy.at("limits");
  CHECK(limits.at("clamped") == true);
  CHECK(limits.at("visits") == 50);
  CHECK(limits.at("message") == "asked for 100000 visits a move; this server's cap is 50");
  json modest = move(client, "mcts", {{"board_size", 5}, {"moves", {"C3"}}, {"visits", 20}});
  CHECK(modest.at("diagnostics").at("visits") == 20);
  CHECK(modest.at("limits") == json{{"visits", 20}, {"clamped", false}});
  // A direct budget overrides that field of the level.
  json both =
      move(client, "mcts", {{"board_size", 5}, {"moves", {"C3"}}, {"level", 1}, {"visits", 30}});
  CHECK(both.at("diagnostics").at("visits") == 30);
  // Time means nothing to a bot that counts visits: ignored, and said.
  json timed =
      move(client, "mcts", {{"board_size", 5}, {"moves", {"C3"}}, {"seconds_per_move", 100}});
  CHECK(timed.at("diagnostics").at("visits") == 50);
  CHECK(timed.at("limits").at("clamped") == false);
  CHECK_THAT(timed["limits"].at("message").get<std::string>(),
             Catch::Contains("\"seconds_per_move\" does not apply to bot 'mcts'"));
}

TEST_CASE("a policy bot's level 1 samples and its top level plays the best move") {
  TestServer server;
  HttpTestClient client(server.port());
  json body = {{"board_size", 19}, {"moves", json::array()}};
  CHECK(move(client, "only19", body).at("bot_move") == "T19");  // its own choice: the best
  body["level"] = 1;
  json sampled = move(client, "only19", body);
  CHECK(sampled.at("bot_move") == "A1");
  CHECK(sampled.at("limits") == json{{"level", 1}, {"greedy", false}, {"clamped", false}});
  body["level"] = 2;
  CHECK(move(client, "only19", body).at("bot_move") == "T19");
}

TEST_CASE("bad levels and budgets are 400, naming the field and the levels there are") {
  TestServer server;
  HttpTestClient client(server.port());
  std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"board_size": 5, "moves": [], "level": 5})",
       "\"level\" 5 is not a level of bot 'mcts'; its levels are 1 (quick), 2 (light), "
       "3 (medium), 4 (full)"},
      {R"({"board_size": 5, "moves": [], "level": "2"})",
       "\"level\" must be an integer, not \"2\""},
      {R"({"board_size": 5, "moves": [], "level": 1.5})", "\"level\" must be an integer"},
      {R"({"board_size": 5, "moves": [], "visits": 0})", "\"visits\" must be at least 1, not 0"},
      {R"({"board_size": 5, "moves": [], "visits": -3})", "\"visits\" must be at least 1"},
      {R"({"board_size": 5, "moves": [], "visits": 2.5})", "\"visits\" must be an integer"},
      {R"({"board_size": 5, "moves": [], "seconds_per_move": 0})",
       "\"seconds_per_move\" must be a number of seconds above 0, not 0"},
      {R"({"board_size": 5, "moves": [], "seconds_per_move": "1"})",
       "\"seconds_per_move\" must be a number, not \"1\""},
  };
  for (const auto& [body, message] : cases) {
    INFO(body);
    HttpReply reply = client.post("/select-move/mcts", body);
    CHECK(reply.status == 400);
    CHECK_THAT(reply.error(), Catch::Contains(message));
  }
  HttpReply huge =
      client.post("/select-move/mcts", R"({"board_size": 5, "moves": [], "visits": 1e3})");
  CHECK(huge.status == 400);
}

TEST_CASE("levels follow the cap: quarters of the time for a timed search, no repeats") {
  StrengthSettings timed;
  timed.seconds = 2.0;
  std::vector<StrengthLevel> levels = strength_levels(timed);
  CHECK(level_seconds(levels) == std::vector<double>{0.25, 0.5, 1.0, 2.0});
  CHECK(levels[0].description == "0.25 s a move");
  CHECK(default_level(timed) == 4);
  StrengthSettings few;
  few.visits = 5;  // 5/8 and 5/4 are both 1 visit: one level for them
  std::vector<StrengthLevel> small = strength_levels(few);
  REQUIRE(small.size() == 3u);
  CHECK(small[0].budget.visits == 1);
  CHECK(small[0].name == "light");
  CHECK(small[2].level == 3);
  CHECK(default_level(few) == 3);
  StrengthSettings sampling;
  sampling.greedy = false;
  CHECK(default_level(sampling) == 1);
  CHECK(strength_levels(StrengthSettings{}).empty());
  // A timed bot clamps seconds and ignores visits.
  MoveRequest request{GameState::new_game(9), std::nullopt, 10.0, 5, ""};
  ResolvedStrength resolved = resolve_strength(timed, request, "zero");
  CHECK(resolved.budget.seconds == 2.0);
  CHECK_FALSE(resolved.budget.visits);
  CHECK(resolved.limits.at("clamped") == true);
  CHECK(resolved.limits.at("message") ==
        "asked for 10 s a move; this server's cap is 2 s; \"visits\" does not apply to bot "
        "'zero' (it searches for a time)");
}

}  // namespace dlgo::server::testing
