// Per-call random generators for agents that are shared between threads: each call gets its
// own Rng from the agent's seed and an atomic call counter, so concurrent calls never share
// generator state and a single-threaded run with a fixed seed repeats exactly.
//
// Contract: thread-safe.
#pragma once

#include <atomic>
#include <cstdint>

#include "engine/rng.h"

namespace dlgo {

class SeededCalls {
 public:
  explicit SeededCalls(std::uint64_t seed = 0x5EED) : seed_(seed) {}
  void set_seed(std::uint64_t seed) {
    seed_ = seed;
    calls_ = 0;
  }
  Rng next_rng() {
    std::uint64_t state = seed_ ^ (calls_.fetch_add(1) * 0xD1B54A32D192ED03ull);
    return Rng(splitmix64(state));
  }

 private:
  std::uint64_t seed_;
  std::atomic<std::uint64_t> calls_{0};
};

}  // namespace dlgo
