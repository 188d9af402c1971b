// `value`: the book's value agent. For every legal move that does not fill an own eye it plays
// the move on a copy of the position and lets the value network judge the result, all
// successors in ONE batched call. The network's value is for the player to move in the
// position it sees, which after our move is the opponent, so the agent negates it. The move
// is chosen from the negated values (scored_moves.h: epsilon, greedy or w^(1/T) sampling over
// win rates). A pass when no such move is left. Resigns when ResignOptions say so.
//
// Diagnostics: every candidate's win rate (best first), the best as the position's win rate
// and value.
//
// Contract: see engine/agents/agent.h; thread-safe apart from set_seed.
#pragma once

#include "net/agents/network_agent.h"
#include "net/agents/q_agent.h"
#include "net/agents/resign_judge.h"

namespace dlgo::net {

class ValueAgent : public NetworkAgent {
 public:
  // Throws std::invalid_argument when the network has no value head or takes an action input.
  ValueAgent(std::shared_ptr<const Model> model, ScoredAgentOptions options = {},
             std::uint64_t seed = 0x5EED);

  AgentKind kind() const override { return AgentKind::kValue; }
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
