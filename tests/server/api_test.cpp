// The JSON API over real sockets: /select-move, /bots, /healthz, / and every refusal.
#include "tests/catch.h"

#include "engine/coords.h"
#include "engine/game_state.h"
#include "tests/server/http_test_client.h"
#include "tests/server/test_server.h"

namespace dlgo::server::testing {
namespace {

using nlohmann::json;

// Replays `moves` and then `bot_move` on a fresh board: throws if the bot's move is illegal.
void expect_legal_answer(int size, const std::vector<std::string>& moves,
                         const std::string& bot_move) {
  GameState state = GameState::new_game(size);
  for (const std::string& text : moves) state.play(*gtp_to_move(state.size(), text));
  std::optional<Move> move = gtp_to_move(state.size(), bot_move);
  REQUIRE(move);
  CHECK(state.is_legal(*move));
}

TEST_CASE("POST /select-move/random answers a legal move for a 10-move history") {
  TestServer server;
  HttpTestClient client(server.port());
  std::vector<std::string> moves = {"E5", "C3", "G7", "C7", "G3", "D4", "F6", "pass", "E3", "D6"};
  json body = {{"board_size", 9}, {"moves", moves}};
  HttpReply reply = client.post("/select-move/random", body.dump());
  REQUIRE(reply.status == 200);
  CHECK(reply.header("content-type") == "application/json");
  CHECK(reply.header("content-length") == std::to_string(reply.body.size()));
  json answer = reply.json();
  REQUIRE(answer.at("bot_move").is_string());
  expect_legal_answer(9, moves, answer["bot_move"]);
  CHECK(answer.at("diagnostics").is_object());
  CHECK(answer["diagnostics"].at("seconds").is_number());
}

TEST_CASE("POST /select-move/mcts carries the search's diagnostics") {
  TestServer server;
  HttpTestClient client(server.port());
  HttpReply reply = client.post("/select-move/mcts", R"({"board_size": 5, "moves": ["C3"]})");
  REQUIRE(reply.status == 200);
  json answer = reply.json();
  expect_legal_answer(5, {"C3"}, answer["bot_move"]);
  const json& diagnostics = answer["diagnostics"];
  CHECK(diagnostics.at("visits") == 50);
  REQUIRE(diagnostics.at("top_moves").size() >= 1);
  CHECK(diagnostics["top_moves"][0].at("visits").get<int>() >= 1);
  CHECK(diagnostics["top_moves"][0].at("win_rate").get<double>() >= 0.0);
  CHECK(diagnostics.at("win_rate").get<double>() <= 1.0);
  CHECK(diagnostics["principal_variation"][0] == answer["bot_move"]);
}

TEST_CASE("select-move reports priors, value and win rate of a network-like bot") {
  TestServer server;
  HttpTestClient client(server.port());
  HttpReply reply = client.post("/select-move/only19", R"({"board_size": 19, "moves": ["Q16"]})");
  REQUIRE(reply.status == 200);
  json diagnostics = reply.json()["diagnostics"];
  CHECK(diagnostics["top_moves"][0]["prior"] == 0.75);
  CHECK(diagnostics["value"] == 0.2);
  CHECK(diagnostics["win_rate"] == 0.6);
  CHECK_FALSE(diagnostics["top_moves"][0].contains("visits"));
}

TEST_CASE("select-move takes komi and handicap stones, after which White moves") {
  TestServer server;
  HttpTestClient client(server.port());
  // The gate bot plays the first legal point; with A1 a handicap stone that is B1.
  server.gate().release();
  HttpReply reply =
      client.post("/select-move/gate",
                  R"({"board_size": 9, "komi": 0.5, "handicap": ["A1", "G7"], "moves": []})");
  REQUIRE(reply.status == 200);
  CHECK(reply.json()["bot_move"] == "B1");
  // Black's handicap stones make White's move legal elsewhere; a move onto one is refused.
  reply = client.post("/select-move/random",
                      R"({"board_size": 9, "handicap": ["C3", "G7"], "moves": ["C3"]})");
  CHECK(reply.status == 400);
  CHECK_THAT(reply.error(), Catch::Contains("move 0") && Catch::Contains("C3"));
}

TEST_CASE("GET /healthz, /bots and / describe the server") {
  TestServer server;
  HttpTestClient client(server.port());
  HttpReply health = client.get("/healthz");
  CHECK(health.status == 200);
  CHECK(health.json() == json{{"status", "ok"}});

  HttpReply bots = client.get("/bots");
  REQUIRE(bots.status == 200);
  json list = bots.json().at("bots");
  REQUIRE(list.size() == 5);
  CHECK(list[0]["name"] == "random");
  CHECK(list[0]["kind"] == "random");
  CHECK(list[0]["board_size"].is_null());
  CHECK(list[0]["source"].is_null());
  CHECK(list[0]["page"] == "/static/play_random_99.html");
  CHECK(list[1]["name"] == "mcts");
  CHECK(list[1]["page"] == "/static/play_mcts_55.html");
  CHECK(list[3]["name"] == "only19");
  CHECK(list[3]["board_size"] == 19);
  CHECK(list[3]["encoder"] == "simple");
  CHECK(list[3]["source"] == "test/only19.h5");
  CHECK(list[3]["page"] == "/static/play_random_99.html?bot=only19&size=19");

  HttpReply index = client.get("/");
  REQUIRE(index.status == 200);
  CHECK(index.header("content-type") == "text/html; charset=utf-8");
  CHECK_THAT(index.body, Catch::Contains("href=\"/static/play_random_99.html\"") &&
                             Catch::Contains("href=\"/static/play_mcts_55.html\"") &&
                             Catch::Contains("only19"));
}

struct BadBody {
  std::string body;
  std::string message_part;
};

TEST_CASE("select-move refuses bad bodies with 400 and says what is wrong") {
  TestServer server;
  HttpTestClient client(server.port());
  std::vector<BadBody> cases = {
      {R"({"board_size": 9, "moves": [)", "malformed JSON"},
      {"", "malformed JSON"},
      {"not json", "malformed JSON"},
      {R"([9, ["D4"]])", "must be a JSON object"},
      {R"({"moves": []})", "missing \"board_size\""},
      {R"({"board_size": "9", "moves": []})", "\"board_size\" must be an integer"},
      {R"({"board_size": 9.5, "moves": []})", "\"board_size\" must be an integer"},
      {R"({"board_size": 1, "moves": []})", "\"board_size\" 1 is not a board size"},
      {R"({"board_size": 26, "moves": []})", "\"board_size\" 26 is not a board size"},
      {R"({"board_size": 99999999999999999999, "moves": []})", "\"board_size\""},
      {R"({"board_size": 9})", "missing \"moves\""},
      {R"({"board_size": 9, "moves": "D4"})", "\"moves\" must be a list"},
      {R"({"board_size": 9, "moves": ["D4", 5]})", "move 1 must be a string"},
      {R"({"board_size": 9, "moves": ["D4", "E5", "Z99"]})", "move 2 (\"Z99\") is not a point"},
      {R"({"board_size": 9, "moves": ["D4", "K5"]})", "move 1 (\"K5\") is not a point on a 9x9"},
      {R"({"board_size": 9, "moves": ["I5"]})", "move 0 (\"I5\") is not a point"},
      {R"({"board_size": 9, "moves": ["D4", "D4"]})", "move 1 (\"D4\") is illegal"},
      {R"({"board_size": 9, "moves": ["pass", "pass"]})", "the game is over"},
      {R"({"board_size": 9, "moves": ["resign"]})", "the game is over"},
      {R"({"board_size": 9, "moves": ["pass", "pass", "D4"]})",
       "move 2 (\"D4\") comes after the end of the game"},
      // Black A2, B1 around the corner: White A1 would be suicide.
      {R"({"board_size": 9, "moves": ["A2", "E5", "B1", "A1"]})", "move 3 (\"A1\") is illegal"},
      {R"({"board_size": 9, "komi": "7.5", "moves": []})", "\"komi\" must be a number"},
      {R"({"board_size": 9, "komi": 1e300, "moves": []})", "\"komi\""},
      {R"({"board_size": 9, "handicap": "D4", "moves": []})", "\"handicap\" must be a list"},
      {R"({"board_size": 9, "handicap": ["D4", "D4"], "moves": []})", "is repeated"},
      {R"({"board_size": 9, "handicap": ["X1"], "moves": []})", "handicap stone 0"},
      {R"({"board_size": 9, "handicap": [3], "moves": []})", "handicap stone 0 must be a string"},
  };
  for (const BadBody& bad : cases) {
    INFO("body: " << bad.body);
    HttpReply reply = client.post("/select-move/random", bad.body);
    CHECK(reply.status == 400);
    CHECK(reply.header("content-type") == "application/json");
    CHECK_THAT(reply.error(), Catch::Contains(bad.message_part));
    CHECK(reply.keep_alive);  // a refused body does not cost the connection
  }
}

TEST_CASE("select-move reports numbers out of range as 400, naming them as they were sent") {
  TestServer server;
  HttpTestClient client(server.port());
  // Valid JSON whose number no double holds: refused like any bad field, not a 500.
  for (const char* body : {R"({"board_size": 1e400, "moves": []})",
                           R"({"board_size": 9, "komi": -1e400, "moves": []})"}) {
    INFO("body: " << body);
    HttpReply reply = client.post("/select-move/random", body);
    CHECK(reply.status == 400);
    CHECK_THAT(reply.error(), Catch::Contains("out of range") && Catch::Contains("1e400") &&
                                  !Catch::Contains("json.exception"));
    CHECK(reply.keep_alive);
  }
  // 2^64 - 1 is the largest integer JSON parsing keeps exact; it is not -1.
  HttpReply reply =
      client.post("/select-move/random", R"({"board_size": 18446744073709551615, "moves": []})");
  CHECK(reply.status == 400);
  CHECK(reply.error() == "\"board_size\" 18446744073709551615 is not a board size from 2 to 25");
  reply =
      client.post("/select-move/random", R"({"board_size": -9223372036854775808, "moves": []})");
  CHECK(reply.status == 400);
  CHECK(reply.error() == "\"board_size\" -9223372036854775808 is not a board size from 2 to 25");
}

TEST_CASE("error messages keep the client's NULs and control characters, escaped") {
  TestServer server;
  HttpTestClient client(server.port());
  // The move is echoed as a JSON string literal: the NUL shows as \u0000, the text goes on.
  HttpReply reply =
      client.post("/select-move/random", R"({"board_size": 9, "moves": ["D4\u0000"]})");
  CHECK(reply.status == 400);
  CHECK(reply.error() ==
        R"(move 0 ("D4\u0000") is not a point on a 9x9 board, "pass" or "resign")");
  reply = client.post("/select-move/random", R"({"board_size": 9, "moves": ["D4\n\"x\\"]})");
  CHECK(reply.status == 400);
  CHECK(reply.error() ==
        R"(move 0 ("D4\n\"x\\") is not a point on a 9x9 board, "pass" or "resign")");
  reply = client.post("/select-move/random",
                      R"({"board_size": 9, "handicap": ["A\u0001"], "moves": []})");
  CHECK(reply.status == 400);
  CHECK(reply.error() == R"(handicap stone 0 ("A\u0001") is not a point on a 9x9 board)");
  // A NUL decoded from the path is part of the message too: the body escapes it, nothing is
  // cut off after it.
  reply = client.get("/nothing%00here");
  CHECK(reply.status == 404);
  CHECK_THAT(reply.body, Catch::Contains(R"(no such page: /nothing\u0000here (try /)"));
  std::string expected = "no such page: /nothing";
  expected += '\0';
  expected +=
      "here (try /, /bots, /healthz, /static/<file>, POST /select-move/<bot> or POST "
      "/score/<bot>)";
  CHECK(reply.error() == expected);
}

