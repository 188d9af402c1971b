// `mcts`: pure Monte Carlo tree search with UCT selection and random rollouts, as the book's
// MCTSAgent: `rounds` rollouts per move (default 800), exploration weight `temperature`
// (default 0.7, the original web demo's value). Unlike the original it plays the most-visited
// move (the robust choice, not the highest win fraction of a rarely tried move), stops
// descending at finished games, values a game ended inside the tree (a pass answering a pass)
// by one rollout from its board as the referee plays positions out (so dead stones come off;
// counted bare they would score), never fills its own eye in the tree (as in the rollouts),
// and never considers resigning inside the tree.
//
// Contract: see agent.h; thread-safe (each call builds its own tree), single-threaded search.
#pragma once

#include "engine/agents/agent.h"
#include "engine/agents/seeded_calls.h"

namespace dlgo {

struct MctsOptions {
  int rounds = 800;
  double temperature = 0.7;
};

class MctsAgent : public Agent {
 public:
  explicit MctsAgent(MctsOptions options = {}, std::uint64_t seed = 0x5EED)
      : options_(options), calls_(seed) {}

  AgentKind kind() const override { return AgentKind::kMcts; }
  bool supports(BoardSize) const override { return true; }
  std::string description() const override;
  MoveDecision select_move(const GameState& state) const override {
    return select_move_within(state, {});
  }
  StrengthSettings strength() const override { return {options_.rounds, {}, {}}; }
  // budget.visits, when set, replaces `rounds` (at least 1).
  MoveDecision select_move_within(const GameState& state, const MoveBudget& budget) const override;
  void set_seed(std::uint64_t seed) override { calls_.set_seed(seed); }
  const MctsOptions& options() const { return options_; }

 private:
  MctsOptions options_;
  mutable SeededCalls calls_;
};

}  // namespace dlgo
