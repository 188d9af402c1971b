#include "tests/server/test_server.h"

#include "engine/agents/agent_factory.h"

namespace dlgo::server::testing {

MoveDecision GateAgent::select_move(const GameState& state) const {
  std::unique_lock<std::mutex> lock(mutex_);
  ++callers_;
  changed_.notify_all();
  changed_.wait(lock, [this] { return released_; });
  MoveDecision decision;
  std::vector<int> points = state.legal_points();
  decision.move = points.empty() ? Move::pass() : Move::play(points.front());
  return decision;
}

void GateAgent::release() {
  std::lock_guard<std::mutex> lock(mutex_);
  released_ = true;
  changed_.notify_all();
}

bool GateAgent::wait_for_callers(int count, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return callers_ >= count; });
}

MoveDecision Only19Agent::select_move_within(const GameState& state,
                                             const MoveBudget& budget) const {
  MoveDecision decision;
  std::vector<int> points = state.legal_points();
  bool greedy = budget.greedy.value_or(true);
  decision.move =
      points.empty() ? Move::pass() : Move::play(greedy ? points.back() : points.front());
  MoveCandidate best{decision.move, 0.75, std::nullopt, std::nullopt};
  decision.diagnostics.top_moves.push_back(best);
  decision.diagnostics.value = 0.2;
  decision.diagnostics.win_rate = 0.6;
  return decision;
}

MoveDecision MemoryAgent::select_move(const GameState& state) const {
  std::vector<int> points = state.legal_points();
  MoveDecision decision{points.empty() ? Move::pass() : Move::play(points.front()), {}};
  decision.diagnostics.visits = 1;
  return decision;
}

std::unique_ptr<GamePlayer> MemoryAgent::new_game_player(std::uint64_t) const {
  class MemoryPlayer : public GamePlayer {
   public:
    explicit MemoryPlayer(const MemoryAgent& agent) : agent_(agent) {}
    MoveDecision select_move(const GameState& state, const MoveBudget&) override {
      MoveDecision decision = agent_.select_move(state);
      decision.diagnostics.visits = ++moves_;
      return decision;
    }

   private:
    const MemoryAgent& agent_;
    int moves_ = 0;
  };
  return std::make_unique<MemoryPlayer>(*this);
}

std::filesystem::path source_web_dir() {
  return DLGO_SOURCE_WEB_DIR;
}

TestServer::TestServer(TestServerConfig config) : gate_(std::make_shared<GateAgent>()) {
  AgentOptions options;
  options.mcts_rounds = config.mcts_rounds;
  bots_.add(Bot{"random", make_agent("random", options), "", std::nullopt});
  bots_.add(Bot{"mcts", make_agent("mcts", options), "", std::nullopt});
  bots_.add(Bot{"gate", gate_, "", std::nullopt});
  bots_.add(
      Bot{"only19", std::make_shared<Only19Agent>(), "test/only19.h5", std::string("simple")});
  bots_.add(Bot{"memory", std::make_shared<MemoryAgent>(), "", std::nullopt});
  workers_ = std::make_unique<WorkerPool>(config.workers, config.queue);
  static_files_ = std::make_unique<StaticFiles>(config.static_dir.empty() ? source_web_dir()
                                                                          : config.static_dir);
  router_ = std::make_unique<Router>(bots_, static_files_.get(), *workers_);
  ServerOptions server_options;
  server_options.port = 0;
  server_options.limits.max_body = config.max_body;
  server_options.limits.read_timeout = config.read_timeout;
  server_options.drain_timeout = config.drain_timeout;
  server_options.max_connections = config.max_connections;
  server_ = std::make_unique<HttpServer>(server_options, *router_);
  server_->listen();
  thread_ = std::thread([this] {
    server_->run();
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_ = true;
    stopped_changed_.notify_all();
  });
}

bool TestServer::wait_stopped(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return stopped_changed_.wait_for(lock, timeout, [this] { return stopped_; });
}

TestServer::~TestServer() {
  gate_->release();  // a test that failed half-way must not leave a worker blocked
  server_->stop();
  if (thread_.joinable()) thread_.join();
  workers_->shutdown();
}

}  // namespace dlgo::server::testing
