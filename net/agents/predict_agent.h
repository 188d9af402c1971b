// `predict`: the book's DeepLearningAgent. One network call gives move probabilities; they
// are cubed, clipped to [1e-6, 1 - 1e-6] and renormalised (predict_weights), the moves are
// ranked by sampling without replacement, and the first legal move that does not fill one of
// its own eyes is played; a pass when there is none. `greedy` ranks by probability instead.
//
// Diagnostics: the top policy moves with their probabilities.
//
// Contract: see engine/agents/agent.h; thread-safe, stateless apart from its seed.
#pragma once

#include "net/agents/network_agent.h"

namespace dlgo::net {

struct PredictOptions {
  bool greedy = false;
};

class PredictAgent : public NetworkAgent {
 public:
  PredictAgent(std::shared_ptr<const Model> model, PredictOptions options = {},
               std::uint64_t seed = 0x5EED)
      : NetworkAgent(std::move(model), seed), options_(options) {}

  AgentKind kind() const override { return AgentKind::kPredict; }
  const PredictOptions& options() const { return options_; }

 protected:
  StrengthSettings strength() const override { return {{}, {}, options_.greedy}; }
  MoveDecision decide(const GameState& state, Rng& rng, const MoveBudget& budget) const override;
  std::string settings() const override { return options_.greedy ? "greedy" : ""; }

 private:
  PredictOptions options_;
};

}  // namespace dlgo::net
