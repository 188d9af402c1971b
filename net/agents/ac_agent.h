// `ac`: the book's actor-critic agent. One network call gives move probabilities (actor) and
// the position's value (critic). The move is chosen from the policy exactly as the pg agent
// does (epsilon exploration, p^(1/T) sampling without replacement or greedy, first legal move
// not filling an own eye, else pass); the value is reported and drives resignation (off by
// default).
//
// Diagnostics: the top policy moves with their probabilities, the value and win rate.
//
// Contract: see engine/agents/agent.h; thread-safe apart from set_seed.
#pragma once

#include "net/agents/network_agent.h"
#include "net/agents/q_agent.h"

namespace dlgo::net {

class AcAgent : public NetworkAgent {
 public:
  // Throws std::invalid_argument when the network has no value head or an option is bad.
  AcAgent(std::shared_ptr<const Model> model, ScoredAgentOptions options = {},
          std::uint64_t seed = 0x5EED);

  AgentKind kind() const override { return AgentKind::kAc; }
  const ScoredAgentOptions& options() const { return options_; }

 protected:
  StrengthSettings strength() const override { return {{}, {}, options_.sampling.greedy}; }
  MoveDecision decide(const GameState& state, Rng& rng, const MoveBudget& budget) const override;
  std::string settings() const override { return describe(options_.sampling); }

 private:
  ScoredAgentOptions options_;
  ResignJudge resign_;
};

}  // namespace dlgo::net
