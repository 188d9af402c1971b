// The ranks of one data-parallel run, joined through torch.distributed's c10d layer: a
// TCPStore rendezvous at MASTER_ADDR:MASTER_PORT (hosted by rank 0, or by torchrun's agent) and
// a process group, Gloo on the CPU, NCCL on CUDA (where this build has it).
//
// Faults are bounded and named. Every rank beats a heartbeat in the store once a second; a rank
// that fails with an error publishes it there before exiting. When a collective fails (a peer's
// connection closed, or `timeout` passed) the survivor looks at the heartbeats and errors and
// throws a DistributedError naming the rank that is gone or failed and why, e.g.
//   "rank 0 of 2: rank 1 stopped answering (no heartbeat for 3 s) during gradient allreduce"
// A rank that cannot reach the store, ranks that do not all join within `timeout`, two
// processes with one RANK, and ranks whose settings differ (require_same) are errors at start.
//
// Contract: one thread drives the collectives; tensors passed in must live on the group's
// device. Every rank must make the same calls in the same order (as with torch.distributed).
// Errors throw DistributedError (a std::runtime_error) with a one-line message.
#pragma once

#include <torch/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "net/distributed/launch_environment.h"

namespace dlgo::net {

struct DistributedError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

bool build_has_gloo();
bool build_has_nccl();

class DistributedGroup {
 public:
  // `backend`: auto (nccl on CUDA when built with it, else gloo), gloo or nccl.
  DistributedGroup(const LaunchEnvironment& environment, const std::string& backend,
                   std::chrono::seconds timeout, const torch::Device& device);
  ~DistributedGroup();
  DistributedGroup(const DistributedGroup&) = delete;
  DistributedGroup& operator=(const DistributedGroup&) = delete;

  int rank() const;
  int world_size() const;
  const std::string& backend() const;

  // Throws unless every rank passes the same `value` for `what` (flags, dataset sizes, ...), a
  // ", "-separated list whose first differing items the error names:
  // "rank 1's WHAT (seed 1) differ from rank 0's (seed 3)".
  void require_same(const std::string& what, const std::string& value);

  // Rank 0's tensors to every rank, in place.
  void broadcast(std::vector<torch::Tensor>& tensors, const std::string& what);
  // Element-wise sum over the ranks, in place, of ONE tensor (`tensors` holds one per device,
  // as c10d's collectives take them); `what` names the step in errors.
  void allreduce_sum(std::vector<torch::Tensor>& tensors, const std::string& what);
  // Starts a sum in place and returns the function that waits for it.
  std::function<void()> allreduce_sum_async(std::vector<torch::Tensor>& tensors,
                                            const std::string& what);
  std::vector<double> allreduce_sum(const std::vector<double>& values, const std::string& what);
  std::int64_t allreduce_min(std::int64_t value, const std::string& what);
  void barrier(const std::string& what);

  // Tells the other ranks why this one is about to exit (they name it in their errors).
  void publish_failure(const std::string& message) noexcept;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace dlgo::net
