#include "tests/search/fake_evaluator.h"

#include <chrono>
#include <stdexcept>
#include <thread>

#include "engine/coords.h"

namespace dlgo::test {

void FakeEvaluator::evaluate(const GameState& state, Evaluation& result) {
  const int call = calls_.fetch_add(1);
  if (state.is_over()) saw_finished_game_ = true;
  if (fail_from_call >= 0 && call >= fail_from_call) throw std::runtime_error("evaluator failed");
  if (delay_us > 0) std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
  const int points = state.size().num_points();
  result.priors.assign(static_cast<size_t>(points) + 1, default_prior);
  for (const auto& [vertex, prior] : priors) {
    const std::optional<Move> move = gtp_to_move(state.size(), vertex);
    if (!move || move->is_resign()) throw std::invalid_argument("fake evaluator: " + vertex);
    result.priors[static_cast<size_t>(move->is_pass() ? points : move->point)] = prior;
  }
  result.value = value_of ? value_of(state) : 0.0f;
}

}  // namespace dlgo::test
