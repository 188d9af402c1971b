// Bradley-Terry ratings of a pool of players from pairwise game results, by maximum likelihood.
//
// Model: player i beats player j with probability g_i / (g_i + g_j); ratings are reported in Elo,
// r_i = 400 log10(g_i), shifted so that they average 0. A draw counts as half a win for each
// side. The maximum is found with Hunter's MM iteration, which increases the likelihood at every
// step; the standard errors come from the inverse of the observed Fisher information, taken
// under the same sum-to-zero constraint (its Moore-Penrose pseudo-inverse).
//
// The plain maximum does not exist when a player (or a group of players) won or lost every game
// against the rest; `prior_draws` adds that many virtual drawn games to every pair that played,
// which keeps every rating finite and pulls them slightly together. Players that are not
// connected to the others by games get no rating (an error).
//
// Contract: pure functions; safe from any thread. Throws std::invalid_argument for bad input.
#pragma once

#include <vector>

namespace dlgo {

// Results between two players: wins of `first`, wins of `second`, draws.
struct PairResult {
  int first = 0;
  int second = 0;
  double first_wins = 0;
  double second_wins = 0;
  double draws = 0;
};

struct BradleyTerryRatings {
  std::vector<double> elo;        // mean zero
  std::vector<double> elo_error;  // standard error of each rating (vs the pool mean)
  // covariance[i][j] of the ratings in Elo^2; the standard error of r_i - r_j is
  // sqrt(c_ii + c_jj - 2 c_ij).
  std::vector<std::vector<double>> covariance;
  int iterations = 0;
  bool converged = false;
};

BradleyTerryRatings fit_bradley_terry(int players, const std::vector<PairResult>& results,
                                      double prior_draws = 0.0, int max_iterations = 100000,
                                      double tolerance = 1e-10);

// Standard error of r_i - r_j.
double elo_difference_error(const BradleyTerryRatings& ratings, int i, int j);

}  // namespace dlgo
