// Gathers positions from many search threads and evaluates them with one network call.
//
// A search thread that reaches a leaf calls evaluate() and blocks. The evaluator does not run
// a thread of its own: the caller whose request completes a batch becomes the batch's leader,
// runs the network for everyone in it (without holding the lock) and wakes the others. A
// batch is complete when it holds `max_batch` positions, or one from every registered client
// that is not already waiting on a running batch (so N search threads make batches of about N
// positions), or when the oldest waiting request has waited `max_wait_ms` (so a thread that
// is busy elsewhere never stalls the rest for long). Several batches may run at once; the
// network must allow that (Model::predict does).
//
// Search threads register as clients for as long as they search (add_clients before they
// start, remove_client when each stops); unregistered callers are served too, they only make
// the evaluator wait less. One evaluator may serve several searches at once (e.g. all games a
// server plays with one agent), which makes batches bigger.
//
// Contract: every public member is thread-safe. An exception from the network reaches every
// caller of the failed batch. It sees only floats: net/agents/model_batch_network.h adapts a
// network, and an Evaluator (evaluator.h) in front of it turns positions into those floats.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>

#include "engine/mutex.h"

namespace dlgo {

// The network behind an evaluator (the search side's view of a forward pass).
class BatchNetwork {
 public:
  virtual ~BatchNetwork() = default;
  virtual std::size_t input_size() const = 0;  // floats per position
  virtual int policy_size() const = 0;         // probabilities per position
  // Evaluates `batch` positions; must be safe to call from several threads at once.
  virtual void run(const float* inputs, int batch, float* policies, float* values) const = 0;
};

struct BatchingOptions {
  int max_batch = 64;
  double max_wait_ms = 2.0;
};

struct BatchingStats {
  std::uint64_t batches = 0;
  std::uint64_t positions = 0;
  double positions_per_batch() const { return batches ? double(positions) / batches : 0.0; }
};

class BatchingEvaluator {
 public:
  // Throws std::invalid_argument for max_batch < 1 or a negative wait.
  BatchingEvaluator(std::shared_ptr<const BatchNetwork> network, BatchingOptions options = {});

  std::size_t input_size() const { return network_->input_size(); }
  int policy_size() const { return network_->policy_size(); }
  const BatchingOptions& options() const { return options_; }

  void add_clients(int count) DLGO_EXCLUDES(mutex_);
  void remove_client() DLGO_EXCLUDES(mutex_);

  // Evaluates one position: reads input_size() floats, writes policy_size() probabilities and
  // the value. Blocks until its batch has run.
  void evaluate(const float* input, float* policy, float* value) DLGO_EXCLUDES(mutex_);

  // Network calls and positions sent to the network (failed calls included) since the start
  // or the last reset_stats().
  BatchingStats stats() const;
  void reset_stats();

 private:
  struct Request {
    const float* input;
    float* policy;
    float* value;
    bool done = false;
    std::exception_ptr error;
  };

  bool batch_complete() const DLGO_REQUIRES(mutex_);
  // Runs the requests a leader took off pending_, without the lock; returns the network's
  // exception, if any.
  std::exception_ptr run_batch(const std::deque<Request*>& batch) DLGO_EXCLUDES(mutex_);

  const std::shared_ptr<const BatchNetwork> network_;
  const BatchingOptions options_;

  Mutex mutex_;
  std::condition_variable_any wake_;                      // a batch finished, or a client left
  std::deque<Request*> pending_ DLGO_GUARDED_BY(mutex_);  // oldest first
  int clients_ DLGO_GUARDED_BY(mutex_) = 0;
  int in_flight_ DLGO_GUARDED_BY(mutex_) = 0;  // requests in batches now running

  std::atomic<std::uint64_t> batches_{0};
  std::atomic<std::uint64_t> positions_{0};
};

}  // namespace dlgo
