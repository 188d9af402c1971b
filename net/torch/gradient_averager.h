// Data-parallel gradient averaging: after each backward pass every rank's parameter gradients
// hold the mean of all ranks' gradients, so every rank's optimizer makes the same step.
//
// Gradients travel in buckets of about `bucket_bytes` (flat float buffers, parameters in
// reverse order of registration, the order a backward pass produces them). kOverlap starts a
// bucket's allreduce from a gradient hook the moment its last gradient is ready, so
// communication runs while the backward pass computes earlier layers (as PyTorch's DDP does);
// kAfterBackward starts them all once backward has finished. Both give the same numbers. Every
// rank starts the buckets in index order, whatever order its hooks fire in.
//
// Contract: construct once per network (it registers hooks on the parameters and removes them
// on destruction); call begin_step() before each backward pass and finish_step() after it,
// on every rank, in lockstep. A parameter without a gradient in a step counts as a zero
// gradient. Errors are the group's DistributedErrors.
#pragma once

#include <torch/types.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "net/torch/distributed_group.h"

namespace dlgo::net {

enum class AllreduceMode { kOverlap, kAfterBackward };

struct AllreduceStats {
  std::int64_t steps = 0;
  std::int64_t bytes_per_step = 0;  // gradient bytes each rank sends into the allreduces
  int buckets = 0;
  double wait_seconds = 0;  // time finish_step() spent waiting for allreduces
};

class GradientAverager {
 public:
  GradientAverager(DistributedGroup& group, std::vector<torch::Tensor> parameters,
                   AllreduceMode mode, std::int64_t bucket_bytes = 512 * 1024);
  ~GradientAverager();
  GradientAverager(const GradientAverager&) = delete;
  GradientAverager& operator=(const GradientAverager&) = delete;

  void begin_step();
  void finish_step();
  const AllreduceStats& stats() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace dlgo::net
