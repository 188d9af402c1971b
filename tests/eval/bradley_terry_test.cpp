// Bradley-Terry maximum likelihood against hand-computed ratings and errors.
#include "tests/catch.h"

#include <cmath>

#include "engine/eval/bradley_terry.h"

using namespace dlgo;

namespace {
const double kEloPerNat = 400 / std::log(10.0);
}

TEST_CASE("two players: the rating gap is the logit of the score") {
  // A beats B 7 of 10: g_A / g_B = 7 / 3, gap = 400 log10(7/3) = 147.19.
  BradleyTerryRatings r = fit_bradley_terry(2, {{0, 1, 7, 3, 0}});
  REQUIRE(r.converged);
  CHECK(r.elo[0] - r.elo[1] == Approx(400 * std::log10(7.0 / 3.0)));
  CHECK(r.elo[0] + r.elo[1] == Approx(0.0).margin(1e-9));
  // Information n p (1 - p) = 2.1 for the gap, so its standard error is 1 / sqrt(2.1) nats;
  // each rating is half the gap away from the mean.
  CHECK(elo_difference_error(r, 0, 1) == Approx(kEloPerNat / std::sqrt(2.1)));
  CHECK(r.elo_error[0] == Approx(kEloPerNat / std::sqrt(2.1) / 2));
}

TEST_CASE("three players whose results fit the model exactly") {
  // Strengths 4 : 2 : 1 give p(A>B) = 2/3, p(A>C) = 4/5, p(B>C) = 2/3; these results match
  // the expected wins exactly, so the maximum sits at those strengths.
  std::vector<PairResult> results = {{0, 1, 2, 1, 0}, {0, 2, 4, 1, 0}, {1, 2, 2, 1, 0}};
  BradleyTerryRatings r = fit_bradley_terry(3, results);
  REQUIRE(r.converged);
  const double doubling = 400 * std::log10(2.0);  // 120.41
  CHECK(r.elo[0] - r.elo[1] == Approx(doubling));
  CHECK(r.elo[1] - r.elo[2] == Approx(doubling));
  CHECK(r.elo[0] + r.elo[1] + r.elo[2] == Approx(0.0).margin(1e-9));
  CHECK(r.elo[0] == Approx(doubling));
  // Information matrix (nats): w_AB = 3 (2/9), w_AC = 5 (4/25), w_BC = 3 (2/9);
  // var(r_A - r_C) from the inverse of the reduced 2x2 system with B fixed... compare with the
  // closed form for a triangle: the variance of a difference is the effective resistance.
  const double ab = 3 * 2.0 / 9, ac = 5 * 4.0 / 25, bc = 3 * 2.0 / 9;
  const double resistance_ac = 1 / (ac + 1 / (1 / ab + 1 / bc));
  CHECK(elo_difference_error(r, 0, 2) == Approx(kEloPerNat * std::sqrt(resistance_ac)));
}

TEST_CASE("draws count as half a win for each side") {
  BradleyTerryRatings with_draws = fit_bradley_terry(2, {{0, 1, 5, 1, 2}});
  BradleyTerryRatings as_halves = fit_bradley_terry(2, {{0, 1, 6, 2, 0}});
  CHECK(with_draws.elo[0] == Approx(as_halves.elo[0]));
}

TEST_CASE("a clean sweep needs a prior, and with one the ratings are finite") {
  CHECK_THROWS_WITH(fit_bradley_terry(2, {{0, 1, 10, 0, 0}}), Catch::Contains("won every game"));
  // One virtual draw: 10.5 : 0.5, a gap of 400 log10(21).
  BradleyTerryRatings r = fit_bradley_terry(2, {{0, 1, 10, 0, 0}}, 1.0);
  CHECK(r.elo[0] - r.elo[1] == Approx(400 * std::log10(21.0)));
}

TEST_CASE("bad input is refused with a clear message") {
  CHECK_THROWS_WITH(fit_bradley_terry(3, {{0, 1, 2, 1, 0}}), Catch::Contains("not connected"));
  CHECK_THROWS_AS(fit_bradley_terry(2, {{0, 0, 1, 1, 0}}), std::invalid_argument);
  CHECK_THROWS_AS(fit_bradley_terry(2, {{0, 2, 1, 1, 0}}), std::invalid_argument);
  CHECK_THROWS_AS(fit_bradley_terry(2, {{0, 1, -1, 1, 0}}), std::invalid_argument);
  CHECK_THROWS_AS(fit_bradley_terry(0, {}), std::invalid_argument);
  BradleyTerryRatings alone = fit_bradley_terry(1, {});
  CHECK(alone.elo == std::vector<double>{0.0});
}
