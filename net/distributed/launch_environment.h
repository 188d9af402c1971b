// Where a data-parallel training process stands in its run: its rank, the number of ranks and
// the rendezvous address, read from the environment that torchrun, SLURM wrappers, Kubernetes
// operators and `dlgo-train --nproc-per-node` set for every process they start:
//   MASTER_ADDR, MASTER_PORT   the rendezvous store (rank 0 hosts it unless an agent does)
//   RANK, WORLD_SIZE           this process's rank and the number of processes, all nodes
//   LOCAL_RANK                 the rank among this node's processes (picks the GPU)
//   TORCHELASTIC_USE_AGENT_STORE=True   torchrun's own agent already serves the store at
//                              MASTER_ADDR:MASTER_PORT, so rank 0 connects to it as a client
//   TORCHELASTIC_RESTART_COUNT  torchrun's attempt number: the agent's store outlives a failed
//                              attempt, so each attempt keeps its keys apart
//
// Contract: launch_environment_from() returns nullopt when none of RANK, WORLD_SIZE,
// MASTER_ADDR, MASTER_PORT is set (a plain one-process run); otherwise all must be set and
// consistent (0 <= RANK < WORLD_SIZE, a port in 1..65535, 0 <= LOCAL_RANK), or it throws
// std::runtime_error naming the variable and what is wrong with it. No torch here.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dlgo::net {

struct LaunchEnvironment {
  std::string master_addr;
  std::uint16_t master_port = 0;
  int rank = 0, world_size = 1, local_rank = 0;
  bool agent_hosts_store = false;  // TORCHELASTIC_USE_AGENT_STORE=True
  int restart_count = 0;           // TORCHELASTIC_RESTART_COUNT
};

// `lookup` returns a variable's value, nullopt when unset (tests pass their own table).
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string&)>;

std::optional<LaunchEnvironment> launch_environment_from(const EnvironmentLookup& lookup);
// The same, from this process's environment.
std::optional<LaunchEnvironment> launch_environment();

// The collective backends a run can ask for: auto, gloo, nccl.
std::vector<std::string> distributed_backend_names();

}  // namespace dlgo::net
