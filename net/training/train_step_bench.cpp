#include "net/training/train_step_bench.h"

#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "net/torch/blocked_layout.h"
#include "net/torch/device.h"
#include "net/torch/memory_format.h"
#include "net/torch/networks.h"
#include "net/training/allocator_tuning.h"
#include "net/training/autocast.h"

namespace dlgo::net {

void run_train_step_benchmark(const TrainStepBenchOptions& options) {
  if (options.threads > 0) torch::set_num_threads(options.threads);
  set_cpu_convolution(options.cpu_conv);
  keep_freed_memory_for_reuse();  // as dlgo-train
  torch::manual_seed(1);
  torch::Device device = resolve_device(options.device);
  if (options.amp && !device.is_cuda()) throw std::runtime_error("--amp needs a CUDA device");
  if (device.is_cuda()) at::globalContext().setBenchmarkCuDNN(true);  // as dlgo-train does
  NetworkSpec spec;
  spec.network = options.network;
  spec.blocks = options.blocks;
  spec.filters = options.filters;
  spec.input_channels = options.input_channels;
  spec.board_width = spec.board_height = options.board_size;
  spec.policy_outputs = options.board_size * options.board_size;
  PolicyValueNet network(spec);
  network->to(device);
  const bool channels_last = use_channels_last(options.memory_format, device);
  if (channels_last) to_channels_last(*network);
  network->train();
  torch::optim::SGD optimizer(network->parameters(), torch::optim::SGDOptions(0.01).momentum(0.9));
  const int points = spec.policy_outputs;
  torch::Tensor inputs =
      torch::randint(0, 2,
                     {options.batch_size, spec.input_channels, spec.board_height, spec.board_width})
          .to(torch::kFloat32)
          .to(device);
  if (channels_last) inputs = channels_last_input(inputs);
  torch::Tensor labels = torch::randint(0, points, {options.batch_size}, torch::kLong).to(device);
  auto step = [&] {
    optimizer.zero_grad();
    torch::Tensor loss;
    {
      AutocastScope autocast(options.amp);
      torch::Tensor logits = network->forward(inputs).policy_logits.to(torch::kFloat32);
      loss = torch::nn::functional::cross_entropy(logits, labels);
    }
    loss.backward();
    optimizer.step();
    return loss;
  };
  for (int i = 0; i < options.warmup_steps; ++i) step();
  if (device.is_cuda()) torch::cuda::synchronize();
  int steps = 0;
  auto start = std::chrono::steady_clock::now();
  double elapsed = 0;
  while (elapsed < options.seconds) {
    step();
    ++steps;
    if (device.is_cuda()) torch::cuda::synchronize();
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  std::printf(
      "train-step: %s (%lld parameters), batch %d, %dx%d, %d input planes, %s, %s, %d threads, "
      "%s\n",
      options.network.c_str(), static_cast<long long>(parameter_count(*network)),
      options.batch_size, options.board_size, options.board_size, spec.input_channels,
      device.str().c_str(), options.amp ? "bf16 autocast" : "fp32", torch::get_num_threads(),
      channels_last ? "channels-last" : "contiguous");
  std::printf("  steps        %d in %.2f s\n", steps, elapsed);
  std::printf("  samples/s    %.1f\n", steps * options.batch_size / elapsed);
  std::printf("  ms/step      %.2f\n", 1e3 * elapsed / steps);
}

}  // namespace dlgo::net
