// An Evaluator with chosen answers, for testing the search without a network: priors by GTP
// vertex ("pass" for the pass), every other move a default prior, and a value from a
// function of the position (0 by default). It counts its calls, can sleep in each (so search
// threads overlap) and can fail from a given call on.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <string>

#include "engine/search/evaluator.h"

namespace dlgo::test {

class FakeEvaluator : public Evaluator {
 public:
  std::map<std::string, float> priors;  // GTP vertex or "pass" -> prior
  float default_prior = 1.0f;
  std::function<float(const GameState&)> value_of;  // for the player to move; null: 0
  int delay_us = 0;
  int fail_from_call = -1;  // >= 0: this call and later ones throw std::runtime_error

  void evaluate(const GameState& state, Evaluation& result) override;
  void add_clients(int count) override { clients_ += count; }
  void remove_client() override { --clients_; }

  int calls() const { return calls_.load(); }
  int clients() const { return clients_.load(); }
  bool saw_finished_game() const { return saw_finished_game_.load(); }

 private:
  std::atomic<int> calls_{0}, clients_{0};
  std::atomic<bool> saw_finished_game_{false};
};

}  // namespace dlgo::test
