// Every network agent plays complete, legal games on 5x5, 9x9 and 19x19 with small fresh
// agent files, against itself and against the random bot.
#include "tests/catch.h"

#include <memory>

#include "engine/agents/random_agent.h"
#include "net/agents/ac_agent.h"
#include "net/agents/alphago_agent.h"
#include "net/agents/pg_agent.h"
#include "net/agents/predict_agent.h"
#include "net/agents/q_agent.h"
#include "net/agents/value_agent.h"
#include "net/agents/zero_agent.h"
#include "tests/net_agents/agent_support.h"

using namespace dlgo;
using namespace dlgo::net;
using dlgo::test::fresh_model;
using dlgo::test::play_checked_game;

namespace {

// Self-play and a game against random on each board size; `make` builds the agent for a size.
template <typename MakeAgent>
void play_on_every_board(MakeAgent make) {
  for (int size : {5, 9, 19}) {
    INFO("board " << size << "x" << size);
    std::unique_ptr<Agent> agent = make(size);
    REQUIRE(agent->supports(BoardSize{size, size}));
    CHECK_FALSE(agent->supports(BoardSize{size + 1, size + 1}));
    auto self_play = play_checked_game(*agent, *agent, size);
    CHECK(self_play.final_state.is_over());
    RandomAgent random(size);
    auto versus = play_checked_game(random, *agent, size);
    CHECK(versus.final_state.is_over());
  }
}

}  // namespace

TEST_CASE("predict agents play complete legal games") {
  play_on_every_board([](int size) {
    return std::make_unique<PredictAgent>(fresh_model("predict", "sevenplane", size));
  });
}

TEST_CASE("greedy predict agents play complete legal games") {
  play_on_every_board([](int size) {
    return std::make_unique<PredictAgent>(fresh_model("predict", "oneplane", size),
                                          PredictOptions{true});
  });
}

TEST_CASE("pg agents play complete legal games") {
  play_on_every_board([](int size) {
    SamplingOptions options;
    options.temperature = 0.8;
    options.epsilon = 0.1;
    return std::make_unique<PgAgent>(fresh_model("pg", "simple", size), options);
  });
}

TEST_CASE("q agents play complete legal games") {
  play_on_every_board([](int size) {
    ScoredAgentOptions options;
    options.sampling.epsilon = 0.05;
    // A one-plane, fully connected network: q and value agents run one batch of every legal
    // move per decision, and this is the cheapest network for that on a CPU.
    return std::make_unique<QAgent>(fresh_model("q", "oneplane", size, "fullyconnected"), options);
  });
}

TEST_CASE("value agents play complete legal games") {
  play_on_every_board([](int size) {
    return std::make_unique<ValueAgent>(fresh_model("value", "oneplane", size, "fullyconnected"));
  });
}

TEST_CASE("ac agents play complete legal games") {
  play_on_every_board(
      [](int size) { return std::make_unique<AcAgent>(fresh_model("ac", "simple", size)); });
}

TEST_CASE("zero agents play complete legal games") {
  play_on_every_board([](int size) {
    ZeroOptions options;
    options.rounds = size == 19 ? 4 : 16;
    // Two threads on the small board exercise the shared tree in whole games; more threads
    // than cores only slow a test down (their batching is tested in search_agents_test).
    options.threads = size == 5 ? 2 : 1;
    return std::make_unique<ZeroAgent>(fresh_model("zero", "zero", size), options);
  });
}

TEST_CASE("alphago agents play complete legal games") {
  play_on_every_board([](int size) {
    AlphaGoOptions options;
    options.rounds = size == 19 ? 4 : 16;
    options.rollout_limit = 30;
    return std::make_unique<AlphaGoAgent>(fresh_model("alphago", "alphago", size), options);
  });
}

TEST_CASE("agents that resign when asked resign lost games, and only then") {
  ScoredAgentOptions options;
  options.resign.threshold = 0.999;  // an untrained network is never that sure
  options.resign.moves = 2;
  options.resign.min_game_moves = 4;
  AcAgent quitter(fresh_model("ac", "simple", 5), options);
  auto game = play_checked_game(quitter, quitter, 5);
  CHECK(game.resigned);
  CHECK(game.moves >= 4 + 1);
  CHECK(game.moves <= 8);

  AcAgent player(fresh_model("ac", "simple", 5));  // resignation off by default
  CHECK_FALSE(play_checked_game(player, player, 5).resigned);
}
