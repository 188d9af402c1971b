// The q and value agents score the right moves with the right sign, and the ac agent reports
// its value; checked against the network's own outputs.
#include "tests/catch.h"

#include <algorithm>
#include <vector>

#include "net/agents/ac_agent.h"
#include "net/agents/move_choice.h"
#include "net/agents/q_agent.h"
#include "net/agents/scored_moves.h"
#include "net/agents/value_agent.h"
#include "tests/net_agents/agent_support.h"

using namespace dlgo;
using namespace dlgo::net;
using dlgo::test::fresh_model;

namespace {

GameState some_position() {
  GameState state = GameState::new_game(5);
  for (int point : {12, 6, 8, 16, 7}) state.play(Move::play(point));
  return state;  // White to move
}

ScoredAgentOptions greedy_options() {
  ScoredAgentOptions options;
  options.sampling.greedy = true;
  return options;
}

}  // namespace

TEST_CASE("a greedy q agent plays the move with the highest Q, from one batch") {
  auto model = fresh_model("q", "sevenplane", 5);
  GameState state = some_position();
  std::vector<int> points = playable_points(state);
  REQUIRE(points.size() > 2);
  std::vector<float> q(points.size());
  std::vector<float> input(model->input_size());
  model->encode_input(state, input.data());
  for (size_t i = 0; i < points.size(); ++i) {
    std::vector<float> action(static_cast<size_t>(model->spec().action_input), 0.0f);
    action[points[i]] = 1.0f;
    model->predict(input.data(), 1, nullptr, &q[i], action.data());
  }
  const size_t best = std::max_element(q.begin(), q.end()) - q.begin();
  QAgent agent(model, greedy_options());
  MoveDecision decision = agent.select_move(state);
  CHECK(decision.move == Move::play(points[best]));
  CHECK(decision.diagnostics.win_rate.value() == Approx(0.5 * (q[best] + 1)).epsilon(1e-4));
  CHECK(decision.diagnostics.top_moves.size() == std::min<size_t>(10, points.size()));
}

TEST_CASE("a greedy value agent plays the move that leaves the opponent worst off") {
  auto model = fresh_model("value", "simple", 5);
  GameState state = some_position();
  std::vector<int> points = playable_points(state);
  std::vector<float> opponent_values(points.size());
  std::vector<float> input(model->input_size());
  for (size_t i = 0; i < points.size(); ++i) {
    GameState next = state;
    next.play(Move::play(points[i]));
    model->encode_input(next, input.data());
    model->predict(input.data(), 1, nullptr, &opponent_values[i]);
  }
  // The network judges each successor for the opponent (to move there); ours is the negation.
  const size_t best =
      std::min_element(opponent_values.begin(), opponent_values.end()) - opponent_values.begin();
  ValueAgent agent(model, greedy_options());
  MoveDecision decision = agent.select_move(state);
  CHECK(decision.move == Move::play(points[best]));
  CHECK(decision.diagnostics.value.value() == Approx(-opponent_values[best]).epsilon(1e-4));
}

TEST_CASE("the ac agent reports the value head's judgement of the position") {
  auto model = fresh_model("ac", "simple", 5);
  GameState state = some_position();
  std::vector<float> input(model->input_size());
  std::vector<float> policy(static_cast<size_t>(model->spec().policy_outputs));
  float value = 0;
  model->encode_input(state, input.data());
  model->predict(input.data(), 1, policy.data(), &value);
  AcAgent agent(model);
  MoveDecision decision = agent.select_move(state);
  CHECK(decision.diagnostics.value.value() == Approx(value).epsilon(1e-4));
  CHECK(decision.diagnostics.win_rate.value() == Approx(0.5 * (value + 1)).epsilon(1e-4));
  REQUIRE(decision.diagnostics.top_moves.size() == 10);
  // Priors are over the playable points only, renormalised; occupied points are never listed.
  double top = 0, total = 0;
  for (int point = 0; point < 25; ++point) {
    if (!net::is_playable_point(state, point)) continue;
    top = std::max<double>(top, policy[point]);
    total += policy[point];
  }
  CHECK(decision.diagnostics.top_moves.front().prior.value() == Approx(top / total).epsilon(1e-4));
  for (const MoveCandidate& candidate : decision.diagnostics.top_moves) {
    REQUIRE(candidate.move.is_play());  // simple labels no pass
    INFO("point " << candidate.move.point);
    CHECK(state.board().at(candidate.move.point) == Color::kEmpty);
    CHECK(net::is_playable_point(state, candidate.move.point));
  }
}

TEST_CASE("agents refuse networks of the wrong shape, naming the file") {
  auto policy_only = fresh_model("predict", "simple", 5);
  try {
    AcAgent agent(policy_only);
    FAIL("an ac agent accepted a network without a value head");
  } catch (const std::invalid_argument& error) {
    CHECK_THAT(error.what(), Catch::Contains(policy_only->path()));
    CHECK_THAT(error.what(), Catch::Contains("value head"));
  }
  CHECK_THROWS_AS(QAgent(fresh_model("value", "simple", 5)), std::invalid_argument);
  CHECK_THROWS_AS(ValueAgent(fresh_model("q", "simple", 5)), std::invalid_argument);
}
