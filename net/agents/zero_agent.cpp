#include "net/agents/zero_agent.h"

#include <algorithm>
#include <cstdio>

#include "engine/agents/pass_policy.h"
#include "net/agents/model_batch_network.h"

namespace dlgo::net {

ZeroAgent::ZeroAgent(std::shared_ptr<const Model> model, ZeroOptions options, std::uint64_t seed)
    : NetworkAgent(std::move(model), seed), options_(options), resign_(options.resign) {
  options_.validate();
  require_value_head();
  evaluator_ = std::make_shared<BatchingEvaluator>(
      std::make_shared<ModelBatchNetwork>(shared_model()), options_.batching);
}

StrengthSettings ZeroAgent::strength() const {
  StrengthSettings settings;
  if (options_.seconds_per_move > 0) {
    settings.seconds = options_.seconds_per_move;
  } else {
    settings.visits = options_.rounds;
  }
  return settings;
}

std::string ZeroAgent::settings() const {
  char text[96];
  if (options_.seconds_per_move > 0) {
    std::snprintf(text, sizeof text, "%g s/move, %d threads", options_.seconds_per_move,
                  options_.threads);
  } else {
    std::snprintf(text, sizeof text, "%d rounds, %d threads", options_.rounds, options_.threads);
  }
  return text;
}

MoveDecision ZeroAgent::decide(const GameState& state, Rng& rng, const MoveBudget& budget) const {
  // Value bots end games cleanly: once the opponent has passed on a settled board, pass too.
  if (settled_after_opponent_pass(state)) return MoveDecision{Move::pass(), {}};
  ZeroOptions options = options_;
  if (options.seconds_per_move > 0) {
    if (budget.seconds) options.seconds_per_move = std::max(0.001, *budget.seconds);
  } else if (budget.visits) {
    options.rounds = std::max(1, *budget.visits);
  }
  ZeroSearch search(shared_model(), options, rng.next(), evaluator_, &resign_);
  return search.select_move(state);
}

}  // namespace dlgo::net
