// `alphago`: the book's AlphaGoMCTS. A tree search whose leaves are expanded with the policy
// network's priors and judged by a mix of the value network and a fast rollout:
// leaf value = (1 - lambda) * value_network + lambda * rollout_result. Children are chosen by
// Q + U with U = c_u * P * sqrt(N_parent) / (1 + n) (the book's c_u = 5), and the most visited
// move is played. It runs on the search tree of engine/search/tree_search.h (single-threaded,
// no root noise, the pass always a child, unvisited moves valued 0 as in the book), judged by
// the network through a NetworkEvaluator with the rollout mixed into its value.
//
// Networks: the agent file's network gives both the priors and the value (an alphago agent
// file has a value head), one call per new leaf. Rollouts play uniformly random legal moves
// that do not fill an own eye (the engine's fast random bot) unless a fast policy model is
// given; then each rollout move is sampled from that network (first playable move of a
// ranking sampled without replacement). A rollout stops after rollout_limit moves and the
// area score decides it.
//
// Fixed from the original: Q is a running mean (Q += (v - Q) / n; the original added v / n to
// Q, so Q only ever grew), values change sign at every ply on the way back up (the original
// credited every node with the leaf's value from one player's view), a simulation stops at a
// new leaf instead of expanding `depth` plies in a row, and finished games are scored.
//
// An agent loaded from an agent file gets the file's embedded rollout policy as its fast policy
// (net/agent_files.h, net/rollout_policy.h); description() says "rollouts: random" or
// "rollouts: policy (KIND, NETWORK network, ENCODER encoder)".
//
// Diagnostics: the most visited moves with prior, visits and win rate; the root's leaf value
// (network and rollout mixed); the best move's win rate; the simulations run; the principal
// variation.
//
// Contract: see engine/agents/agent.h; thread-safe (each call builds its own tree),
// single-threaded search.
#pragma once

#include <memory>

#include "net/agents/network_agent.h"
#include "net/agents/network_evaluator.h"
#include "net/agents/resign_judge.h"

namespace dlgo::net {

struct AlphaGoOptions {
  int rounds = 100;         // simulations per move
  double lambda = 0.5;      // weight of the rollout result against the value network
  double c_u = 5.0;         // exploration weight
  int depth = 50;           // the tree grows at most this deep below the root
  int rollout_limit = 100;  // moves per rollout before the area score decides
  bool avoid_own_eyes = true;
  ResignOptions resign;

  void validate() const;  // throws std::invalid_argument naming the bad field
};

class AlphaGoAgent : public NetworkAgent {
 public:
  // `fast_policy`: optional rollout network for the same board. Throws std::invalid_argument
  // for bad options, a network without a value head or a fast policy of another board size.
  AlphaGoAgent(std::shared_ptr<const Model> model, AlphaGoOptions options = {},
               std::uint64_t seed = 0x5EED, std::shared_ptr<const Model> fast_policy = nullptr);

  AgentKind kind() const override { return AgentKind::kAlphaGo; }
  const AlphaGoOptions& options() const { return options_; }

 protected:
  StrengthSettings strength() const override { return {options_.rounds, {}, {}}; }
  MoveDecision decide(const GameState& state, Rng& rng, const MoveBudget& budget) const override;
  std::string settings() const override;

 private:
  AlphaGoOptions options_;
  std::shared_ptr<const Model> fast_policy_;
  ResignJudge resign_;
  std::shared_ptr<NetworkEvaluator> network_;  // shared by concurrent calls: leaves batch together
};

}  // namespace dlgo::net
