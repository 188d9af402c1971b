// The sampling rules of the predict and pg agents, and the resignation judge.
#include "tests/catch.h"

#include <cmath>
#include <vector>

#include "engine/ascii_board.h"
#include "engine/coords.h"
#include "engine/encoders/registry.h"
#include "net/agents/move_choice.h"
#include "net/agents/resign_judge.h"

using namespace dlgo;
using namespace dlgo::net;

namespace {

// How often each index comes first over many rankings.
std::vector<double> first_choice_frequencies(const std::vector<double>& weights,
                                             const SamplingOptions& options, int trials) {
  Rng rng(99);
  std::vector<double> counts(weights.size(), 0.0);
  for (int i = 0; i < trials; ++i) counts[rank_moves(weights, options, rng).front()] += 1;
  for (double& c : counts) c /= trials;
  return counts;
}

}  // namespace

TEST_CASE("predict weights are the probabilities cubed, clipped and renormalised") {
  const float probabilities[4] = {0.5f, 0.3f, 0.2f, 0.0f};
  std::vector<double> w = predict_weights(probabilities, 4);
  // 0 cubed is clipped up to 1e-6 before the renormalisation.
  const double total = 0.125 + 0.027 + 0.008 + 1e-6;
  CHECK(w[0] == Approx(0.125 / total));
  CHECK(w[1] == Approx(0.027 / total));
  CHECK(w[2] == Approx(0.008 / total));
  CHECK(w[3] == Approx(1e-6 / total));
  double sum = 0;
  for (double x : w) sum += x;
  CHECK(sum == Approx(1.0));

  // A certain move is clipped down to 1 - 1e-6, so every other move keeps a tiny chance.
  const float certain[3] = {1.0f, 0.0f, 0.0f};
  std::vector<double> c = predict_weights(certain, 3);
  CHECK(c[0] == Approx((1 - 1e-6) / (1 - 1e-6 + 2e-6)));
  CHECK(c[1] > 0);
}

TEST_CASE("temperature raises weights to the power 1/T") {
  std::vector<double> p{0.5, 0.3, 0.2};
  std::vector<double> cold = tempered_weights(p, 0.5);
  CHECK(cold[0] == Approx(0.25 / 0.38));
  CHECK(cold[2] == Approx(0.04 / 0.38));
  std::vector<double> same = tempered_weights(p, 1.0);
  CHECK(same[1] == Approx(0.3));
  std::vector<double> hot = tempered_weights(p, 2.0);
  const double root_total = std::sqrt(0.5) + std::sqrt(0.3) + std::sqrt(0.2);
  CHECK(hot[0] == Approx(std::sqrt(0.5) / root_total));
  CHECK_THROWS_AS(tempered_weights(p, 0.0), std::invalid_argument);
}

TEST_CASE("sampling without replacement draws first moves in proportion to their weight") {
  std::vector<double> weights{0.6, 0.3, 0.1, 0.0};
  SamplingOptions options;
  std::vector<double> first = first_choice_frequencies(weights, options, 20000);
  CHECK(first[0] == Approx(0.6).margin(0.02));
  CHECK(first[1] == Approx(0.3).margin(0.02));
  CHECK(first[2] == Approx(0.1).margin(0.02));
  CHECK(first[3] == 0.0);  // zero weight is only ranked after every positive one

  Rng rng(5);
  std::vector<int> order = rank_by_sampling(weights, rng);
  REQUIRE(order.size() == 4);
  CHECK(order.back() == 3);
  std::vector<int> sorted = order;
  std::sort(sorted.begin(), sorted.end());
  CHECK(sorted == std::vector<int>{0, 1, 2, 3});
}