TEST_CASE("select-move refuses a board size the bot cannot play, naming the sizes it can") {
  TestServer server;
  HttpTestClient client(server.port());
  HttpReply reply = client.post("/select-move/only19", R"({"board_size": 9, "moves": []})");
  CHECK(reply.status == 400);
  CHECK_THAT(reply.error(), Catch::Contains("cannot play on a 9x9 board") && Catch::Contains("19"));
}

TEST_CASE("unknown bots and pages are 404, wrong methods 405 with Allow") {
  TestServer server;
  HttpTestClient client(server.port());
  HttpReply reply = client.post("/select-move/gnugo", R"({"board_size": 9, "moves": []})");
  CHECK(reply.status == 404);
  CHECK_THAT(reply.error(), Catch::Contains("unknown bot 'gnugo'") && Catch::Contains("random"));
  reply = client.post("/select-move/", R"({"board_size": 9, "moves": []})");
  CHECK(reply.status == 404);
  // Percent-encoded bot names are decoded like any path.
  reply = client.post("/select-move/rand%6Fm", R"({"board_size": 9, "moves": []})");
  CHECK(reply.status == 200);

  reply = client.get("/nothing-here");
  CHECK(reply.status == 404);
  CHECK_THAT(reply.error(), Catch::Contains("/nothing-here"));

  reply = client.get("/select-move/random");
  CHECK(reply.status == 405);
  CHECK(reply.header("allow") == "POST, OPTIONS");
  CHECK_THAT(reply.error(), Catch::Contains("GET is not allowed"));
  for (const char* path : {"/healthz", "/bots", "/", "/static/go.css"}) {
    INFO(path);
    reply = client.request("POST", path, "{}");
    CHECK(reply.status == 405);
    CHECK(reply.header("allow") == "GET, HEAD, OPTIONS");
    reply = client.request("DELETE", path);
    CHECK(reply.status == 405);
  }
  reply = client.request("OPTIONS", "/select-move/random");
  CHECK(reply.status == 204);
  CHECK(reply.header("allow") == "POST, OPTIONS");
}

