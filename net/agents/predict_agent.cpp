#include "net/agents/predict_agent.h"

#include <vector>

#include "net/agents/move_choice.h"

namespace dlgo::net {

MoveDecision PredictAgent::decide(const GameState& state, Rng& rng,
                                  const MoveBudget& budget) const {
  const Model& net = model();
  const Encoder& encoder = net.encoder();
  std::vector<float> input(net.input_size());
  std::vector<float> policy(static_cast<size_t>(encoder.num_moves()));
  net.encode_input(state, input.data());
  net.predict(input.data(), 1, policy.data(), nullptr);

  // The original ranks the board points only; a pass label, where the encoder has one, is
  // left out so the agent passes exactly when no playable point is left.
  std::vector<double> weights = predict_weights(policy.data(), encoder.num_points());
  std::vector<int> ranked = budget.greedy.value_or(options_.greedy)
                                ? rank_by_weight(weights)
                                : rank_by_sampling(weights, rng);
  MoveDecision decision;
  decision.move = first_playable(state, encoder, ranked);
  decision.diagnostics.top_moves = top_policy_moves(state, encoder, policy.data(), 10);
  return decision;
}

}  // namespace dlgo::net
