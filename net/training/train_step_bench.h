// `dlgo-bench train-step`: samples per second of one training step (forward, cross-entropy,
// backward, SGD step) for a network on synthetic 0/1 inputs, the figure to compare with
// tools/bench/train_step_reference.py (PyTorch) on the same machine and threads.
//
// Contract: runs on the calling thread; prints to stdout.
#pragma once

#include <string>

namespace dlgo::net {

struct TrainStepBenchOptions {
  std::string network = "small";
  int blocks = 6, filters = 64;
  int batch_size = 128;
  int board_size = 19;
  int input_channels = 7;
  std::string device = "auto";
  std::string memory_format = "auto";  // as dlgo-train's --memory-format
  std::string cpu_conv = "auto";       // as dlgo-train's --cpu-conv
  bool amp = false;                    // bfloat16 autocast (CUDA only), as dlgo-train --amp
  int threads = 0;
  double seconds = 10;
  int warmup_steps = 3;
};

void run_train_step_benchmark(const TrainStepBenchOptions& options);

}  // namespace dlgo::net