TEST_CASE("HEAD answers the GET headers without a body") {
  TestServer server;
  HttpTestClient client(server.port());
  HttpReply get = client.get("/healthz");
  HttpReply head = client.request("HEAD", "/healthz");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(head.header("content-length") == get.header("content-length"));
  CHECK(head.header("content-type") == "application/json");
  // The connection is still usable afterwards: no stray body bytes in the stream.
  CHECK(client.get("/bots").status == 200);
}

TEST_CASE("keep-alive serves many requests on one connection, close and HTTP/1.0 end it") {
  TestServer server;
  HttpTestClient client(server.port());
  for (int i = 0; i < 20; ++i) {
    HttpReply reply = client.post("/select-move/random", R"({"board_size": 9, "moves": []})");
    REQUIRE(reply.status == 200);
    REQUIRE(reply.keep_alive);
  }
  HttpReply last = client.request("GET", "/healthz", "", {{"Connection", "close"}});
  CHECK(last.status == 200);
  CHECK_FALSE(last.keep_alive);
  CHECK(client.closed_by_server(std::chrono::milliseconds(2000)));

  HttpTestClient old(server.port());
  old.send_raw("GET /healthz HTTP/1.0\r\n\r\n");
  HttpReply reply = old.read_reply();
  CHECK(reply.status == 200);
  CHECK_FALSE(reply.keep_alive);
  CHECK(old.closed_by_server(std::chrono::milliseconds(2000)));
}

