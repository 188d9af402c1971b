#include "tools/bench_train.h"

#include "net/network_spec.h"
#include "net/training/train_step_bench.h"

namespace dlgo::bench {

void register_train_step_benchmark(CLI::App& app) {
  static net::TrainStepBenchOptions options;
  CLI::App* command = app.add_subcommand(
      "train-step",
      "Training steps per second of a network (compare with tools/bench/train_step_reference.py)");
  command->add_option("--network", options.network, "Network")
      ->check(CLI::IsMember(net::network_names()))
      ->capture_default_str();
  command->add_option("--blocks", options.blocks, "Residual blocks (resnet)")
      ->capture_default_str();
  command->add_option("--filters", options.filters, "Filters (resnet)")->capture_default_str();
  command->add_option("--batch-size", options.batch_size, "Batch size")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--board-size", options.board_size, "Board side")
      ->check(CLI::Range(2, 25))
      ->capture_default_str();
  command->add_option("--planes", options.input_channels, "Input planes (7: sevenplane)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--device", options.device, "auto, cpu, cuda or cuda:N")
      ->capture_default_str();
  command
      ->add_option("--memory-format", options.memory_format,
                   "auto (channels-last on the CPU, as dlgo-train), channels-last or contiguous")
      ->check(CLI::IsMember({"auto", "channels-last", "contiguous"}))
      ->capture_default_str();
  command
      ->add_option("--cpu-conv", options.cpu_conv,
                   "Residual towers' CPU training convolutions, as dlgo-train: auto, winograd "
                   "or direct")
      ->check(CLI::IsMember({"auto", "winograd", "direct"}))
      ->capture_default_str();
  command->add_flag("--amp", options.amp, "bfloat16 autocast, as dlgo-train --amp (CUDA only)");
  command->add_option("--threads", options.threads, "CPU threads (0: libtorch's default)")
      ->capture_default_str();
  command->add_option("--seconds", options.seconds, "How long to measure")->capture_default_str();
  command->callback([] { net::run_train_step_benchmark(options); });
}

}  // namespace dlgo::bench
