// The server under concurrent load: slow searches do not block cheap requests, a full queue
// answers 503, slow clients are cut off, and stopping finishes the requests in flight.
#include <atomic>
#include <future>
#include <optional>
#include <thread>

#include "tests/catch.h"

#include "tests/server/http_test_client.h"
#include "tests/server/test_server.h"

namespace dlgo::server::testing {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

TEST_CASE("a long mcts search does not block /healthz or static files") {
  TestServerConfig config;
  config.workers = 1;
  config.mcts_rounds = 6000;  // 19x19 rollouts: about a second
  TestServer server(config);
  Clock::time_point start = Clock::now();
  PendingRequest search(server.port(), "/select-move/mcts", R"({"board_size": 19, "moves": []})");

  HttpTestClient client(server.port());
  double slowest = 0;
  for (int i = 0; i < 20; ++i) {
    Clock::time_point sent = Clock::now();
    REQUIRE(client.get(i % 2 ? "/healthz" : "/static/go.css").status == 200);
    slowest = std::max(slowest, seconds_since(sent));
  }
  double cheap_done = seconds_since(start);
  HttpReply answer = search.finish();
  double search_done = seconds_since(start);
  REQUIRE(answer.status == 200);
  INFO("cheap requests done after " << cheap_done << " s, the search after " << search_done
                                    << " s, slowest cheap request " << slowest << " s");
  // The cheap requests all finished while the search was still running.
  CHECK(cheap_done < search_done);
  CHECK(slowest < 0.25);
  CHECK(answer.json()["diagnostics"]["visits"] == 6000);
}

TEST_CASE("a full work queue answers 503 at once, and the admitted requests still finish") {
  TestServerConfig config;
  config.workers = 1;
  config.queue = 1;
  TestServer server(config);
  const std::string body = R"({"board_size": 9, "moves": []})";
  PendingRequest running(server.port(), "/select-move/gate", body);
  REQUIRE(server.gate().wait_for_callers(1, milliseconds(5000)));
  PendingRequest waiting(server.port(), "/select-move/gate", body);
  // Give the second request time to be read and queued behind the first.
  std::this_thread::sleep_for(milliseconds(200));

  HttpTestClient client(server.port());
  Clock::time_point sent = Clock::now();
  HttpReply busy = client.post("/select-move/random", body);
  CHECK(seconds_since(sent) < 1.0);
  CHECK(busy.status == 503);
  CHECK(busy.header("retry-after") == "1");
  CHECK_THAT(busy.error(), Catch::Contains("busy"));
  CHECK(busy.keep_alive);
  // Requests that need no worker are still served.
  CHECK(client.get("/healthz").status == 200);

  server.gate().release();
  CHECK(running.finish().status == 200);
  CHECK(waiting.finish().status == 200);
  // With the queue drained the same request is admitted.
  CHECK(client.post("/select-move/random", body).status == 200);
}

TEST_CASE("many clients at once all get legal answers") {
  TestServerConfig config;
  config.workers = 2;
  config.queue = 64;
  TestServer server(config);
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&, c] {
      HttpTestClient client(server.port());
      for (int i = 0; i < 40; ++i) {
        std::string body = c % 2 ? R"({"board_size": 9, "moves": ["E5", "C3"]})"
                                 : R"({"board_size": 5, "moves": ["C3"]})";
        HttpReply reply =
            client.post(c % 4 == 3 ? "/select-move/mcts" : "/select-move/random", body);
        if (reply.status == 200 && reply.json()["bot_move"].is_string()) ++ok;
      }
    });
  }
  for (std::thread& thread : clients) thread.join();
  CHECK(ok == 8 * 40);
}

TEST_CASE("a client that stalls mid-request or idles is disconnected after the read timeout") {
  TestServerConfig config;
  config.read_timeout = milliseconds(300);
  TestServer server(config);
  HttpTestClient stalled(server.port());
  stalled.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n");  // the blank line never comes
  Clock::time_point start = Clock::now();
  CHECK(stalled.closed_by_server(milliseconds(3000)));
  CHECK(seconds_since(start) > 0.2);

  HttpTestClient slow_body(server.port());
  slow_body.send_raw(
      "POST /select-move/random HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");
  CHECK(slow_body.closed_by_server(milliseconds(3000)));

  HttpTestClient idle(server.port());
  CHECK(idle.get("/healthz").status == 200);
  CHECK(idle.closed_by_server(milliseconds(3000)));

  // A client that keeps talking is not cut off by the timeout.
  HttpTestClient busy(server.port());
  for (int i = 0; i < 6; ++i) {
    REQUIRE(busy.get("/healthz").status == 200);
    std::this_thread::sleep_for(milliseconds(100));
  }
}