TEST_CASE("pg temperature sharpens the policy while epsilon explores uniformly") {
  std::vector<double> policy{0.7, 0.2, 0.1};
  SamplingOptions plain;
  SamplingOptions sharp;
  sharp.temperature = 0.25;  // 0.7^4 : 0.2^4 : 0.1^4
  SamplingOptions explore;
  explore.epsilon = 1.0;
  SamplingOptions greedy;
  greedy.greedy = true;

  std::vector<double> f_plain = first_choice_frequencies(policy, plain, 20000);
  std::vector<double> f_sharp = first_choice_frequencies(policy, sharp, 20000);
  std::vector<double> f_explore = first_choice_frequencies(policy, explore, 20000);
  std::vector<double> f_greedy = first_choice_frequencies(policy, greedy, 200);
  CHECK(f_plain[0] == Approx(0.7).margin(0.02));
  const double s = std::pow(0.7, 4) + std::pow(0.2, 4) + std::pow(0.1, 4);
  CHECK(f_sharp[0] == Approx(std::pow(0.7, 4) / s).margin(0.01));
  for (double f : f_explore) CHECK(f == Approx(1.0 / 3).margin(0.02));
  CHECK(f_greedy[0] == 1.0);

  // Half exploration: the best move comes first half the time by policy, a third of the other
  // half by chance.
  SamplingOptions half;
  half.epsilon = 0.5;
  half.greedy = true;
  std::vector<double> f_half = first_choice_frequencies(policy, half, 20000);
  CHECK(f_half[0] == Approx(0.5 + 0.5 / 3).margin(0.02));

  SamplingOptions bad;
  bad.epsilon = 1.5;
  CHECK_THROWS_AS(validate(bad), std::invalid_argument);
  bad.epsilon = 0;
  bad.temperature = -1;
  CHECK_THROWS_AS(validate(bad), std::invalid_argument);
}

TEST_CASE("the first playable move skips occupied points, own eyes and pass labels") {
  // Black to move. A1 is Black's own eye; B2 is occupied; C3 is a legal empty point.
  GameState state = game_from_ascii(
      ".....\n"
      ".....\n"
      ".....\n"
      "XX...\n"
      ".X...\n");
  auto encoder = make_encoder("zero", 5);  // labels a pass as 25
  const BoardSize size = state.size();
  const int a1 = *gtp_to_point(size, "A1");
  const int b2 = *gtp_to_point(size, "B2");
  const int c3 = *gtp_to_point(size, "C3");
  REQUIRE(state.board().is_eye(a1, Color::kBlack));
  CHECK(first_playable(state, *encoder, {25, b2, a1, c3}) == Move::play(c3));
  // Nothing playable: a pass.
  CHECK(first_playable(state, *encoder, {25, b2, a1}) == Move::pass());
  // For White, A1 is not an eye of its own, but it is suicide: still skipped.
  GameState white = game_from_ascii(
      ".....\n"
      ".....\n"
      ".....\n"
      "XX...\n"
      ".X...\n",
      Color::kWhite);
  CHECK(first_playable(white, *encoder, {a1, c3}) == Move::play(c3));
}

TEST_CASE("the resignation judge needs several low decisions in a row of the same game") {
  ResignOptions options;
  options.threshold = 0.1;
  options.moves = 3;
  options.min_game_moves = 0;
  ResignJudge judge(options);
  GameState state = GameState::new_game(9);
  // Our decisions come every second move; the opponent's moves are in between.
  auto play_pair = [&](int a, int b) {
    state.play(Move::play(a));
    state.play(Move::play(b));
  };
  CHECK_FALSE(judge.should_resign(state, 0.05));  // 1 low
  play_pair(0, 1);
  CHECK_FALSE(judge.should_resign(state, 0.05));  // 2 low
  play_pair(2, 3);
  CHECK(judge.should_resign(state, 0.05));  // 3 low in a row

  // A good decision in between resets the streak.
  GameState other = GameState::new_game(9);
  CHECK_FALSE(judge.should_resign(other, 0.05));
  other.play(Move::play(10));
  other.play(Move::play(11));
  CHECK_FALSE(judge.should_resign(other, 0.5));
  other.play(Move::play(12));
  other.play(Move::play(13));
  CHECK_FALSE(judge.should_resign(other, 0.05));
  other.play(Move::play(14));
  other.play(Move::play(15));
  CHECK_FALSE(judge.should_resign(other, 0.05));

  ResignJudge off;
  CHECK_FALSE(off.should_resign(state, 0.0));
  ResignOptions early = options;
  early.moves = 1;
  early.min_game_moves = 30;
  CHECK_FALSE(ResignJudge(early).should_resign(state, 0.0));  // only 4 moves played
  CHECK_THROWS_AS(ResignJudge(ResignOptions{1.5, 3, 0}), std::invalid_argument);
}
