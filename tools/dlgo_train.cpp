// dlgo-train: supervised training of a move predictor from HDF5 datasets (dlgo-data prepare),
// on CUDA when present, else on the CPU. One agent file per epoch, resumable. With
// --experience it makes reinforcement-learning updates from self-play experience instead.
// Data-parallel on several processes when started by torchrun (or anything setting RANK,
// WORLD_SIZE, MASTER_ADDR, MASTER_PORT) or with --nproc-per-node (docs/distributed.md).
#include <cstdio>
#include <cstring>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "engine/agents/agent_kind.h"
#include "net/agent_file.h"
#include "net/distributed/launch_environment.h"
#include "net/distributed/local_launcher.h"
#include "net/network_spec.h"
#include "net/rl/experience_trainer.h"
#include "net/training/trainer.h"
#include "tools/cli_common.h"
#include "tools/progress_bar.h"

namespace {

// This program's arguments less `--nproc-per-node N` (or `--nproc-per-node=N`), for the copies
// the local launcher starts.
std::vector<std::string> arguments_without_launcher(int argc, char** argv) {
  std::vector<std::string> args;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--nproc-per-node") {
      ++i;
      continue;
    }
    if (arg.rfind("--nproc-per-node=", 0) == 0) continue;
    args.push_back(arg);
  }
  return args;
}

