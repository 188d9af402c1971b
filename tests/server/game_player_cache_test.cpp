// One player per served game (server/game_player_cache.h): over HTTP, and the cache's bound.
#include "server/game_player_cache.h"

#include "tests/catch.h"

#include "tests/server/http_test_client.h"
#include "tests/server/test_server.h"

using namespace dlgo;
using namespace dlgo::server;
using namespace dlgo::server::testing;
using nlohmann::json;

namespace {

// The visits the memory bot reports for `moves` on 9x9: how many moves its player has chosen.
int player_moves(HttpTestClient& client, const json& moves, std::string* bot_move = nullptr) {
  json body = {{"board_size", 9}, {"moves", moves}};
  HttpReply reply = client.post("/select-move/memory", body.dump());
  REQUIRE(reply.status == 200);
  json answer = reply.json();
  if (bot_move) *bot_move = answer.at("bot_move").get<std::string>();
  return answer.at("diagnostics").at("visits").get<int>();
}

}  // namespace

TEST_CASE("successive requests of one game play with one player, another game with its own") {
  TestServer server;
  HttpTestClient client(server.port());
  std::string first_reply, second_reply;
  CHECK(player_moves(client, {"E5"}, &first_reply) == 1);
  // The same game, one move on each side later: the player of the previous move.
  CHECK(player_moves(client, {"E5", first_reply, "C3"}, &second_reply) == 2);
  const json game = {"E5", first_reply, "C3", second_reply, "G7"};
  CHECK(player_moves(client, game) == 3);
  // Another opening is another game; so is the same moves with another komi.
  CHECK(player_moves(client, {"D4"}) == 1);
  json other_komi = {{"board_size", 9}, {"komi", 0.5}, {"moves", game}};
  HttpReply reply = client.post("/select-move/memory", other_komi.dump());
  REQUIRE(reply.status == 200);
  CHECK(reply.json().at("diagnostics").at("visits") == 1);
  // Going back (an undo) continues no cached game past its point: a new player.
  CHECK(player_moves(client, json::array()) == 1);
}

TEST_CASE("the cache hands a player out to one request at a time and keeps at most its bound") {
  MemoryAgent agent;
  GamePlayerCache cache(agent, 2);
  const std::string setup = "9 komi 7.5 handicap null";
  std::unique_ptr<GamePlayer> first = cache.take({setup, {Move::play(0)}});
  cache.put_back({setup, {Move::play(0), Move::play(1)}}, std::move(first));
  REQUIRE(cache.size() == 1);
  std::unique_ptr<GamePlayer> taken = cache.take({setup, {Move::play(0), Move::play(1)}});
  CHECK(cache.size() == 0);  // out of the cache while it plays
  std::unique_ptr<GamePlayer> fresh = cache.take({setup, {Move::play(0), Move::play(1)}});
  CHECK(fresh != taken);
  cache.put_back({setup, {Move::play(0), Move::play(1)}}, std::move(taken));
  cache.put_back({setup, {Move::play(5)}}, std::move(fresh));
  cache.put_back({setup, {Move::play(7)}}, agent.new_game_player(0));
  CHECK(cache.size() == 2);  // the least recently used game was evicted
  GamePlayer* kept = nullptr;
  {
    std::unique_ptr<GamePlayer> seven = cache.take({setup, {Move::play(7), Move::play(8)}});
    kept = seven.get();
    cache.put_back({setup, {Move::play(7)}}, std::move(seven));
  }
  CHECK(kept != nullptr);
  // The evicted game [0, 1] now starts a new player; the cache holds [5] and [7].
  std::unique_ptr<GamePlayer> again = cache.take({setup, {Move::play(0), Move::play(1)}});
  CHECK(cache.size() == 2);
  CHECK(cache.take({setup, {Move::play(7)}}).get() == kept);
}
