// `pg`: the book's policy-gradient agent, with the temperature made a real one. One network
// call gives move probabilities p; with probability `epsilon` the moves are ranked uniformly
// at random (exploration), otherwise by sampling without replacement from p^(1/T), clipped to
// [1e-5, 1 - 1e-5] and renormalised (the original called its epsilon "temperature"). The first
// legal move that does not fill an own eye is played; a pass when there is none. `greedy`
// ranks by probability.
//
// Diagnostics: the top policy moves with their probabilities.
//
// Contract: see engine/agents/agent.h; thread-safe, stateless apart from its seed.
#pragma once

#include "net/agents/move_choice.h"
#include "net/agents/network_agent.h"

namespace dlgo::net {

class PgAgent : public NetworkAgent {
 public:
  // Throws std::invalid_argument for a temperature <= 0 or an epsilon outside 0..1.
  PgAgent(std::shared_ptr<const Model> model, SamplingOptions options = {},
          std::uint64_t seed = 0x5EED);

  AgentKind kind() const override { return AgentKind::kPg; }
  const SamplingOptions& options() const { return options_; }

 protected:
  StrengthSettings strength() const override { return {{}, {}, options_.greedy}; }
  MoveDecision decide(const GameState& state, Rng& rng, const MoveBudget& budget) const override;
  std::string settings() const override;

 private:
  SamplingOptions options_;
};

// Ranks the board points of `policy` (pass labels left out) by SamplingOptions with the
// original pg clip of 1e-5; shared with the ac agent.
std::vector<int> rank_policy(const Encoder& encoder, const float* policy,
                             const SamplingOptions& options, Rng& rng);

}  // namespace dlgo::net
