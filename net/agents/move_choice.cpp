#include "net/agents/move_choice.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>

namespace dlgo::net {

namespace {

std::vector<double> renormalised(std::vector<double> weights) {
  double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (total <= 0) {
    std::fill(weights.begin(), weights.end(), weights.empty() ? 0.0 : 1.0 / weights.size());
    return weights;
  }
  for (double& w : weights) w /= total;
  return weights;
}

}  // namespace

std::vector<double> predict_weights(const float* probabilities, int count) {
  constexpr double kClip = 1e-6;
  std::vector<double> weights(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    double p = probabilities[i];
    weights[i] = std::clamp(p * p * p, kClip, 1.0 - kClip);
  }
  return renormalised(std::move(weights));
}

std::vector<double> tempered_weights(const std::vector<double>& weights, double temperature,
                                     double floor) {
  if (!(temperature > 0)) {
    throw std::invalid_argument("temperature must be > 0, got " + std::to_string(temperature));
  }
  std::vector<double> out(weights.size());
  for (size_t i = 0; i < weights.size(); ++i) {
    double w = std::max(weights[i], 0.0);
    out[i] = std::clamp(std::pow(w, 1.0 / temperature), floor, 1.0 - floor);
  }
  return renormalised(std::move(out));
}

std::vector<int> rank_by_sampling(const std::vector<double>& weights, Rng& rng) {
  // Efraimidis-Spirakis: sorting by u^(1/w) (here log(u)/w) gives exactly the order of
  // successive draws without replacement, in one pass instead of n renormalisations.
  std::vector<std::pair<double, int>> keys(weights.size());
  for (size_t i = 0; i < weights.size(); ++i) {
    double u = rng.uniform();
    while (u <= 0) u = rng.uniform();
    // Zero weights get keys below every positive weight's, still spread by u.
    double key = weights[i] > 0 ? std::log(u) / weights[i] : -1e300 * (2.0 - u);
    keys[i] = {key, static_cast<int>(i)};
  }
  std::sort(keys.begin(), keys.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<int> order(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].second;
  return order;
}

std::vector<int> rank_by_weight(const std::vector<double>& weights) {
  std::vector<int> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return weights[a] > weights[b]; });
  return order;
}

std::vector<int> rank_moves(const std::vector<double>& weights, const SamplingOptions& options,
                            Rng& rng, double floor) {
  if (options.epsilon > 0 && rng.uniform() < options.epsilon) {
    return rank_by_sampling(std::vector<double>(weights.size(), 1.0), rng);
  }
  if (options.greedy) return rank_by_weight(weights);
  return rank_by_sampling(tempered_weights(weights, options.temperature, floor), rng);
}

bool is_playable_point(const GameState& state, int point) {
  const Board& board = state.board();
  int loc = board.loc_of_point(point);
  return state.is_legal_loc(loc) && !board.is_eye_loc(loc, state.next_player());
}

Move first_playable(const GameState& state, const Encoder& encoder,
                    const std::vector<int>& ranked) {
  for (int label : ranked) {
    if (label < 0 || label >= encoder.num_points()) continue;  // pass or out of range
    int point = encoder.decode_point(label);
    if (is_playable_point(state, point)) return Move::play(point);
  }
  return Move::pass();
}

std::vector<MoveCandidate> top_policy_moves(const GameState& state, const Encoder& encoder,
                                            const float* probabilities, int count) {
  // Only what the agent could play: networks trained with move masks (pg/ac self-play) leave
  // the labels of occupied points untrained, so their raw probabilities mean nothing.
  std::vector<double> weights(probabilities, probabilities + encoder.num_moves());
  double playable_total = 0;
  for (int label = 0; label < encoder.num_moves(); ++label) {
    const bool playable =
        label >= encoder.num_points() || is_playable_point(state, encoder.decode_point(label));
    if (playable) {
      playable_total += weights[label];
    } else {
      weights[label] = -1;  // ranks below every probability; the listing stops there
    }
  }
  std::vector<int> order = rank_by_weight(weights);
  std::vector<MoveCandidate> top;
  for (int i = 0; i < count && i < static_cast<int>(order.size()) && weights[order[i]] >= 0; ++i) {
    MoveCandidate candidate;
    candidate.move = encoder.decode_move(order[i]);
    candidate.prior = playable_total > 0 ? weights[order[i]] / playable_total : 0.0;
    top.push_back(candidate);
  }
  return top;
}

SamplingOptions within(SamplingOptions options, const MoveBudget& budget) {
  if (budget.greedy) options.greedy = *budget.greedy;
  return options;
}

std::string describe(const SamplingOptions& options) {
  char text[80];
  if (options.greedy) {
    std::snprintf(text, sizeof text, "greedy, epsilon %g", options.epsilon);
  } else {
    std::snprintf(text, sizeof text, "temperature %g, epsilon %g", options.temperature,
                  options.epsilon);
  }
  return text;
}

void validate(const SamplingOptions& options) {
  if (!(options.temperature > 0)) {
    throw std::invalid_argument("temperature must be > 0, got " +
                                std::to_string(options.temperature));
  }
  if (!(options.epsilon >= 0 && options.epsilon <= 1)) {
    throw std::invalid_argument("epsilon must be in 0..1, got " + std::to_string(options.epsilon));
  }
}

}  // namespace dlgo::net
