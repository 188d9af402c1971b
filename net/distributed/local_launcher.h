// `dlgo-train --nproc-per-node N`: starts N copies of this program on this machine as the ranks
// of one data-parallel run, for users without torchrun. Each copy gets the environment torchrun
// would set (MASTER_ADDR=127.0.0.1, MASTER_PORT, RANK, WORLD_SIZE, LOCAL_RANK,
// LOCAL_WORLD_SIZE) and the same arguments less the launcher's own.
//
// Contract: run_local_workers() blocks until every copy has exited. All exit 0: returns 0. The
// first copy that exits otherwise (status or signal) is reported on stderr by rank, the others
// get SIGTERM, then SIGKILL after `grace`, and it returns 1. SIGINT or SIGTERM to the launcher
// stops the copies the same way (with SIGTERM) and it returns 128 + the signal; a signal the
// launcher inherited as ignored (nohup) stays ignored. MASTER_PORT from the environment is kept,
// else a free loopback port is chosen. POSIX only; no torch.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace dlgo::net {

struct LocalLaunchOptions {
  int processes = 1;
  std::string program;             // the executable to start ("/proc/self/exe": this one)
  std::vector<std::string> args;   // argv of every copy, argv[0] included
  std::chrono::seconds grace{10};  // between SIGTERM and SIGKILL for the survivors
  std::string log_prefix;          // e.g. "dlgo-train"
};

int run_local_workers(const LocalLaunchOptions& options);

// A TCP port on 127.0.0.1 that was free a moment ago.
int free_loopback_port();

}  // namespace dlgo::net
