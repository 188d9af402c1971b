// A trainer's place in a data-parallel run, shared by the supervised and the experience
// trainers: the group of ranks (none in a plain one-process run), the device of this rank, the
// start from rank 0's weights, gradient averaging after each backward pass and rank 0's batch-norm
// statistics sent to all.
//
// Contract: join_data_parallel() returns an inactive DataParallel (rank 0 of 1, no group) when
// `launch` is empty or has one rank; every other call is then a no-op, so trainers call them
// unconditionally. Errors are DistributedErrors (net/torch/distributed_group.h).
#pragma once

#include <torch/torch.h>

#include <memory>
#include <optional>
#include <string>

#include "net/distributed/launch_environment.h"
#include "net/torch/distributed_group.h"
#include "net/torch/gradient_averager.h"

namespace dlgo::net {

struct DataParallel {
  std::unique_ptr<DistributedGroup> group;
  std::unique_ptr<GradientAverager> averager;
  int rank = 0, world_size = 1;

  bool active() const { return group != nullptr; }
  // Rank 0 alone writes the run's files.
  bool writes_files() const { return rank == 0; }
};

// The device of this rank: `device_text` as resolve_device() reads it, except that "auto" and
// "cuda" pick the GPU of LOCAL_RANK in a run of several ranks.
torch::Device rank_device(const std::string& device_text,
                          const std::optional<LaunchEnvironment>& launch);

DataParallel join_data_parallel(const std::optional<LaunchEnvironment>& launch,
                                const std::string& backend, int timeout_seconds,
                                const torch::Device& device);

// Every rank's parameters and buffers become rank 0's; then gradient averaging is attached to
// the parameters (overlapped with the backward pass or after it).
void start_from_rank0(DataParallel& parallel, torch::nn::Module& network, bool overlap_allreduce);

// Around each backward pass.
void begin_backward(DataParallel& parallel);
void finish_backward(DataParallel& parallel);

// Batch-norm running statistics (the network's buffers) of rank 0 to every rank.
void share_rank0_buffers(DataParallel& parallel, torch::nn::Module& network);

// Sums over the ranks (the values themselves in a plain run).
std::vector<double> sum_over_ranks(DataParallel& parallel, const std::vector<double>& values,
                                   const std::string& what);

}  // namespace dlgo::net
