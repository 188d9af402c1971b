// `q`: the book's Q-learning agent. The network takes the position and a one-hot action and
// returns the action's value; every legal move that does not fill an own eye is scored in ONE
// batched network call, and the move is chosen from the values (scored_moves.h: epsilon,
// greedy or w^(1/T) sampling over win rates). A pass when no such move is left. Resigns when
// ResignOptions say so (off by default).
//
// Diagnostics: every candidate's win rate (best first), the best as the position's win rate
// and value.
//
// Contract: see engine/agents/agent.h; thread-safe apart from set_seed; stateless apart from
// its seed and the resignation memory (resign_judge.h).
#pragma once

#include "net/agents/move_choice.h"
#include "net/agents/network_agent.h"
#include "net/agents/resign_judge.h"

namespace dlgo::net {

struct ScoredAgentOptions {
  SamplingOptions sampling;
  ResignOptions resign;
};

class QAgent : public NetworkAgent {
 public:
  // Throws std::invalid_argument when the network takes no action input or has no value head,
  // or an option is out of range.
  QAgent(std::shared_ptr<const Model> model, ScoredAgentOptions options = {},
         std::uint64_t seed = 0x5EED);

  AgentKind kind() const override { return AgentKind::kQ; }
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
