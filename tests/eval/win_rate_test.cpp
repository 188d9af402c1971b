// Win-rate intervals and Elo conversions against hand-computed values.
#include "tests/catch.h"

#include <cmath>

#include "engine/eval/win_rate.h"

using namespace dlgo;

TEST_CASE("the Wilson interval matches hand-computed values") {
  // 7 of 10, z = 1.96: centre (0.7 + z^2/20) / (1 + z^2/10) = 0.64449,
  // half width z sqrt(0.021 + z^2/400) / (1 + z^2/10) = 0.24772.
  Interval seven = wilson_interval(7, 10);
  CHECK(seven.low == Approx(0.39677).epsilon(1e-4));
  CHECK(seven.high == Approx(0.89220).epsilon(1e-4));
  // 0 of 10: [0, z^2 / (n + z^2)] = [0, 0.27753].
  Interval none = wilson_interval(0, 10);
  CHECK(none.low == Approx(0.0).margin(1e-12));
  CHECK(none.high == Approx(3.841459 / 13.841459).epsilon(1e-6));
  // Symmetric around one half for half the games.
  Interval half = wilson_interval(100, 200);
  CHECK(half.low + half.high == Approx(1.0));
  CHECK(half.low == Approx(0.43134).epsilon(1e-4));
}

TEST_CASE("the normal interval is p +- z sqrt(p(1-p)/n), clamped") {
  Interval seven = normal_interval(7, 10);
  CHECK(seven.low == Approx(0.7 - 1.959964 * std::sqrt(0.021)).epsilon(1e-6));
  CHECK(seven.high == Approx(0.7 + 1.959964 * std::sqrt(0.021)).epsilon(1e-6));
  Interval all = normal_interval(10, 10);
  CHECK(all.low == Approx(1.0));
  CHECK(all.high == Approx(1.0));
}

TEST_CASE("Elo differences follow the logistic model") {
  CHECK(elo_from_win_rate(0.5) == Approx(0.0).margin(1e-12));
  CHECK(elo_from_win_rate(0.75) == Approx(400 * std::log10(3.0)));  // 190.85
  CHECK(elo_from_win_rate(0.75) == Approx(190.848501));
  CHECK(elo_from_win_rate(0.25) == Approx(-190.848501));
  CHECK(std::isinf(elo_from_win_rate(1.0)));
  CHECK(elo_from_win_rate(0.0) < 0);
  CHECK(win_rate_from_elo(400) == Approx(10.0 / 11.0));
  CHECK(win_rate_from_elo(elo_from_win_rate(0.3)) == Approx(0.3));
}

TEST_CASE("a match summary counts draws as half points") {
  WinRateSummary summary = summarize_win_rate(6, 2, 2);
  CHECK(summary.games == 10);
  CHECK(summary.score == 7.0);
  CHECK(summary.win_rate == Approx(0.7));
  CHECK(summary.interval.low == Approx(0.39677).epsilon(1e-4));
  CHECK(summary.elo == Approx(400 * std::log10(7.0 / 3.0)));
  CHECK(summary.elo_interval.low == Approx(elo_from_win_rate(summary.interval.low)));
  CHECK(summary.elo_interval.high == Approx(elo_from_win_rate(summary.interval.high)));
  WinRateSummary empty = summarize_win_rate(0, 0, 0);
  CHECK(empty.games == 0);
  CHECK(std::isinf(empty.elo_interval.high));
}