TEST_CASE("a body over --max-body is 413, malformed HTTP 400, huge headers 431") {
  TestServerConfig config;
  config.max_body = 1024;
  TestServer server(config);
  {
    HttpTestClient client(server.port());
    std::string moves(2000, ' ');
    HttpReply reply =
        client.post("/select-move/random", R"({"board_size": 9, "moves": [)" + moves + "]}");
    CHECK(reply.status == 413);
    CHECK_THAT(reply.error(), Catch::Contains("larger than 1024 bytes"));
    CHECK_FALSE(reply.keep_alive);
  }
  {
    // Chunked bodies count too.
    HttpTestClient client(server.port());
    std::string chunk(800, ' ');
    char size_line[16];
    std::snprintf(size_line, sizeof size_line, "%zx\r\n", chunk.size());
    client.send_raw(std::string("POST /select-move/random HTTP/1.1\r\nHost: x\r\n") +
                    "Transfer-Encoding: chunked\r\n\r\n" + size_line + chunk + "\r\n" + size_line +
                    chunk + "\r\n0\r\n\r\n");
    CHECK(client.read_reply().status == 413);
  }
  {
    // A body within the limit sent with Expect: 100-continue gets the interim answer first.
    HttpTestClient client(server.port());
    std::string body = R"({"board_size": 9, "moves": ["E5"]})";
    client.send_raw(
        "POST /select-move/random HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
        "Content-Length: " +
        std::to_string(body.size()) + "\r\n\r\n");
    CHECK(client.read_reply().status == 100);
    client.send_raw(body);
    CHECK(client.read_reply().status == 200);
  }
  for (const std::string& garbage :
       {std::string("GARBAGE\r\n\r\n"), std::string("GET / HTTP/9.9\r\n\r\n"),
        std::string("GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n"),
        std::string("GET / HTTP/1.1\r\nBad Header Line\r\n\r\n"),
        std::string("POST /select-move/random HTTP/1.1\r\nContent-Length: 5\r\n"
                    "Content-Length: 6\r\n\r\nhello!")}) {
    INFO(garbage);
    HttpTestClient client(server.port());
    client.send_raw(garbage);
    HttpReply reply = client.read_reply();
    CHECK(reply.status == 400);
    CHECK_THAT(reply.error(), Catch::Contains("malformed HTTP request"));
  }
  {
    HttpTestClient client(server.port());
    client.send_raw("GET / HTTP/1.1\r\nX-Big: " + std::string(10000, 'a') + "\r\n\r\n");
    CHECK(client.read_reply().status == 431);
  }
  // After all that the server still answers.
  HttpTestClient client(server.port());
  CHECK(client.get("/healthz").status == 200);
}

