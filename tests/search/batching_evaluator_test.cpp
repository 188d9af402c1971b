// The batching evaluator under many threads, with a stand-in network whose answers depend on
// the input, so a result delivered to the wrong caller is caught. Built both into the normal
// suite and (where the compiler has it) into a ThreadSanitizer executable.
#include "tests/catch.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "engine/search/batching_evaluator.h"

using namespace dlgo;

namespace {

// policy[k] = input[0] + k, value = -input[0]; records the batch sizes it saw.
class EchoNetwork : public BatchNetwork {
 public:
  explicit EchoNetwork(int delay_us = 200, int fail_on = -1)
      : delay_us_(delay_us), fail_on_(fail_on) {}
  std::size_t input_size() const override { return 3; }
  int policy_size() const override { return 4; }
  void run(const float* inputs, int batch, float* policies, float* values) const override {
    calls_.fetch_add(1);
    largest_.store(std::max(largest_.load(), batch));
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us_));
    for (int i = 0; i < batch; ++i) {
      const float x = inputs[i * 3];
      if (static_cast<int>(x) == fail_on_) throw std::runtime_error("network failed");
      for (int k = 0; k < 4; ++k) policies[i * 4 + k] = x + k;
      values[i] = -x;
    }
  }
  int calls() const { return calls_.load(); }
  int largest() const { return largest_.load(); }

 private:
  int delay_us_, fail_on_;
  mutable std::atomic<int> calls_{0}, largest_{0};
};

// `threads` registered clients, each evaluating `per_thread` distinct positions and checking
// its own answers. Returns the number of wrong answers.
int run_clients(BatchingEvaluator& evaluator, int threads, int per_thread) {
  std::atomic<int> wrong{0};
  evaluator.add_clients(threads);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        const float x = static_cast<float>(t * 1000 + i);
        float input[3] = {x, 1, 2};
        float policy[4] = {};
        float value = 0;
        evaluator.evaluate(input, policy, &value);
        bool right = value == -x;
        for (int k = 0; k < 4; ++k) right = right && policy[k] == x + k;
        if (!right) wrong.fetch_add(1);
      }
      evaluator.remove_client();
    });
  }
  for (auto& worker : workers) worker.join();
  return wrong.load();
}

}  // namespace

TEST_CASE("eight search threads get their own answers from batches of several positions") {
  auto network = std::make_shared<EchoNetwork>();
  BatchingEvaluator evaluator(network, BatchingOptions{64, 20.0});
  CHECK(run_clients(evaluator, 8, 100) == 0);
  BatchingStats stats = evaluator.stats();
  CHECK(stats.positions == 800);
  CHECK(stats.batches == static_cast<std::uint64_t>(network->calls()));
  // Every client waits for the others, so batches hold about eight positions.
  CHECK(stats.positions_per_batch() > 4.0);
  CHECK(network->largest() <= 8);
}

TEST_CASE("batches never exceed max_batch, and many threads all finish") {
  auto network = std::make_shared<EchoNetwork>(50);
  BatchingEvaluator evaluator(network, BatchingOptions{5, 1.0});
  CHECK(run_clients(evaluator, 32, 40) == 0);
  CHECK(evaluator.stats().positions == 32 * 40);
  CHECK(network->largest() <= 5);
  CHECK(evaluator.stats().positions_per_batch() > 1.0);
}

TEST_CASE("a lone caller is served at once, and a stalled client only costs the wait") {
  auto network = std::make_shared<EchoNetwork>(0);
  BatchingEvaluator evaluator(network, BatchingOptions{16, 5.0});
  float input[3] = {7, 0, 0}, policy[4], value;
  evaluator.evaluate(input, policy, &value);  // no clients registered: no waiting
  CHECK(value == -7.0f);

  // Two registered clients, only one of which ever asks: it waits max_wait, then runs alone.
  evaluator.add_clients(2);
  const auto start = std::chrono::steady_clock::now();
  evaluator.evaluate(input, policy, &value);
  const double waited =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  CHECK(value == -7.0f);
  CHECK(waited >= 4.0);
  CHECK(waited < 1000.0);
  evaluator.remove_client();
  evaluator.remove_client();
}

TEST_CASE("a failing network call reaches every caller in its batch") {
  auto network = std::make_shared<EchoNetwork>(100, 0);  // the position 0 fails its batch
  BatchingEvaluator evaluator(network, BatchingOptions{64, 50.0});
  std::atomic<int> failures{0};
  evaluator.add_clients(4);
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&, t] {
      float input[3] = {static_cast<float>(t), 0, 0}, policy[4], value;
      try {
        evaluator.evaluate(input, policy, &value);
      } catch (const std::runtime_error&) {
        failures.fetch_add(1);
      }
      evaluator.remove_client();
    });
  }
  for (auto& worker : workers) worker.join();
  CHECK(failures.load() >= 1);  // at least the batch with position 0
  CHECK(evaluator.stats().positions == 4);

  CHECK_THROWS_AS(BatchingEvaluator(network, BatchingOptions{0, 1.0}), std::invalid_argument);
  CHECK_THROWS_AS(BatchingEvaluator(nullptr), std::invalid_argument);
}
