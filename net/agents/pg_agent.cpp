#include "net/agents/pg_agent.h"

#include <vector>

namespace dlgo::net {

std::vector<int> rank_policy(const Encoder& encoder, const float* policy,
                             const SamplingOptions& options, Rng& rng) {
  constexpr double kClip = 1e-5;  // keeps probabilities from sticking at 0 or 1 (the original's)
  std::vector<double> p(policy, policy + encoder.num_points());
  return rank_moves(p, options, rng, kClip);
}

PgAgent::PgAgent(std::shared_ptr<const Model> model, SamplingOptions options, std::uint64_t seed)
    : NetworkAgent(std::move(model), seed), options_(options) {
  validate(options_);
}

std::string PgAgent::settings() const {
  return describe(options_);
}

MoveDecision PgAgent::decide(const GameState& state, Rng& rng, const MoveBudget& budget) const {
  const Model& net = model();
  const Encoder& encoder = net.encoder();
  std::vector<float> input(net.input_size());
  std::vector<float> policy(static_cast<size_t>(encoder.num_moves()));
  net.encode_input(state, input.data());
  net.predict(input.data(), 1, policy.data(), nullptr);

  MoveDecision decision;
  decision.move = first_playable(
      state, encoder, rank_policy(encoder, policy.data(), within(options_, budget), rng));
  decision.diagnostics.top_moves = top_policy_moves(state, encoder, policy.data(), 10);
  return decision;
}

}  // namespace dlgo::net
