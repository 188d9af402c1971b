#include "net/agents/value_agent.h"

#include <stdexcept>
#include <vector>

#include "net/agents/scored_moves.h"

namespace dlgo::net {

ValueAgent::ValueAgent(std::shared_ptr<const Model> model, ScoredAgentOptions options,
                       std::uint64_t seed)
    : NetworkAgent(std::move(model), seed), options_(options), resign_(options.resign) {
  validate(options_.sampling);
  require_value_head();
  if (this->model().spec().action_input > 0) {
    throw std::invalid_argument(this->model().path() +
                                ": a value agent needs a network without an action input");
  }
}

MoveDecision ValueAgent::decide(const GameState& state, Rng& rng, const MoveBudget& budget) const {
  const Model& net = model();
  std::vector<int> points = playable_points(state);
  if (points.empty()) return MoveDecision{Move::pass(), {}};

  const size_t input_size = net.input_size();
  std::vector<float> inputs(points.size() * input_size);
  for (size_t i = 0; i < points.size(); ++i) {
    GameState next = state;
    next.play_unchecked(Move::play(points[i]));
    net.encode_input(next, inputs.data() + i * input_size);
  }
  std::vector<float> values(points.size());
  net.predict(inputs.data(), static_cast<int>(points.size()), nullptr, values.data());
  for (float& value : values) value = -value;  // the opponent's value -> ours

  MoveDecision decision =
      choose_scored_move(points, values, within(options_.sampling, budget), rng);
  if (decision.diagnostics.win_rate &&
      resign_.should_resign(state, *decision.diagnostics.win_rate)) {
    decision.move = Move::resign();
  }
  return decision;
}

}  // namespace dlgo::net
