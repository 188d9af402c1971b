// Win rates with confidence intervals, and the Elo difference they imply.
//
// A game scores 1 for a win, 1/2 for a draw (a jigo, possible with integer komi) and 0 for a
// loss; the win rate is the mean score. The Wilson score interval is the default: unlike the
// normal (Wald) interval it stays inside [0, 1] and keeps close to its nominal coverage for small
// samples and rates near 0 or 1. Elo differences follow the logistic model
// p = 1 / (1 + 10^(-d/400)); the interval on d maps the interval on p (the map is monotonic).
//
// Contract: pure functions; safe from any thread.
#pragma once

namespace dlgo {

inline constexpr double kZ95 = 1.959963984540054;  // two-sided 95% normal quantile

struct Interval {
  double low = 0;
  double high = 0;
};

// Wilson score interval for `score` points out of `games` (0 < games). z: normal quantile.
Interval wilson_interval(double score, double games, double z = kZ95);
// Normal approximation p +- z sqrt(p(1-p)/n), clamped to [0, 1].
Interval normal_interval(double score, double games, double z = kZ95);

// Elo difference for a win rate: 400 log10(p / (1 - p)); +-infinity at p = 1 or 0.
double elo_from_win_rate(double p);
// Win rate for an Elo difference (the inverse).
double win_rate_from_elo(double elo);

// Everything a match report needs about one side's results.
struct WinRateSummary {
  double score = 0;  // wins + draws / 2
  int games = 0;
  double win_rate = 0;
  Interval interval;  // Wilson, 95%
  double elo = 0;     // may be +-infinity
  Interval elo_interval;
};

WinRateSummary summarize_win_rate(int wins, int draws, int losses, double z = kZ95);

}  // namespace dlgo
