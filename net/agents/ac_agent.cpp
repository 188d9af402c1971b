#include "net/agents/ac_agent.h"

#include <stdexcept>
#include <vector>

#include "net/agents/pg_agent.h"

namespace dlgo::net {

AcAgent::AcAgent(std::shared_ptr<const Model> model, ScoredAgentOptions options, std::uint64_t seed)
    : NetworkAgent(std::move(model), seed), options_(options), resign_(options.resign) {
  validate(options_.sampling);
  require_value_head();
  if (this->model().spec().action_input > 0) {
    throw std::invalid_argument(this->model().path() +
                                ": an ac agent needs a network without an action input");
  }
}

MoveDecision AcAgent::decide(const GameState& state, Rng& rng, const MoveBudget& budget) const {
  const Model& net = model();
  const Encoder& encoder = net.encoder();
  std::vector<float> input(net.input_size());
  std::vector<float> policy(static_cast<size_t>(encoder.num_moves()));
  float value = 0;
  net.encode_input(state, input.data());
  net.predict(input.data(), 1, policy.data(), &value);

  MoveDecision decision;
  decision.move = first_playable(
      state, encoder, rank_policy(encoder, policy.data(), within(options_.sampling, budget), rng));
  AgentDiagnostics& diagnostics = decision.diagnostics;
  diagnostics.top_moves = top_policy_moves(state, encoder, policy.data(), 10);
  diagnostics.value = value;
  diagnostics.win_rate = win_rate_of_value(value);
  if (resign_.should_resign(state, *diagnostics.win_rate)) decision.move = Move::resign();
  return decision;
}

}  // namespace dlgo::net