struct Framing {
  std::string request_line_and_headers;
  std::string body;
  std::string message_part;
};

TEST_CASE("a body framed by anything but a lone chunked coding is 400 and ends the connection") {
  TestServer server;
  // Each body is (or ends with) a request of its own: it must never be answered.
  const std::string smuggled = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  char size_line[16];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", smuggled.size());
  const std::string chunked = size_line + smuggled + "\r\n0\r\n\r\n";
  const std::string post = "POST /select-move/random HTTP/1.1\r\nHost: x\r\n";
  const std::string length = std::to_string(smuggled.size());
  std::vector<Framing> cases = {
      {post + "Transfer-Encoding: gzip\r\n", smuggled, "Transfer-Encoding \"gzip\""},
      {post + "Transfer-Encoding: identity\r\n", smuggled, "\"identity\" is not supported"},
      {post + "Transfer-Encoding: gzip, chunked\r\n", chunked + smuggled, "\"gzip, chunked\""},
      {post + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", chunked + smuggled,
       "more than one Transfer-Encoding"},
      {post + "Transfer-Encoding: gzip\r\nContent-Length: " + length + "\r\n", smuggled + smuggled,
       "Transfer-Encoding"},
      {post + "Transfer-Encoding: chunked\r\nContent-Length: " + length + "\r\n",
       chunked + smuggled, "Content-Length"},
      {post + "Content-Length: " + length + "\r\nTransfer-Encoding: chunked\r\n",
       chunked + smuggled, "Transfer-Encoding"},
      {"POST /select-move/random HTTP/1.0\r\nTransfer-Encoding: chunked\r\n", chunked + smuggled,
       "HTTP/1.0"},
  };
  for (const Framing& framing : cases) {
    INFO(framing.request_line_and_headers);
    HttpTestClient client(server.port());
    client.send_raw(framing.request_line_and_headers + "\r\n" + framing.body);
    HttpReply reply = client.read_reply();
    CHECK(reply.status == 400);
    CHECK_THAT(reply.error(),
               Catch::Contains("malformed HTTP request") && Catch::Contains(framing.message_part));
    CHECK_FALSE(reply.keep_alive);
    // Nothing more comes back (no answer to the smuggled request), and the server hangs up.
    std::string rest = client.bytes_until_closed(std::chrono::milliseconds(3000))
                           .value_or("(the connection stayed open)");
    INFO("after the answer: " << rest);
    CHECK(rest.empty());
  }
  // A lone "chunked" (any case) is read as it should be, and keeps the connection.
  HttpTestClient client(server.port());
  const std::string body = R"({"board_size": 9, "moves": ["E5"]})";
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", body.size());
  client.send_raw(post + "Transfer-Encoding: Chunked\r\n\r\n" + size_line + body + "\r\n0\r\n\r\n");
  HttpReply reply = client.read_reply();
  CHECK(reply.status == 200);
  CHECK(reply.keep_alive);
  CHECK(client.get("/healthz").status == 200);
}