TEST_CASE("at the connection cap the longest-idle connections make room: /healthz answers") {
  TestServerConfig config;
  config.max_connections = 8;
  TestServer server(config);
  // A flood of connections that never send a byte, then one served keep-alive client.
  IdleConnections idle(server.port(), 30);
  HttpTestClient health(server.port());
  health.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  Clock::time_point sent = Clock::now();
  std::optional<HttpReply> reply = health.read_reply_within(milliseconds(2000));
  REQUIRE(reply);
  CHECK(reply->status == 200);
  CHECK(seconds_since(sent) < 1.0);
  // 31 connections on 8 places: the 23 oldest were closed, the 7 newest are still open.
  std::vector<bool> closed = idle.closed_by_server(23, milliseconds(3000));
  for (std::size_t i = 0; i < idle.size(); ++i) {
    INFO("idle connection " << i);
    CHECK(closed[i] == (i < 23));
  }
  CHECK(server.shed_connections() == 23);
  CHECK(server.refused_connections() == 0);
  // The served client waits for its next request since after the flood: 7 more connections
  // close the 7 flood connections left, not it.
  IdleConnections more(server.port(), 7);
  CHECK(idle.closed_by_server(idle.size(), milliseconds(3000)) ==
        std::vector<bool>(idle.size(), true));
  health.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  std::optional<HttpReply> again = health.read_reply_within(milliseconds(2000));
  REQUIRE(again);
  CHECK(again->status == 200);
  CHECK(server.shed_connections() == 30);
}

TEST_CASE("at the connection cap with every connection busy, a new one is closed at once") {
  TestServerConfig config;
  config.max_connections = 2;
  config.workers = 1;
  config.queue = 1;
  TestServer server(config);
  const std::string body = R"({"board_size": 9, "moves": []})";
  PendingRequest running(server.port(), "/select-move/gate", body);
  REQUIRE(server.gate().wait_for_callers(1, milliseconds(5000)));
  PendingRequest waiting(server.port(), "/select-move/gate", body);
  std::this_thread::sleep_for(milliseconds(200));  // read and queued

  HttpTestClient third(server.port());
  CHECK(third.closed_by_server(milliseconds(2000)));
  CHECK(server.refused_connections() == 1);
  CHECK(server.shed_connections() == 0);
  // The admitted requests are not dropped to make room.
  server.gate().release();
  CHECK(running.finish().status == 200);
  CHECK(waiting.finish().status == 200);
}

TEST_CASE("stopping finishes the request in flight, closes idle connections, refuses new ones") {
  TestServer server;
  const std::string body = R"({"board_size": 9, "moves": ["E5"]})";
  PendingRequest in_flight(server.port(), "/select-move/gate", body);
  REQUIRE(server.gate().wait_for_callers(1, milliseconds(5000)));
  HttpTestClient idle(server.port());
  REQUIRE(idle.get("/healthz").status == 200);

  server.stop();
  CHECK(idle.closed_by_server(milliseconds(3000)));
  Clock::time_point start = Clock::now();
  while (!connection_refused(server.port()) && seconds_since(start) < 3) {
    std::this_thread::sleep_for(milliseconds(20));
  }
  CHECK(connection_refused(server.port()));
  CHECK_FALSE(server.wait_stopped(milliseconds(200)));  // still waiting for the search

  server.gate().release();
  HttpReply answer = in_flight.finish();
  CHECK(answer.status == 200);
  CHECK_FALSE(answer.keep_alive);  // the server says it is closing
  CHECK(answer.json()["bot_move"] == "A1");
  CHECK(server.wait_stopped(milliseconds(5000)));
}

TEST_CASE("a request that outlasts the drain timeout does not hold up the stop") {
  TestServerConfig config;
  config.drain_timeout = milliseconds(300);
  TestServer server(config);
  PendingRequest stuck(server.port(), "/select-move/gate", R"({"board_size": 9, "moves": []})");
  REQUIRE(server.gate().wait_for_callers(1, milliseconds(5000)));
  Clock::time_point start = Clock::now();
  server.stop();
  CHECK(server.wait_stopped(milliseconds(5000)));
  CHECK(seconds_since(start) < 2.0);
  // The destructor releases the gate and tears the server down with the session still open.
}

}  // namespace
}  // namespace dlgo::server::testing
