// `zero`: AlphaGo Zero style search (zero_search.h) as an Agent. Each select_move() runs a
// fresh ZeroSearch; the player new_game_player() hands out keeps one ZeroSearch for its game,
// so its tree carries over from move to move. All calls and players share one
// BatchingEvaluator, so the leaves of concurrent games (a server's requests, parallel matches
// and self-play games) go through the network together.
//
// It passes when the opponent has passed on a settled board (pass_policy.h), and resigns by
// options.resign (agent files loaded as bots: clear_loss_resignation() in resign_judge.h).
//
// Diagnostics: the most visited moves with prior, visits and win rate; the root's network
// value; the chosen line's win rate; total visits; the principal variation.
//
// Contract: see engine/agents/agent.h; select_move() is thread-safe (set_seed is not).
#pragma once

#include <memory>

#include "engine/agents/game_player.h"
#include "engine/search/batching_evaluator.h"
#include "net/agents/network_agent.h"
#include "net/agents/resign_judge.h"
#include "net/agents/zero_search.h"

namespace dlgo::net {

class ZeroAgent : public NetworkAgent {
 public:
  // Throws std::invalid_argument for bad options or a network without a value head.
  ZeroAgent(std::shared_ptr<const Model> model, ZeroOptions options = {},
            std::uint64_t seed = 0x5EED);

  AgentKind kind() const override { return AgentKind::kZero; }
  const ZeroOptions& options() const { return options_; }
  // The shared evaluator (its statistics show how well leaves were batched).
  BatchingEvaluator& evaluator() const { return *evaluator_; }
  // A player that keeps its search tree between the moves of one game; `seed` seeds its root
  // noise and move sampling.
  std::unique_ptr<GamePlayer> new_game_player(std::uint64_t seed) const override;

 protected:
  // Searches by time (seconds_per_move > 0) or by count (rounds); a budget changes that one.
  StrengthSettings strength() const override;
  MoveDecision decide(const GameState& state, Rng& rng, const MoveBudget& budget) const override;
  std::string settings() const override;

 private:
  ZeroOptions options_;
  std::shared_ptr<BatchingEvaluator> evaluator_;
  ResignJudge resign_;
};

}  // namespace dlgo::net
