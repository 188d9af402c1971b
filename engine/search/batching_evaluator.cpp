#include "engine/search/batching_evaluator.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace dlgo {

BatchingEvaluator::BatchingEvaluator(std::shared_ptr<const BatchNetwork> network,
                                     BatchingOptions options)
    : network_(std::move(network)), options_(options) {
  if (!network_) throw std::invalid_argument("batching evaluator: no network");
  if (options_.max_batch < 1) {
    throw std::invalid_argument("max batch must be >= 1, got " +
                                std::to_string(options_.max_batch));
  }
  if (!(options_.max_wait_ms >= 0)) {
    throw std::invalid_argument("max wait must be >= 0 ms, got " +
                                std::to_string(options_.max_wait_ms));
  }
}

void BatchingEvaluator::add_clients(int count) {
  MutexLock lock(mutex_);
  clients_ += count;
}

void BatchingEvaluator::remove_client() {
  {
    MutexLock lock(mutex_);
    clients_ = std::max(0, clients_ - 1);
  }
  // Waiters may now make a complete batch without the client that left.
  wake_.notify_all();
}

bool BatchingEvaluator::batch_complete() const {
  const int size = static_cast<int>(pending_.size());
  if (size >= options_.max_batch) return true;
  // Clients blocked on a running batch cannot add to this one.
  const int can_join = std::max(1, clients_ - in_flight_);
  return size >= can_join;
}

void BatchingEvaluator::evaluate(const float* input, float* policy, float* value) {
  Request request{input, policy, value, false, nullptr};
  MutexLock lock(mutex_);
  pending_.push_back(&request);
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                            std::chrono::duration<double, std::milli>(options_.max_wait_ms));
  while (!request.done) {
    const bool mine_pending =
        std::find(pending_.begin(), pending_.end(), &request) != pending_.end();
    if (!mine_pending) {
      // Another caller leads the batch holding ours; it wakes us when it is done.
      wake_.wait(lock);
      continue;
    }
    if (batch_complete() || std::chrono::steady_clock::now() >= deadline) {
      // Lead a batch: the oldest requests, up to max_batch (ours may be in a later one).
      const size_t take = std::min(pending_.size(), static_cast<size_t>(options_.max_batch));
      std::deque<Request*> batch(pending_.begin(), pending_.begin() + take);
      pending_.erase(pending_.begin(), pending_.begin() + take);
      in_flight_ += static_cast<int>(batch.size());
      lock.unlock();
      std::exception_ptr error = run_batch(batch);
      lock.lock();
      in_flight_ -= static_cast<int>(batch.size());
      for (Request* done : batch) {
        done->error = error;
        done->done = true;
      }
      wake_.notify_all();
      continue;
    }
    wake_.wait_until(lock, deadline);
  }
  if (request.error) std::rethrow_exception(request.error);
}

std::exception_ptr BatchingEvaluator::run_batch(const std::deque<Request*>& batch) {
  const int count = static_cast<int>(batch.size());
  const size_t input_size = network_->input_size();
  const size_t policy_size = static_cast<size_t>(network_->policy_size());
  std::vector<float> inputs(count * input_size);
  std::vector<float> policies(count * policy_size);
  std::vector<float> values(count);
  for (int i = 0; i < count; ++i) {
    std::copy_n(batch[i]->input, input_size, inputs.begin() + i * input_size);
  }
  batches_.fetch_add(1, std::memory_order_relaxed);
  positions_.fetch_add(count, std::memory_order_relaxed);
  try {
    network_->run(inputs.data(), count, policies.data(), values.data());
  } catch (...) {
    return std::current_exception();
  }
  // The outputs go straight to the callers' buffers: each caller is blocked until it sees
  // `done`, which is set under the lock after this returns.
  for (int i = 0; i < count; ++i) {
    std::copy_n(policies.begin() + i * policy_size, policy_size, batch[i]->policy);
    *batch[i]->value = values[i];
  }
  return nullptr;
}

BatchingStats BatchingEvaluator::stats() const {
  BatchingStats stats;
  stats.batches = batches_.load();
  stats.positions = positions_.load();
  return stats;
}

void BatchingEvaluator::reset_stats() {
  batches_ = 0;
  positions_ = 0;
}

}  // namespace dlgo
