// An in-process dlgo server on an ephemeral port of 127.0.0.1 for the HTTP tests, with the
// built-in bots and two test bots: `gate` (blocks in select_move until released, to hold a
// worker busy on purpose) and `only19` (plays 19x19 boards only, like a network agent with a
// value head).
//
// Contract: constructing starts the server on its own thread; the destructor stops it, waits
// for the requests in flight and joins. Not copyable.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "engine/agents/agent.h"
#include "engine/agents/game_player.h"
#include "server/bot_registry.h"
#include "server/http_server.h"
#include "server/router.h"
#include "server/static_files.h"
#include "server/worker_pool.h"

namespace dlgo::server::testing {

// Plays the first legal point, but only after release() (or at once once released).
class GateAgent : public Agent {
 public:
  AgentKind kind() const override { return AgentKind::kRandom; }  // plays without a network
  bool supports(BoardSize) const override { return true; }
  MoveDecision select_move(const GameState& state) const override;
  void set_seed(std::uint64_t) override {}

  void release();
  // Waits until `count` calls have entered select_move.
  bool wait_for_callers(int count, std::chrono::milliseconds timeout) const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  mutable int callers_ = 0;
  bool released_ = false;
};

// A stand-in for a network agent: 19x19 only, with policy-style diagnostics. Its best move
// (its default, level 2) is the last legal point; a sampled one (level 1) is the first, so a
// test can tell which it was asked for. Its value head judges every position +0.5 for the
// player to move.
class Only19Agent : public Agent {
 public:
  AgentKind kind() const override { return AgentKind::kPredict; }
  bool supports(BoardSize size) const override { return size == BoardSize{19, 19}; }
  MoveDecision select_move(const GameState& state) const override {
    return select_move_within(state, {});
  }
  StrengthSettings strength() const override { return {{}, {}, true}; }
  MoveDecision select_move_within(const GameState& state, const MoveBudget& budget) const override;
  std::optional<double> position_value(const GameState&) const override { return 0.5; }
  void set_seed(std::uint64_t) override {}
};

// A stand-in for a search that keeps its tree between moves: it plays the first legal point,
// and its game player reports as visits how many moves it has chosen (its tree grows by one a
// move), so a test sees whether a request played with the previous move's player.
class MemoryAgent : public Agent {
 public:
  AgentKind kind() const override { return AgentKind::kZero; }
  bool supports(BoardSize) const override { return true; }
  MoveDecision select_move(const GameState& state) const override;
  std::unique_ptr<GamePlayer> new_game_player(std::uint64_t seed) const override;
  void set_seed(std::uint64_t) override {}
};

struct TestServerConfig {
  int workers = 2;
  int queue = 8;
  std::size_t max_body = 64 * 1024;
  std::chrono::milliseconds read_timeout{5000};
  int mcts_rounds = 50;
  std::filesystem::path static_dir;  // empty: the source tree's web/
  std::chrono::milliseconds drain_timeout{20000};
  std::size_t max_connections = kDefaultMaxConnections;
};

class TestServer {
 public:
  explicit TestServer(TestServerConfig config = {});
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  std::uint16_t port() const { return server_->port(); }
  GateAgent& gate() { return *gate_; }
  std::uint64_t shed_connections() const { return server_->shed_connections(); }
  std::uint64_t refused_connections() const { return server_->refused_connections(); }
  // Starts a graceful stop without waiting for it.
  void stop() { server_->stop(); }
  // Waits for run() to return after stop(); false on timeout.
  bool wait_stopped(std::chrono::milliseconds timeout);

 private:
  std::shared_ptr<GateAgent> gate_;
  BotRegistry bots_;
  std::unique_ptr<WorkerPool> workers_;
  std::unique_ptr<StaticFiles> static_files_;
  std::unique_ptr<Router> router_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable stopped_changed_;
  bool stopped_ = false;
};

// The source tree's web/ folder.
std::filesystem::path source_web_dir();

}  // namespace dlgo::server::testing