TEST_CASE("select-move survives mangled bodies: always 200 or 400, never a crash") {
  TestServer server;
  HttpTestClient client(server.port());
  const std::string seed =
      R"({"board_size": 9, "komi": 6.5, "handicap": ["C3"], "moves": ["E5", "pass", "D4"]})";
  std::uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>(state >> 33);
  };
  const std::string alphabet = "{}[]\":,0123456789.-eE abcdpassresignDEJKZtrufalsn\\\x01\xff";
  int ok = 0, refused = 0;
  for (int round = 0; round < 300; ++round) {
    std::string body = seed;
    int edits = 1 + static_cast<int>(next() % 6);
    for (int e = 0; e < edits && !body.empty(); ++e) {
      size_t at = next() % body.size();
      switch (next() % 3) {
        case 0:
          body[at] = alphabet[next() % alphabet.size()];
          break;
        case 1:
          body.erase(at, 1 + next() % 4);
          break;
        default:
          body.insert(at, 1, alphabet[next() % alphabet.size()]);
      }
    }
    HttpReply reply = client.post("/select-move/random", body);
    INFO("body: " << body);
    REQUIRE((reply.status == 200 || reply.status == 400));
    (reply.status == 200 ? ok : refused)++;
    if (reply.status == 400) REQUIRE_FALSE(reply.error().empty());
  }
  CHECK(refused > 0);
  // Deep nesting neither overflows the stack nor is accepted; brackets inside strings do not
  // count.
  std::string deep = std::string(30000, '[') + std::string(30000, ']');
  HttpReply reply = client.post("/select-move/random", deep);
  CHECK(reply.status == 400);
  CHECK_THAT(reply.error(), Catch::Contains("nested more than 16 levels"));
  reply = client.post("/select-move/random",
                      R"({"board_size": 9, "moves": [], "note": "[[[[[[[[[[[[[[[[[[[[\"[[["})");
  CHECK(reply.status == 200);
  CHECK(client.get("/healthz").status == 200);
}

}  // namespace
}  // namespace dlgo::server::testing
