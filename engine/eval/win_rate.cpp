#include "engine/eval/win_rate.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dlgo {

Interval wilson_interval(double score, double games, double z) {
  if (games <= 0) return {0, 1};
  const double p = score / games;
  const double z2 = z * z;
  const double denominator = 1 + z2 / games;
  const double centre = (p + z2 / (2 * games)) / denominator;
  const double half = z * std::sqrt(p * (1 - p) / games + z2 / (4 * games * games)) / denominator;
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Interval normal_interval(double score, double games, double z) {
  if (games <= 0) return {0, 1};
  const double p = score / games;
  const double half = z * std::sqrt(p * (1 - p) / games);
  return {std::max(0.0, p - half), std::min(1.0, p + half)};
}

double elo_from_win_rate(double p) {
  if (p <= 0) return -std::numeric_limits<double>::infinity();
  if (p >= 1) return std::numeric_limits<double>::infinity();
  return 400.0 * std::log10(p / (1 - p));
}

double win_rate_from_elo(double elo) {
  return 1.0 / (1.0 + std::pow(10.0, -elo / 400.0));
}

WinRateSummary summarize_win_rate(int wins, int draws, int losses, double z) {
  WinRateSummary summary;
  summary.games = wins + draws + losses;
  summary.score = wins + 0.5 * draws;
  if (summary.games == 0) {
    summary.interval = {0, 1};
    summary.win_rate = 0.5;
    summary.elo_interval = {-std::numeric_limits<double>::infinity(),
                            std::numeric_limits<double>::infinity()};
    return summary;
  }
  summary.win_rate = summary.score / summary.games;
  summary.interval = wilson_interval(summary.score, summary.games, z);
  summary.elo = elo_from_win_rate(summary.win_rate);
  summary.elo_interval = {elo_from_win_rate(summary.interval.low),
                          elo_from_win_rate(summary.interval.high)};
  return summary;
}

}  // namespace dlgo
