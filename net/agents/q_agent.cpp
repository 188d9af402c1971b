#include "net/agents/q_agent.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "net/agents/scored_moves.h"

namespace dlgo::net {

QAgent::QAgent(std::shared_ptr<const Model> model, ScoredAgentOptions options, std::uint64_t seed)
    : NetworkAgent(std::move(model), seed), options_(options), resign_(options.resign) {
  validate(options_.sampling);
  require_value_head();
  const NetworkSpec& spec = this->model().spec();
  if (spec.action_input != this->model().encoder().num_moves()) {
    throw std::invalid_argument(this->model().path() +
                                ": a q agent needs a network with an action input of " +
                                std::to_string(this->model().encoder().num_moves()) +
                                " moves (it has " + std::to_string(spec.action_input) + ")");
  }
}

MoveDecision QAgent::decide(const GameState& state, Rng& rng, const MoveBudget& budget) const {
  const Model& net = model();
  const Encoder& encoder = net.encoder();
  std::vector<int> points = playable_points(state);
  if (points.empty()) return MoveDecision{Move::pass(), {}};

  const size_t input_size = net.input_size();
  const size_t action_size = static_cast<size_t>(net.spec().action_input);
  const size_t count = points.size();
  std::vector<float> inputs(count * input_size);
  net.encode_input(state, inputs.data());
  for (size_t i = 1; i < count; ++i) {
    std::copy_n(inputs.begin(), input_size, inputs.begin() + i * input_size);
  }
  std::vector<float> actions(count * action_size, 0.0f);
  for (size_t i = 0; i < count; ++i) {
    actions[i * action_size + encoder.encode_move(Move::play(points[i]))] = 1.0f;
  }
  std::vector<float> values(count);
  net.predict(inputs.data(), static_cast<int>(count), nullptr, values.data(), actions.data());

  MoveDecision decision =
      choose_scored_move(points, values, within(options_.sampling, budget), rng);
  if (decision.diagnostics.win_rate &&
      resign_.should_resign(state, *decision.diagnostics.win_rate)) {
    decision.move = Move::resign();
  }
  return decision;
}

}  // namespace dlgo::net