int run_experience_training(const CLI::App& app, const dlgo::net::ExperienceTrainOptions& options) {
  std::unique_ptr<dlgo::cli::ProgressBar> bar;
  int bar_epoch = 0;
  // Rank 0 speaks for a data-parallel run.
  const bool speaks = !options.launch || options.launch->rank == 0;
  try {
    auto show_progress = [&](const dlgo::net::ExperienceTrainProgress& p) {
      if (!bar || p.epoch != bar_epoch) {
        if (bar) bar->finish();
        bar_epoch = p.epoch;
        char label[64];
        std::snprintf(label, sizeof label, "%s epoch %d/%d", options.method.c_str(), p.epoch,
                      p.epochs);
        bar = std::make_unique<dlgo::cli::ProgressBar>(label, "decisions");
      }
      char extra[64];
      std::snprintf(extra, sizeof extra, "loss %.4f", p.loss);
      bar->update(p.rows, p.epoch_rows, extra);
    };
    auto result = dlgo::net::train_from_experience(
        options, speaks
                     ? std::function<void(const dlgo::net::ExperienceTrainProgress&)>(show_progress)
                     : nullptr);
    if (bar) bar->finish();
    if (!speaks) return dlgo::cli::kExitOk;
    for (size_t i = 0; i < result.epoch_losses.size(); ++i) {
      std::printf("epoch %zu: %s loss %.4f\n", i + 1, options.method.c_str(),
                  result.epoch_losses[i]);
    }
    std::printf("trained on %lld decisions from %zu file(s) in %.1f s on %s; wrote %s\n",
                static_cast<long long>(result.rows), options.experience_paths.size(),
                result.seconds, result.device.c_str(), options.out_path.c_str());
  } catch (const std::exception& error) {
    if (bar) bar->finish();
    return dlgo::cli::report_user_error(app, error.what());
  }
  return dlgo::cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "dlgo-train: train a move-prediction network from HDF5 datasets (--train), or improve an "
      "agent "
      "from self-play experience (--experience)",
      "dlgo-train"};
  dlgo::net::TrainOptions options;
  dlgo::net::ExperienceTrainOptions rl;
  auto* train_option =
      app.add_option("--train", options.train_path, "Training dataset (PREFIX.train.h5)");
  auto* experience_option =
      app.add_option("--experience", rl.experience_paths,
                     "Experience files (dlgo-selfplay --experience-out), merged")
          ->excludes(train_option);
  app.add_option("--method", rl.method, "With --experience: pg, ac, q, value or zero")
      ->check(CLI::IsMember(dlgo::net::rl_method_names()))
      ->capture_default_str();
  app.add_option("--agent", rl.agent_path, "With --experience: the agent file to improve");
  app.add_option("--clip-grad", rl.clip_grad_norm,
                 "With --experience: maximum gradient norm (0: no clipping)")
      ->capture_default_str();
  auto* value_weight_option =
      app.add_option("--value-weight", options.value_weight,
                     "Weight of the value loss: with --kind zero against the game outcomes "
                     "(default 0.25), with "
                     "--experience (ac, zero) against the experience's returns (default 0.5)")
          ->check(CLI::NonNegativeNumber);
  app.add_option("--ppo-clip", rl.ppo_clip,
                 "With --experience, pg and ac: PPO's clipped loss, no move's probability moved by "
                 "more than "
                 "the factor 1 +- this (0: the book's loss; 0.2 is usual)")
      ->check(CLI::Range(0.0, 0.99))
      ->capture_default_str();
  app.add_option("--test", options.test_path,
                 "Test dataset (PREFIX.test.h5), measured every epoch");
  app.add_option("--network", options.network, "Network architecture")
      ->check(CLI::IsMember(dlgo::net::network_names()))
      ->capture_default_str();
  app.add_option("--blocks", options.blocks, "Residual blocks (resnet)")->capture_default_str();
  app.add_option("--filters", options.filters, "Filters (resnet, alphago)")->capture_default_str();
  auto* epochs_option =
      app.add_option("--epochs", options.epochs, "Epochs (with --experience default 1)")
          ->check(CLI::PositiveNumber)
          ->capture_default_str();
  app.add_option("--batch-size,--bs", options.batch_size, "Batch size")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  auto* optimizer_option =
      app.add_option("--optimizer", options.optimizer,
                     "adam, sgd, adadelta or adagrad (default: adam, which learns most per "
                     "CPU-hour; with --resume the checkpoint's; with --experience sgd)")
          ->check(CLI::IsMember(dlgo::net::optimizer_names()));
  app.add_option("--lr", options.learning_rate,
                 "Learning rate (default: sgd 0.01, adagrad 0.01, adadelta 1.0, adam 0.001)")
      ->check(CLI::PositiveNumber);
  app.add_option("--momentum", options.momentum, "SGD momentum")->capture_default_str();
  app.add_option("--weight-decay", options.weight_decay, "L2 weight decay")->capture_default_str();
  app.add_option("--lr-schedule", options.lr_schedule,
                 "constant, step (x0.1 at 50% and 75% of the epochs) or cosine")
      ->check(CLI::IsMember({"constant", "step", "cosine"}))
      ->capture_default_str();
  app.add_option("--out", options.out_path, "Final agent file")->required();
  app.add_option(
      "--checkpoint-dir", options.checkpoint_dir,
      "Per-epoch agent files, best.h5, metrics.csv, learning_curve.svg (default: OUT_checkpoints)");
  app.add_option("--resume", options.resume_path,
                 "Continue after the last epoch of a checkpoint or final agent file");
  app.add_option("--device", options.device, "auto, cpu, cuda or cuda:N")->capture_default_str();
  app.add_option("--threads", options.threads, "CPU threads for libtorch (0: its default)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--seed", options.seed, "Seed of initialisation and shuffling")
      ->capture_default_str();
  app.add_flag("--augment", options.augment,
               "Apply a random board symmetry to every example (with --experience too: state, "
               "move, visit counts "
               "and move mask alike)");
  app.add_flag("--amp", options.amp, "Mixed precision (bfloat16 autocast; CUDA only)");
  app.add_option("--memory-format", options.memory_format,
                 "Layout of the network's tensors: auto (channels-last on the CPU, where "
                 "oneDNN's convolutions want it), channels-last or contiguous")
      ->check(CLI::IsMember({"auto", "channels-last", "contiguous"}))
      ->capture_default_str();
  app.add_option("--cpu-conv", options.cpu_conv,
                 "Convolutions of a resnet's residual blocks when training on the CPU: auto "
                 "(Winograd in oneDNN's blocked layout where this build and processor have it, "
                 "about 1.3x faster steps), winograd (that, or an error), or direct (libtorch's)")
      ->check(CLI::IsMember({"auto", "winograd", "direct"}))
      ->capture_default_str();
  app.add_option("--kind", options.kind,
                 "Agent kind stored in the files; zero adds a value head trained on the game "
                 "outcomes, for the "
                 "search agent")
      ->check(CLI::IsMember({"predict", "pg", "zero"}))
      ->capture_default_str();
  app.add_option("--max-batches", options.max_batches,
                 "Stop each epoch after this many batches (0: all)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--test-batches", options.test_batches,
                 "Measure the test set on this many batches of 256 or more rows, a fixed random "
                 "sample of it "
                 "(0: the whole set)")
      ->check(CLI::NonNegativeNumber);
  // Each mode's own options make no sense in the other: say so instead of ignoring them.
  for (const char* name :
       {"--test", "--network", "--blocks", "--filters", "--weight-decay", "--lr-schedule",
        "--checkpoint-dir", "--resume", "--amp", "--memory-format", "--cpu-conv", "--kind",
        "--max-batches", "--test-batches"}) {
    app.get_option(name)->excludes(experience_option);
  }
  for (const char* name : {"--method", "--agent", "--clip-grad", "--ppo-clip"}) {
    app.get_option(name)->needs(experience_option);
  }
  int processes_per_node = 0;
  app.add_option("--nproc-per-node", processes_per_node,
                 "Data-parallel: start this many ranks on this machine (as torchrun would; "
                 "--batch-size is then the global batch)")
      ->check(CLI::Range(1, 1024));
  app.add_option("--backend", options.backend,
                 "Data-parallel: collectives over nccl (CUDA), gloo (CPU, TCP) or auto (nccl on "
                 "CUDA when built with it, else gloo)")
      ->check(CLI::IsMember(dlgo::net::distributed_backend_names()))
      ->capture_default_str();
  app.add_option("--dist-timeout", options.distributed_timeout_seconds,
                 "Data-parallel: seconds a rank waits for the others (rendezvous, a collective) "
                 "before it stops with an error")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  std::string allreduce = "overlap";
  app.add_option("--allreduce", allreduce,
                 "Data-parallel: start gradient allreduces during the backward pass (overlap) "
                 "or after it (after-backward)")
      ->check(CLI::IsMember({"overlap", "after-backward"}))
      ->capture_default_str();
  dlgo::cli::parse_or_exit(app, argc, argv);
  options.overlap_allreduce = allreduce == "overlap";
  try {
    options.launch = dlgo::net::launch_environment();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "dlgo-train: error: %s\n", error.what());
    return dlgo::cli::kExitUsageError;
  }
  if (processes_per_node > 0) {
    if (options.launch) {
      std::fprintf(stderr,
                   "dlgo-train: error: --nproc-per-node inside a distributed launch (RANK is "
                   "set): let torchrun or the launcher start the ranks\n");
      return dlgo::cli::kExitUsageError;
    }
    dlgo::net::LocalLaunchOptions launch;
    launch.processes = processes_per_node;
    launch.program = "/proc/self/exe";
    launch.args = arguments_without_launcher(argc, argv);
    launch.log_prefix = "dlgo-train";
    try {
      // 0, 1 (a rank failed) or 128 + a signal that stopped the run.
      return dlgo::net::run_local_workers(launch);
    } catch (const std::exception& error) {
      return dlgo::cli::report_user_error(app, error.what());
    }
  }
  const int rank = options.launch ? options.launch->rank : 0;
  if (train_option->count() == 0 && experience_option->count() == 0) {
    std::fprintf(stderr,
                 "dlgo-train: error: give --train (a dataset) or --experience (self-play files)\n");
    return dlgo::cli::kExitUsageError;
  }
  // The kinds --kind offers train a value head exactly where their network has one (zero).
  const bool trains_value_head =
      dlgo::net::kind_has_value_head(dlgo::parse_agent_kind(options.kind));
  if (value_weight_option->count() > 0 && experience_option->count() == 0 && !trains_value_head) {
    std::fprintf(stderr, "dlgo-train: error: --value-weight needs --kind zero (or --experience)\n");
    return dlgo::cli::kExitUsageError;
  }
  if (experience_option->count() > 0) {
    if (rl.agent_path.empty()) {
      std::fprintf(stderr,
                   "dlgo-train: error: --experience needs --agent (the agent file to improve)\n");
      return dlgo::cli::kExitUsageError;
    }
    // Reinforcement learning keeps the book's plain SGD unless asked otherwise.
    if (optimizer_option->count() == 0) options.optimizer = "sgd";
    if (options.optimizer != "sgd" && options.optimizer != "adam") {
      std::fprintf(stderr,
                   "dlgo-train: error: --experience trains with --optimizer sgd or adam, not %s\n",
                   options.optimizer.c_str());
      return dlgo::cli::kExitUsageError;
    }
    rl.out_path = options.out_path;
    rl.optimizer = options.optimizer;
    rl.learning_rate = options.learning_rate > 0
                           ? options.learning_rate
                           : dlgo::net::default_learning_rate(options.optimizer);
    rl.momentum = options.momentum;
    rl.batch_size = options.batch_size;
    rl.epochs = epochs_option->count() ? options.epochs : 1;
    rl.device = options.device;
    rl.threads = options.threads;
    rl.seed = options.seed;
    rl.augment = options.augment;
    if (value_weight_option->count() > 0) rl.value_weight = options.value_weight;
    rl.launch = options.launch;
    rl.backend = options.backend;
    rl.distributed_timeout_seconds = options.distributed_timeout_seconds;
    rl.overlap_allreduce = options.overlap_allreduce;
    return run_experience_training(app, rl);
  }

  // A resumed run goes on with the optimizer it was trained with, whatever today's default.
  if (optimizer_option->count() == 0 && !options.resume_path.empty()) {
    try {
      const dlgo::net::AgentFileInfo info = dlgo::net::read_agent_info(options.resume_path);
      if (info.training) options.optimizer = info.training->optimizer;
    } catch (const std::exception&) {
      // train_supervised opens the file again and reports what is wrong with it.
    }
  }

  std::unique_ptr<dlgo::cli::ProgressBar> bar;
  int bar_epoch = 0;
  bool bar_testing = false;
  // Rank 0 speaks for a data-parallel run; the others only report their own errors.
  auto show_progress = [&](const dlgo::net::TrainProgress& p) {
    if (!bar || p.epoch != bar_epoch || p.testing != bar_testing) {
      if (bar) bar->finish();
      bar_epoch = p.epoch;
      bar_testing = p.testing;
      char label[64];
      std::snprintf(label, sizeof label, "epoch %d/%d %s", p.epoch, p.epochs,
                    p.testing ? "test " : "train");
      bar = std::make_unique<dlgo::cli::ProgressBar>(label, "samples");
    }
    char extra[128] = "";
    if (!p.testing)
      std::snprintf(extra, sizeof extra, "loss %.3f acc %.1f%%", p.loss, 100 * p.accuracy);
    bar->update(p.samples, p.epoch_samples, extra);
  };
  try {
    dlgo::net::TrainResult result = dlgo::net::train_supervised(
        options, rank == 0 ? dlgo::net::TrainProgressCallback(show_progress) : nullptr);
    if (bar) bar->finish();
    if (rank != 0) return dlgo::cli::kExitOk;
    for (const auto& m : result.metrics) {
      std::printf(
          "epoch %d: train loss %.4f acc %.2f%% | test loss %.4f top-1 %.2f%% top-5 %.2f%% | "
          "%.0f samples/s, %.1f s waiting for data, %.1f s\n",
          m.epoch, m.train_loss, 100 * m.train_accuracy, m.test_loss, 100 * m.test_top1,
          100 * m.test_top5, m.samples_per_second, m.data_wait_seconds, m.seconds);
      if (trains_value_head) {
        std::printf("         value loss (MSE) train %.4f | test %.4f\n", m.train_value_loss,
                    m.test_value_loss);
      }
    }
    std::printf(
        "device %s; final agent %s; best %s; checkpoints, metrics.csv and learning_curve.svg in "
        "%s\n",
        result.device.c_str(), result.final_path.c_str(), result.best_path.c_str(),
        result.checkpoint_dir.c_str());
    if (result.world_size > 1) {
      std::printf(
          "data-parallel: %d ranks over %s; gradients %.2f MB per step in %d buckets, "
          "%.1f ms per step waiting for allreduces (%s)\n",
          result.world_size, result.backend.c_str(), result.allreduce_bytes_per_step / 1e6,
          result.allreduce_buckets,
          result.steps > 0 ? 1000 * result.allreduce_wait_seconds / result.steps : 0.0,
          options.overlap_allreduce ? "overlapped with backward" : "after backward");
    }
  } catch (const std::exception& error) {
    if (bar) bar->finish();
    const std::string message = error.what();
    // A DistributedError names its rank already; say which rank any other error came from.
    if (options.launch && options.launch->world_size > 1 && message.rfind("rank ", 0) != 0) {
      return dlgo::cli::report_user_error(app, "rank " + std::to_string(rank) + " of " +
                                                   std::to_string(options.launch->world_size) +
                                                   ": " + message);
    }
    return dlgo::cli::report_user_error(app, message);
  }
  return dlgo::cli::kExitOk;
}
