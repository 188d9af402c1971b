// The move-choice rules the network agents share: turning network outputs into sampling
// weights, ranking candidates by sampling without replacement, and taking the first candidate
// that is a legal move and does not fill one of the player's own eyes (dlgo's eye test).
//
// Contract: pure functions apart from the caller's Rng; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/agents/agent.h"
#include "engine/encoders/encoder.h"
#include "engine/game_state.h"
#include "engine/rng.h"

namespace dlgo::net {

// How a sampling agent turns move weights into a choice (pg, q, value, ac).
struct SamplingOptions {
  // Weights w become w^(1/T) before sampling: T < 1 sharpens, T > 1 flattens. Must be > 0.
  double temperature = 1.0;
  // With this probability a move is chosen uniformly instead (exploration); 0..1.
  double epsilon = 0.0;
  // Rank by weight instead of sampling (the best playable move is played).
  bool greedy = false;
};

// `options` with a request's choice of best move or sample (MoveBudget::greedy) applied.
SamplingOptions within(SamplingOptions options, const MoveBudget& budget);

// The original predict agent's weights: p^3, clipped to [1e-6, 1 - 1e-6], renormalised.
std::vector<double> predict_weights(const float* probabilities, int count);

// p^(1/T), clipped to [floor, 1 - floor], renormalised. Throws std::invalid_argument for T <= 0.
std::vector<double> tempered_weights(const std::vector<double>& weights, double temperature,
                                     double floor = 1e-6);

// The indices 0..n-1 in a random order where each next index is drawn with probability
// proportional to its weight among those not yet drawn (numpy's choice(replace=False, p=w)).
// Zero weights come last, in random order.
std::vector<int> rank_by_sampling(const std::vector<double>& weights, Rng& rng);

// The indices ordered by weight, highest first (ties by index).
std::vector<int> rank_by_weight(const std::vector<double>& weights);

// Applies SamplingOptions: epsilon -> uniform random order; greedy -> by weight; otherwise
// tempered weights (clipped at `floor`) sampled without replacement.
std::vector<int> rank_moves(const std::vector<double>& weights, const SamplingOptions& options,
                            Rng& rng, double floor = 1e-6);

// "temperature 1, epsilon 0" / "greedy", for descriptions.
std::string describe(const SamplingOptions& options);

// True when the player to move may play `point` and it is not one of its own eyes.
bool is_playable_point(const GameState& state, int point);

// The first label in `ranked` that decodes to a playable point (pass labels are skipped);
// Move::pass() when there is none.
Move first_playable(const GameState& state, const Encoder& encoder, const std::vector<int>& ranked);

// The `count` most probable playable moves in `state` (is_playable_point; pass labels
// included) as diagnostics candidates, their priors renormalised over the playable moves: the
// distribution the policy agents sample from.
std::vector<MoveCandidate> top_policy_moves(const GameState& state, const Encoder& encoder,
                                            const float* probabilities, int count);

// Checks SamplingOptions, throwing std::invalid_argument naming the bad field.
void validate(const SamplingOptions& options);

}  // namespace dlgo::net
