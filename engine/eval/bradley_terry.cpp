#include "engine/eval/bradley_terry.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace dlgo {

namespace {

using Matrix = std::vector<std::vector<double>>;

constexpr double kEloPerNat = 400.0 / 2.302585092994046;  // 400 / ln 10

// Inverse by Gauss-Jordan elimination with partial pivoting; the matrices here are small and
// (after the constraint term is added) positive definite.
Matrix invert(Matrix a) {
  const std::size_t n = a.size();
  Matrix inverse(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) inverse[i][i] = 1;
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t pivot = col;
    for (std::size_t row = col + 1; row < n; ++row) {
      if (std::fabs(a[row][col]) > std::fabs(a[pivot][col])) pivot = row;
    }
    if (std::fabs(a[pivot][col]) < 1e-300)
      throw std::invalid_argument("singular information matrix");
    std::swap(a[col], a[pivot]);
    std::swap(inverse[col], inverse[pivot]);
    const double scale = 1.0 / a[col][col];
    for (std::size_t k = 0; k < n; ++k) {
      a[col][k] *= scale;
      inverse[col][k] *= scale;
    }
    for (std::size_t row = 0; row < n; ++row) {
      if (row == col || a[row][col] == 0) continue;
      const double factor = a[row][col];
      for (std::size_t k = 0; k < n; ++k) {
        a[row][k] -= factor * a[col][k];
        inverse[row][k] -= factor * inverse[col][k];
      }
    }
  }
  return inverse;
}

void check_connected(int players, const Matrix& games) {
  std::vector<char> seen(static_cast<std::size_t>(players), 0);
  std::vector<int> stack = {0};
  seen[0] = 1;
  while (!stack.empty()) {
    int i = stack.back();
    stack.pop_back();
    for (int j = 0; j < players; ++j) {
      if (!seen[j] && games[i][j] > 0) {
        seen[j] = 1;
        stack.push_back(j);
      }
    }
  }
  for (int i = 0; i < players; ++i) {
    if (!seen[i]) {
      throw std::invalid_argument("player " + std::to_string(i) +
                                  " is not connected to player 0 by any games; ratings of "
                                  "separate pools cannot be compared");
    }
  }
}

}  // namespace

BradleyTerryRatings fit_bradley_terry(int players, const std::vector<PairResult>& results,
                                      double prior_draws, int max_iterations, double tolerance) {
  if (players < 1) throw std::invalid_argument("Bradley-Terry needs at least one player");
  if (prior_draws < 0) throw std::invalid_argument("prior_draws must not be negative");
  const std::size_t n = static_cast<std::size_t>(players);
  Matrix games(n, std::vector<double>(n, 0.0));
  std::vector<double> score(n, 0.0);
  for (const PairResult& r : results) {
    if (r.first < 0 || r.first >= players || r.second < 0 || r.second >= players ||
        r.first == r.second) {
      throw std::invalid_argument("bad pair of players " + std::to_string(r.first) + ", " +
                                  std::to_string(r.second));
    }
    if (r.first_wins < 0 || r.second_wins < 0 || r.draws < 0) {
      throw std::invalid_argument("negative game count between players " + std::to_string(r.first) +
                                  " and " + std::to_string(r.second));
    }
    const double total = r.first_wins + r.second_wins + r.draws;
    games[r.first][r.second] += total;
    games[r.second][r.first] += total;
    score[r.first] += r.first_wins + 0.5 * r.draws;
    score[r.second] += r.second_wins + 0.5 * r.draws;
  }
  if (prior_draws > 0) {
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        if (i == j || games[i][j] <= 0) continue;
        games[i][j] += prior_draws;  // visited from both ends: each adds to its own side
        score[i] += 0.5 * prior_draws;
      }
    }
  }
  BradleyTerryRatings ratings;
  ratings.elo.assign(n, 0.0);
  ratings.elo_error.assign(n, 0.0);
  ratings.covariance.assign(n, std::vector<double>(n, 0.0));
  if (players == 1) {
    ratings.converged = true;
    return ratings;
  }
  check_connected(players, games);
  for (std::size_t i = 0; i < n; ++i) {
    double played = 0;
    for (std::size_t j = 0; j < n; ++j) played += games[i][j];
    if (score[i] <= 0 || score[i] >= played) {
      throw std::invalid_argument(
          "player " + std::to_string(i) + (score[i] <= 0 ? " lost" : " won") +
          " every game, so the maximum-likelihood ratings do not exist; add virtual draws "
          "(a prior) to rate this pool");
    }
  }

  // Hunter's MM update on log-strengths, renormalised to a geometric mean of 1.
  std::vector<double> strength(n, 1.0), next(n);
  for (ratings.iterations = 1; ratings.iterations <= max_iterations; ++ratings.iterations) {
    double log_sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
      double denominator = 0;
      for (std::size_t j = 0; j < n; ++j) {
        if (games[i][j] > 0) denominator += games[i][j] / (strength[i] + strength[j]);
      }
      next[i] = score[i] / denominator;
      log_sum += std::log(next[i]);
    }
    const double mean = std::exp(log_sum / players);
    double change = 0;
    for (std::size_t i = 0; i < n; ++i) {
      next[i] /= mean;
      change = std::max(change, std::fabs(std::log(next[i] / strength[i])));
    }
    strength.swap(next);
    if (change < tolerance) {
      ratings.converged = true;
      break;
    }
  }
  for (std::size_t i = 0; i < n; ++i) ratings.elo[i] = kEloPerNat * std::log(strength[i]);

  // Observed information in natural units; its null space is the all-ones vector, so the
  // pseudo-inverse is (I + J/n)^-1 - J/n.
  Matrix information(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (i == j || games[i][j] <= 0) continue;
      const double p = strength[i] / (strength[i] + strength[j]);
      const double w = games[i][j] * p * (1 - p);
      information[i][j] -= w;
      information[i][i] += w;
    }
  }
  const double ones = 1.0 / players;
  for (auto& row : information) {
    for (double& value : row) value += ones;
  }
  Matrix covariance = invert(information);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      ratings.covariance[i][j] = (covariance[i][j] - ones) * kEloPerNat * kEloPerNat;
    }
    ratings.elo_error[i] = std::sqrt(std::max(0.0, ratings.covariance[i][i]));
  }
  return ratings;
}

double elo_difference_error(const BradleyTerryRatings& ratings, int i, int j) {
  const auto& c = ratings.covariance;
  return std::sqrt(std::max(0.0, c[i][i] + c[j][j] - 2 * c[i][j]));
}

}  // namespace dlgo
