#include "net/agents/scored_moves.h"

namespace dlgo::net {

std::vector<int> playable_points(const GameState& state) {
  std::vector<int> points;
  for (int point : state.legal_points()) {
    if (!state.board().is_eye(point, state.next_player())) points.push_back(point);
  }
  return points;
}

MoveDecision choose_scored_move(const std::vector<int>& points, const std::vector<float>& values,
                                const SamplingOptions& options, Rng& rng) {
  MoveDecision decision;
  if (points.empty()) {
    decision.move = Move::pass();
    return decision;
  }
  std::vector<double> win_rates(points.size());
  for (size_t i = 0; i < points.size(); ++i) win_rates[i] = win_rate_of_value(values[i]);
  std::vector<int> ranked = rank_moves(win_rates, options, rng);
  decision.move = Move::play(points[ranked.front()]);

  std::vector<int> best = rank_by_weight(win_rates);
  AgentDiagnostics& diagnostics = decision.diagnostics;
  for (size_t i = 0; i < best.size() && i < 10; ++i) {
    MoveCandidate candidate;
    candidate.move = Move::play(points[best[i]]);
    candidate.win_rate = win_rates[best[i]];
    diagnostics.top_moves.push_back(candidate);
  }
  diagnostics.win_rate = win_rates[best.front()];
  diagnostics.value = values[best.front()];
  return decision;
}

}  // namespace dlgo::net
