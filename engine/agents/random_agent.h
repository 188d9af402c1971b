// `random`: the book's fast random bot. Uniform over the legal moves that do not fill one of
// its own eyes (dlgo's eye test), a pass when there is none; like every agent it also passes
// when should_pass() says so (engine/agents/pass_policy.h).
//
// Contract: see agent.h; thread-safe, stateless apart from its seed.
#pragma once

#include "engine/agents/agent.h"
#include "engine/agents/seeded_calls.h"

namespace dlgo {

class RandomAgent : public Agent {
 public:
  explicit RandomAgent(std::uint64_t seed = 0x5EED) : calls_(seed) {}

  AgentKind kind() const override { return AgentKind::kRandom; }
  bool supports(BoardSize) const override { return true; }
  std::string description() const override { return "random: uniform legal non-eye moves"; }
  MoveDecision select_move(const GameState& state) const override;
  void set_seed(std::uint64_t seed) override { calls_.set_seed(seed); }

 private:
  mutable SeededCalls calls_;
};

}  // namespace dlgo
