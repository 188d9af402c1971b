#include "net/agents/zero_agent.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>

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

namespace {

// One game's search, kept between its moves.
class ZeroGamePlayer : public GamePlayer {
 public:
  ZeroGamePlayer(std::shared_ptr<const Model> model, const ZeroOptions& options, std::uint64_t seed,
                 std::shared_ptr<BatchingEvaluator> evaluator, const ResignJudge& resign)
      : search_(std::move(model), options, seed, std::move(evaluator), &resign),
        own_seconds_(options.timed_seconds()) {}

  MoveDecision select_move(const GameState& state, const MoveBudget& budget) override {
    const auto start = std::chrono::steady_clock::now();
    searched_ = false;
    // The agent's own rule first (see ZeroAgent::decide): a settled board after a pass.
    if (settled_after_opponent_pass(state)) return MoveDecision{Move::pass(), {}};
    // A timed move's seconds run from this call: the rule above counts.
    MoveDecision decision = search_.select_move(state, budget_left(budget, own_seconds_, start));
    searched_ = true;
    return decision;
  }
  const std::vector<int>& root_visit_counts() const override {
    return searched_ ? search_.root_visit_counts() : GamePlayer::root_visit_counts();
  }

 private:
  ZeroSearch search_;
  std::optional<double> own_seconds_;  // a timed agent's seconds per move
  bool searched_ = false;
};

}  // namespace

std::unique_ptr<GamePlayer> ZeroAgent::new_game_player(std::uint64_t seed) const {
  return std::make_unique<ZeroGamePlayer>(shared_model(), options_, seed, evaluator_, resign_);
}

MoveDecision ZeroAgent::decide(const GameState& state, Rng& rng, const MoveBudget& budget) const {
  // Value bots end games cleanly: once the opponent has passed on a settled board, pass too.
  if (settled_after_opponent_pass(state)) return MoveDecision{Move::pass(), {}};
  ZeroSearch search(shared_model(), options_, rng.next(), evaluator_, &resign_);
  return search.select_move(state, budget);
}

}  // namespace dlgo::net
