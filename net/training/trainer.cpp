#include "net/training/trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "engine/dataset/dataset_pair.h"
#include "engine/encoders/registry.h"
#include "net/torch/adadelta.h"
#include "net/torch/agent_io.h"
#include "net/torch/blocked_layout.h"
#include "net/torch/data_parallel.h"
#include "net/torch/device.h"
#include "net/torch/divergence.h"
#include "net/torch/memory_format.h"
#include "net/training/allocator_tuning.h"
#include "net/training/autocast.h"
#include "net/training/batch_source.h"
#include "net/training/learning_curve.h"

namespace dlgo::net {

namespace fs = std::filesystem;

std::vector<std::string> optimizer_names() {
  return {"adadelta", "adagrad", "adam", "sgd"};
}

double default_learning_rate(const std::string& optimizer) {
  if (optimizer == "adadelta") return 1.0;
  if (optimizer == "adam") return 1e-3;
  return 0.01;  // sgd, adagrad
}

namespace {

// A run killed while writing leaves FILE.partial beside its files; the next run into the same
// directory removes those of the names it writes (never a user's other files).
void remove_stale_staging_files(const fs::path& checkpoint_dir, const fs::path& out_path) {
  auto is_ours = [](const std::string& name) {
    if (name == "best.h5.partial" || name == "metrics.csv.partial" ||
        name == "learning_curve.svg.partial") {
      return true;
    }
    const std::string epoch_suffix = ".h5.partial";  // epoch_NNN.h5.partial
    return name.rfind("epoch_", 0) == 0 && name.size() > epoch_suffix.size() &&
           name.compare(name.size() - epoch_suffix.size(), epoch_suffix.size(), epoch_suffix) == 0;
  };
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(checkpoint_dir, error)) {
    if (entry.is_regular_file(error) && is_ours(entry.path().filename().string()))
      fs::remove(entry.path(), error);
  }
  fs::remove(out_path.string() + ".partial", error);
}

std::unique_ptr<torch::optim::Optimizer> make_optimizer(const TrainOptions& options, double lr,
                                                        PolicyValueNet& network) {
  auto parameters = network->parameters();
  const std::string& name = options.optimizer;
  if (name == "sgd") {
    return std::make_unique<torch::optim::SGD>(
        parameters,
        torch::optim::SGDOptions(lr).momentum(options.momentum).weight_decay(options.weight_decay));
  }
  if (name == "adam") {
    return std::make_unique<torch::optim::Adam>(
        parameters, torch::optim::AdamOptions(lr).weight_decay(options.weight_decay));
  }
  if (name == "adagrad") {
    return std::make_unique<torch::optim::Adagrad>(
        parameters, torch::optim::AdagradOptions(lr).weight_decay(options.weight_decay));
  }
  if (name == "adadelta") {
    return std::make_unique<Adadelta>(parameters,
                                      AdadeltaOptions(lr).weight_decay(options.weight_decay));
  }
  throw std::runtime_error("unknown optimizer '" + name +
                           "' (known: adadelta, adagrad, adam, sgd)");
}

double scheduled_lr(const TrainOptions& options, double base, int epoch /* 1-based */) {
  const double progress = options.epochs > 1 ? double(epoch - 1) / options.epochs : 0.0;
  if (options.lr_schedule == "step")
    return base * (progress >= 0.75 ? 0.01 : progress >= 0.5 ? 0.1 : 1.0);
  if (options.lr_schedule == "cosine") return base * 0.5 * (1 + std::cos(M_PI * progress));
  return base;
}

void set_learning_rate(torch::optim::Optimizer& optimizer, double lr) {
  for (auto& group : optimizer.param_groups()) group.options().set_lr(lr);
}

std::string serialize_optimizer(torch::optim::Optimizer& optimizer) {
  torch::serialize::OutputArchive archive;
  optimizer.save(archive);
  std::ostringstream bytes;
  archive.save_to(bytes);
  return bytes.str();
}

// libtorch's own errors carry a C++ backtrace over many lines: say what is wrong instead.
void restore_optimizer(torch::optim::Optimizer& optimizer, const std::string& bytes,
                       const std::string& path) {
  try {
    torch::serialize::InputArchive archive;
    std::istringstream in(bytes);
    archive.load_from(in);
    optimizer.load(archive);
  } catch (const std::exception&) {
    throw std::runtime_error(path +
                             ": the optimizer state (/training/optimizer_state) is damaged or does "
                             "not fit this network and optimizer");
  }
}

// CHECKPOINT_DIR's file of an epoch.
std::string checkpoint_name(int epoch) {
  char name[32];
  std::snprintf(name, sizeof name, "epoch_%03d.h5", epoch);
  return name;
}

// Resume bookkeeping: the epochs done and the CPU generator's state.
std::string encode_rng_state(int epochs_done) {
  at::Generator generator = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  torch::Tensor state = generator.get_state();
  std::string bytes(reinterpret_cast<const char*>(&epochs_done), sizeof epochs_done);
  bytes.append(reinterpret_cast<const char*>(state.data_ptr<std::uint8_t>()), state.numel());
  return bytes;
}

int decode_rng_state(const std::string& bytes, const std::string& path) {
  const std::string damaged = path + ": the RNG state (/training/rng_state) is damaged";
  int epochs_done = 0;
  if (bytes.size() < sizeof epochs_done) throw std::runtime_error(damaged + " (too short)");
  std::memcpy(&epochs_done, bytes.data(), sizeof epochs_done);
  if (epochs_done < 0) throw std::runtime_error(damaged + " (negative epochs)");
  torch::Tensor state =
      torch::empty({static_cast<std::int64_t>(bytes.size() - sizeof epochs_done)}, torch::kUInt8);
  std::memcpy(state.data_ptr<std::uint8_t>(), bytes.data() + sizeof epochs_done, state.numel());
  at::Generator generator = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  try {
    generator.set_state(state);
  } catch (const std::exception&) {
    throw std::runtime_error(damaged + " (not a generator state of this libtorch)");
  }
  return epochs_done;
}

struct Device {
  torch::Device device;
  bool cuda;
  bool channels_last = false;  // inputs in channels-last memory, as the network's weights
};

struct DeviceBatch {
  torch::Tensor inputs, labels;
  torch::Tensor outcomes;  // undefined when the batch has none
};

// Host batch to device tensors; pinned memory and a non-blocking copy on CUDA.
DeviceBatch to_device(HostBatch& batch, const Device& d, int channels, int height, int width) {
  DeviceBatch out;
  out.inputs =
      torch::from_blob(batch.inputs.data(), {batch.rows, channels, height, width}, torch::kFloat32);
  out.labels = torch::from_blob(batch.labels.data(), {batch.rows}, torch::kLong);
  if (!batch.outcomes.empty())
    out.outcomes = torch::from_blob(batch.outcomes.data(), {batch.rows}, torch::kFloat32);
  if (d.channels_last) out.inputs = channels_last_input(out.inputs);
  if (!d.cuda) return out;
  auto copy = [&](const torch::Tensor& t) {
    return t.pin_memory().to(d.device, /*non_blocking=*/true);
  };
  out.inputs = copy(out.inputs);
  out.labels = copy(out.labels);
  if (out.outcomes.defined()) out.outcomes = copy(out.outcomes);
  return out;
}

// Sum of squared value errors over the rows of known outcome, and how many there are.
std::pair<torch::Tensor, torch::Tensor> value_error_sum(const torch::Tensor& values,
                                                        const torch::Tensor& outcomes) {
  torch::Tensor known = outcomes.ne(0).to(values.scalar_type());
  return {((values - outcomes).pow(2) * known).sum(), known.sum()};
}

struct Evaluation {
  std::int64_t rows = 0;
  double loss = 0, top1 = 0, top5 = 0;
  double value_loss = 0;
};

// An evaluation's sums, added over the ranks before they become means.
struct EvaluationSums {
  double rows = 0, loss = 0, top1 = 0, top5 = 0, value = 0, value_rows = 0;

  Evaluation means(DataParallel& parallel) const {
    const std::vector<double> total = sum_over_ranks(
        parallel, {rows, loss, top1, top5, value, value_rows}, "the sum of the test results");
    Evaluation result;
    result.rows = static_cast<std::int64_t>(total[0]);
    if (total[0] > 0) {
      result.loss = total[1] / total[0];
      result.top1 = total[2] / total[0];
      result.top5 = total[3] / total[0];
    }
    if (total[5] > 0) result.value_loss = total[4] / total[5];
    return result;
  }
};

// `max_batches` > 0: only that many batches (the source then shuffles with a fixed order, so
// every call measures the same sample of the file).
EvaluationSums evaluate(PolicyValueNet& network, BatchSource& source, const Device& d, bool amp,
                        const std::function<void(std::int64_t)>& on_rows,
                        std::int64_t max_batches = 0) {
  torch::NoGradGuard no_grad;
  network->eval();
  EvaluationSums result;
  double loss_sum = 0, top1 = 0, top5 = 0, value_sum = 0, value_rows = 0;
  const bool with_value = network->spec().value_head && source.has_outcomes();
  source.start_epoch(0);
  while (auto batch = source.next()) {
    auto [inputs, labels, outcomes] =
        to_device(*batch, d, source.input_channels(), source.board_height(), source.board_width());
    torch::Tensor logits;
    {
      AutocastScope autocast(amp);
      NetOutput out = network->forward(inputs);
      logits = out.policy_logits.to(torch::kFloat32);
      if (with_value) {
        auto [error_sum, known] = value_error_sum(out.value.to(torch::kFloat32), outcomes);
        value_sum += error_sum.item<double>();
        value_rows += known.item<double>();
      }
    }
    loss_sum +=
        torch::nn::functional::cross_entropy(
            logits, labels, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
            .item<double>();
    int k = std::min<int>(5, static_cast<int>(logits.size(1)));
    torch::Tensor best = std::get<1>(logits.topk(k, 1));
    torch::Tensor hits = best.eq(labels.unsqueeze(1));
    top1 += hits.select(1, 0).sum().item<double>();
    top5 += hits.any(1).sum().item<double>();
    result.rows += batch->rows;
    if (on_rows) on_rows(static_cast<std::int64_t>(result.rows));
    if (max_batches > 0 && --max_batches == 0) break;
  }
  result.loss = loss_sum;
  result.top1 = top1;
  result.top5 = top5;
  result.value = value_sum;
  result.value_rows = value_rows;
  return result;
}

// Set-up: the options that no later step checks, and the device with its global settings
// (threads, seed, cuDNN autotuning). The seed is set before anything draws from torch's
// generator (the network's initial weights).
Device training_device(const TrainOptions& options) {
  if (options.out_path.empty()) throw std::runtime_error("no output agent file given (--out)");
  if (options.epochs < 1) throw std::runtime_error("--epochs must be at least 1");
  if (options.lr_schedule != "constant" && options.lr_schedule != "step" &&
      options.lr_schedule != "cosine") {
    throw std::runtime_error("--lr-schedule " + options.lr_schedule +
                             ": expected constant, step or cosine");
  }
  if (options.threads > 0) torch::set_num_threads(options.threads);
  set_cpu_convolution(options.cpu_conv);
  keep_freed_memory_for_reuse();
  torch::manual_seed(options.seed);
  const torch::Device torch_device = rank_device(options.device, options.launch);
  Device device{torch_device, torch_device.is_cuda(),
                use_channels_last(options.memory_format, torch_device)};
  if (options.amp && !device.cuda) throw std::runtime_error("--amp needs a CUDA device");
  if (device.cuda) at::globalContext().setBenchmarkCuDNN(true);
  return device;
}

// Each rank reads its own blocks and trains on its share of every global batch.
BatchSourceOptions train_source_options(const TrainOptions& options, const DataParallel& parallel) {
  if (options.batch_size % parallel.world_size != 0) {
    throw std::runtime_error("--batch-size " + std::to_string(options.batch_size) +
                             " (the global batch) does not split evenly over " +
                             std::to_string(parallel.world_size) + " ranks");
  }
  BatchSourceOptions train_options;
  train_options.batch_size = options.batch_size / parallel.world_size;
  train_options.augment = options.augment;
  train_options.seed = options.seed;
  train_options.rank = parallel.rank;
  train_options.world_size = parallel.world_size;
  // Every rank must make the same number of steps: only full batches.
  train_options.drop_last = parallel.active();
  return train_options;
}

// A sample of the test set is a seeded random set of its blocks, the same every epoch; in file
// order it would be the games of the first archives only.
BatchSourceOptions test_source_options(const TrainOptions& options, const DataParallel& parallel) {
  BatchSourceOptions test_options = train_source_options(options, parallel);
  test_options.shuffle = options.test_batches > 0;
  test_options.augment = false;
  test_options.batch_size = std::max(options.batch_size, 256);
  test_options.drop_last = false;
  return test_options;
}

// A rank's share of --test-batches.
std::int64_t test_batches_of_rank(const TrainOptions& options, const DataParallel& parallel) {
  if (options.test_batches <= 0) return 0;
  return (options.test_batches + parallel.world_size - 1) / parallel.world_size;
}

// The test file, when given, checked to be the partner of the training file.
std::unique_ptr<BatchSource> open_test_source(const TrainOptions& options, const BatchSource& train,
                                              const DataParallel& parallel) {
  if (options.test_path.empty()) return nullptr;
  auto test =
      std::make_unique<BatchSource>(options.test_path, test_source_options(options, parallel));
  dataset::require_one_prepare_run(options.train_path, options.test_path);
  if (test->encoder_name() != train.encoder_name() || test->board_width() != train.board_width()) {
    throw std::runtime_error(options.test_path +
                             " was prepared with another encoder or board than " +
                             options.train_path);
  }
  return test;
}

// The agent file's metadata and network for these options and data; a value head (--kind
// zero) needs outcomes in both files.
AgentMetadata agent_metadata(const TrainOptions& options, const BatchSource& train,
                             const BatchSource* test) {
  AgentMetadata metadata;
  metadata.kind = parse_agent_kind(options.kind, agent_file_kinds());
  metadata.encoder = train.encoder_name();
  metadata.board_width = train.board_width();
  metadata.board_height = train.board_height();
  NetworkSpec& spec = metadata.network;
  spec.network = options.network;
  spec.input_channels = train.input_channels();
  spec.board_width = train.board_width();
  spec.board_height = train.board_height();
  spec.policy_outputs = train.label_space();
  spec.blocks = options.blocks;
  spec.filters = options.filters;
  spec.value_head = kind_has_value_head(metadata.kind);
  if (spec.value_head) {
    for (const BatchSource* source : {&train, test}) {
      if (source && !source->has_outcomes()) {
        throw std::runtime_error((source == &train ? options.train_path : options.test_path) +
                                 ": holds no game outcomes (dataset format version 1), which "
                                 "--kind zero trains its value head on: prepare it again with "
                                 "this dlgo-data");
      }
    }
    if (!(options.value_weight >= 0)) throw std::runtime_error("--value-weight must be 0 or more");
  }
  try {
    spec.validate();
  } catch (const std::invalid_argument& error) {
    throw std::runtime_error(error.what());
  }
  return metadata;
}

// Where a resumed run picks up: the epochs done so far (in `summary`) and the optimizer state.
struct ResumePoint {
  int start_epoch = 1;
  std::string optimizer_state;  // empty: a fresh optimizer
};

// --resume: the network, metrics and optimizer of the file, which must have been trained with
// the same network and optimizer. Without --resume, the run starts at epoch 1.
ResumePoint resume_point(const TrainOptions& options, const NetworkSpec& spec,
                         PolicyValueNet& network, TrainingSummary& summary) {
  ResumePoint point;
  if (options.resume_path.empty()) return point;
  AgentFileInfo info;
  network = load_agent_network(options.resume_path, torch::kCPU, &info);
  if (!(info.metadata.network == spec)) {
    throw std::runtime_error(options.resume_path + ": its network (" +
                             info.metadata.network.to_json() +
                             ") differs from the one asked for (" + spec.to_json() + ")");
  }
  auto state = read_resume_state(options.resume_path);
  if (!state || !info.training) {
    throw std::runtime_error(options.resume_path + ": has no training state to resume from");
  }
  if (info.training->optimizer != options.optimizer) {
    throw std::runtime_error(options.resume_path + ": was trained with --optimizer " +
                             info.training->optimizer + ", not " + options.optimizer +
                             " (resume with the same optimizer)");
  }
  summary.metrics = info.training->metrics;
  // A final agent written by a run resumed past its last epoch used to record 0 epochs done
  // while holding every epoch's metrics row (and the right optimizer and RNG state).
  int epochs_done = decode_rng_state(state->rng_state, options.resume_path);
  if (!summary.metrics.empty()) epochs_done = std::max(epochs_done, summary.metrics.back().epoch);
  summary.epochs = epochs_done;
  point.start_epoch = epochs_done + 1;
  point.optimizer_state = state->optimizer_state;
  return point;
}

// The run's files: the checkpoint folder made and cleared of a killed run's staging files.
TrainResult result_files(const TrainOptions& options, const Device& device,
                         const TrainingSummary& summary, const DataParallel& parallel) {
  TrainResult result;
  result.device = device.device.str();
  result.final_path = options.out_path;
  result.checkpoint_dir =
      options.checkpoint_dir.empty()
          ? (fs::path(options.out_path).replace_extension("").string() + "_checkpoints")
          : options.checkpoint_dir;
  if (parallel.writes_files()) {
    fs::create_directories(result.checkpoint_dir);
    remove_stale_staging_files(result.checkpoint_dir, options.out_path);
  }
  result.best_path = (fs::path(result.checkpoint_dir) / "best.h5").string();
  result.metrics = summary.metrics;
  return result;
}

// What is left of the run should epoch `epoch` diverge (stopping writes nothing of it).
std::string left_if_diverging(const TrainOptions& options, const TrainResult& result, int epoch) {
  const fs::path previous = fs::path(result.checkpoint_dir) / checkpoint_name(epoch - 1);
  if (epoch > 1 && fs::exists(previous)) {
    return "its last good checkpoint " + previous.string() + " is kept";
  }
  if (!options.resume_path.empty()) return options.resume_path + " is kept";
  return "nothing was written";
}

// One epoch's training steps; returns its training metrics (the test fields left 0, `seconds`
// the training's).
EpochMetrics train_epoch(const TrainOptions& options, int epoch, PolicyValueNet& network,
                         torch::optim::Optimizer& optimizer, BatchSource& train,
                         const Device& device, const std::string& kept, DataParallel& parallel,
                         const TrainProgressCallback& progress) {
  const int channels = train.input_channels(), height = train.board_height(),
            width = train.board_width();
  const bool train_value = network->spec().value_head;
  // Ranks hold different numbers of rows: all make as many steps as the one with fewest.
  std::int64_t max_steps = options.max_batches;
  if (parallel.active()) {
    const std::int64_t local_batch = options.batch_size / parallel.world_size;
    max_steps = parallel.group->allreduce_min(train.epoch_rows(epoch) / local_batch,
                                              "the count of the epoch's steps");
    if (max_steps == 0) {
      throw std::runtime_error(options.train_path + " holds too few rows for a batch of " +
                               std::to_string(local_batch) + " rows on each of " +
                               std::to_string(parallel.world_size) + " ranks");
    }
    if (options.max_batches > 0) max_steps = std::min(max_steps, options.max_batches);
  }
  // With --max-batches an epoch is a random subset; the progress total says how big.
  const std::int64_t epoch_rows =
      parallel.active() ? max_steps * options.batch_size
      : options.max_batches > 0
          ? std::min(train.epoch_rows(), options.max_batches * options.batch_size)
          : train.epoch_rows();
  network->train();
  train.start_epoch(epoch);
  auto epoch_start = std::chrono::steady_clock::now();
  const double wait_before = train.wait_seconds();
  double loss_sum = 0, correct = 0, value_sum = 0, value_rows = 0;
  std::int64_t samples = 0, batches = 0;
  auto last_report = epoch_start;
  while (auto batch = train.next()) {
    auto [inputs, labels, outcomes] = to_device(*batch, device, channels, height, width);
    optimizer.zero_grad();
    torch::Tensor loss, policy_loss, logits;
    {
      AutocastScope autocast(options.amp);
      NetOutput out = network->forward(inputs);
      logits = out.policy_logits.to(torch::kFloat32);
      loss = policy_loss = torch::nn::functional::cross_entropy(logits, labels);
      if (train_value) {
        auto [error_sum, known] = value_error_sum(out.value.to(torch::kFloat32), outcomes);
        loss = loss + options.value_weight * error_sum / known.clamp_min(1);
        value_sum += error_sum.item<double>();
        value_rows += known.item<double>();
      }
    }
    begin_backward(parallel);
    loss.backward();
    finish_backward(parallel);
    optimizer.step();
    const double batch_loss = loss.item<double>();
    ++batches;
    stop_if_loss_diverged(batch_loss, epoch, batches, kept);
    // train_loss is the policy's alone, as test_loss is, whatever the value head adds.
    loss_sum += (train_value ? policy_loss.item<double>() : batch_loss) * batch->rows;
    correct += logits.argmax(1).eq(labels).sum().item<double>();
    samples += batch->rows;
    auto now = std::chrono::steady_clock::now();
    if (progress && (now - last_report > std::chrono::milliseconds(200))) {
      // The run's samples: every rank trains as many rows per step as this one.
      const std::int64_t run_samples = samples * parallel.world_size;
      double seconds = std::chrono::duration<double>(now - epoch_start).count();
      progress({epoch, options.epochs, run_samples, epoch_rows, loss_sum / samples,
                correct / samples, run_samples / std::max(seconds, 1e-9), false});
      last_report = now;
    }
    if (max_steps > 0 && batches >= max_steps) break;
  }
  if (samples == 0) throw std::runtime_error(options.train_path + " has no rows to train on");
  if (parallel.active() && batches < max_steps) {
    throw std::logic_error("rank " + std::to_string(parallel.rank) + " ran out of batches after " +
                           std::to_string(batches) + " of the epoch's " +
                           std::to_string(max_steps) + " steps");
  }
  stop_if_weights_diverged(*network, epoch, kept);
  share_rank0_buffers(parallel, *network);
  const std::vector<double> totals =
      sum_over_ranks(parallel, {loss_sum, correct, double(samples), value_sum, value_rows},
                     "the sum of the epoch's training figures");
  loss_sum = totals[0];
  correct = totals[1];
  samples = static_cast<std::int64_t>(totals[2]);
  value_sum = totals[3];
  value_rows = totals[4];
  const double train_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - epoch_start).count();
  EpochMetrics metrics;
  metrics.epoch = epoch;
  metrics.train_loss = loss_sum / samples;
  metrics.train_accuracy = correct / samples;
  metrics.train_value_loss = value_rows > 0 ? value_sum / value_rows : 0;
  metrics.samples_per_second = samples / std::max(train_seconds, 1e-9);
  metrics.data_wait_seconds = train.wait_seconds() - wait_before;
  metrics.seconds = train_seconds;
  return metrics;
}

// The test fields of `metrics`: the whole test file, or --test-batches of it.
void test_epoch(const TrainOptions& options, PolicyValueNet& network, BatchSource& test,
                const Device& device, DataParallel& parallel, const TrainProgressCallback& progress,
                EpochMetrics& metrics) {
  const std::int64_t test_batch_size = test_source_options(options, parallel).batch_size;
  const std::int64_t test_rows = options.test_batches > 0
                                     ? std::min(test.rows(), options.test_batches * test_batch_size)
                                     : test.rows();
  Evaluation evaluation =
      evaluate(
          network, test, device, options.amp,
          [&](std::int64_t rows) {
            if (progress) {
              progress({metrics.epoch, options.epochs,
                        std::min(test_rows, rows * parallel.world_size), test_rows, 0, 0, 0, true});
            }
          },
          test_batches_of_rank(options, parallel))
          .means(parallel);
  metrics.test_loss = evaluation.loss;
  metrics.test_top1 = evaluation.top1;
  metrics.test_top5 = evaluation.top5;
  metrics.test_value_loss = evaluation.value_loss;
}

// The epoch's files: its checkpoint, best.h5 when it is the best so far, the metrics table and
// the learning curve.
void write_epoch_files(const TrainResult& result, const AgentMetadata& metadata,
                       PolicyValueNet& network, const TrainingSummary& summary,
                       const ResumeState& resume, bool best) {
  const fs::path dir = result.checkpoint_dir;
  write_agent_file((dir / checkpoint_name(summary.epochs)).string(), metadata, network, &summary,
                   &resume);
  if (best) write_agent_file(result.best_path, metadata, network, &summary, &resume);
  write_metrics_csv((dir / "metrics.csv").string(), summary.metrics);
  write_learning_curve_svg((dir / "learning_curve.svg").string(), summary.metrics,
                           metadata.network.network + " on " + metadata.encoder);
}

// What every rank of a run must agree on: the settings that shape the weights and the data.
std::string settings_fingerprint(const TrainOptions& o, const BatchSource& train,
                                 const BatchSource* test, int start_epoch) {
  std::ostringstream text;
  text << "network " << o.network << " " << o.blocks << "x" << o.filters << ", kind " << o.kind
       << ", value weight " << o.value_weight << ", epochs " << o.epochs << ", batch "
       << o.batch_size << ", " << o.optimizer << " lr " << o.learning_rate << " momentum "
       << o.momentum << " decay " << o.weight_decay << " " << o.lr_schedule << ", seed " << o.seed
       << (o.augment ? ", augment" : "") << (o.amp ? ", amp" : "") << ", max batches "
       << o.max_batches << ", test batches " << o.test_batches << ", train rows " << train.rows()
       << " " << train.encoder_name() << ", test rows " << (test ? test->rows() : 0)
       << ", start epoch " << start_epoch << ", backend " << o.backend << ", allreduce "
       << (o.overlap_allreduce ? "overlap" : "after-backward");
  return text.str();
}

TrainResult train_supervised_ranks(const TrainOptions& options, const Device& device,
                                   DataParallel& parallel, const TrainProgressCallback& progress) {
  BatchSource train(options.train_path, train_source_options(options, parallel));
  std::unique_ptr<BatchSource> test = open_test_source(options, train, parallel);
  const AgentMetadata metadata = agent_metadata(options, train, test.get());

  PolicyValueNet network(metadata.network);
  TrainingSummary summary;
  summary.optimizer = options.optimizer;
  summary.batch_size = options.batch_size;
  summary.train_data = options.train_path;
  summary.test_data = options.test_path;
  const double base_lr =
      options.learning_rate > 0 ? options.learning_rate : default_learning_rate(options.optimizer);
  summary.learning_rate = base_lr;
  const ResumePoint resume = resume_point(options, metadata.network, network, summary);
  network->to(device.device);
  if (device.channels_last) to_channels_last(*network);
  if (parallel.active()) {
    parallel.group->require_same(
        "settings", settings_fingerprint(options, train, test.get(), resume.start_epoch));
  }
  start_from_rank0(parallel, *network, options.overlap_allreduce);
  auto optimizer = make_optimizer(options, base_lr, network);
  if (!resume.optimizer_state.empty()) {
    restore_optimizer(*optimizer, resume.optimizer_state, options.resume_path);
  }

  TrainResult result = result_files(options, device, summary, parallel);
  double best_top1 = -1;
  for (const auto& m : summary.metrics) best_top1 = std::max(best_top1, m.test_top1);
  for (int epoch = resume.start_epoch; epoch <= options.epochs; ++epoch) {
    const std::string kept = left_if_diverging(options, result, epoch);
    set_learning_rate(*optimizer, scheduled_lr(options, base_lr, epoch));
    EpochMetrics metrics =
        train_epoch(options, epoch, network, *optimizer, train, device, kept, parallel, progress);
    auto test_start = std::chrono::steady_clock::now();
    if (test) test_epoch(options, network, *test, device, parallel, progress, metrics);
    metrics.seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - test_start).count();
    summary.metrics.push_back(metrics);
    summary.epochs = epoch;
    result.metrics = summary.metrics;

    const bool best = !test || metrics.test_top1 > best_top1;
    if (best) best_top1 = metrics.test_top1;
    if (parallel.writes_files()) {
      write_epoch_files(result, metadata, network, summary,
                        ResumeState{serialize_optimizer(*optimizer), encode_rng_state(epoch)},
                        best);
    }
  }
  if (parallel.writes_files()) {
    ResumeState resume_state{serialize_optimizer(*optimizer), encode_rng_state(summary.epochs)};
    write_agent_file(options.out_path, metadata, network, &summary, &resume_state);
  }
  result.rank = parallel.rank;
  result.world_size = parallel.world_size;
  if (parallel.active()) {
    result.backend = parallel.group->backend();
    // Every rank has its files before any rank reports success.
    parallel.group->barrier("the end of training");
  }
  if (parallel.averager) {
    const AllreduceStats& stats = parallel.averager->stats();
    result.steps = stats.steps;
    result.allreduce_bytes_per_step = stats.bytes_per_step;
    result.allreduce_buckets = stats.buckets;
    result.allreduce_wait_seconds = stats.wait_seconds;
  }
  return result;
}

}  // namespace

TrainResult train_supervised(const TrainOptions& options, const TrainProgressCallback& progress) {
  const Device device = training_device(options);
  DataParallel parallel = join_data_parallel(options.launch, options.backend,
                                             options.distributed_timeout_seconds, device.device);
  try {
    return train_supervised_ranks(options, device, parallel, progress);
  } catch (const DistributedError&) {
    throw;  // about another rank, or the group itself
  } catch (const std::exception& error) {
    if (parallel.active()) parallel.group->publish_failure(error.what());
    throw;
  }
}

AccuracyResult evaluate_accuracy(const std::string& agent_path, const std::string& data_path,
                                 const std::string& device_text, int batch_size,
                                 const std::function<void(std::int64_t, std::int64_t)>& progress) {
  const torch::Device torch_device = resolve_device(device_text);
  Device device{torch_device, torch_device.is_cuda(), use_channels_last("auto", torch_device)};
  AgentFileInfo info;
  PolicyValueNet network = load_agent_network(agent_path, device.device, &info);
  if (device.channels_last) to_channels_last(*network);
  BatchSourceOptions options;
  options.batch_size = batch_size;
  options.shuffle = false;
  BatchSource source(data_path, options);
  if (source.encoder_name() != info.metadata.encoder ||
      source.board_width() != info.metadata.board_width ||
      source.board_height() != info.metadata.board_height) {
    throw std::runtime_error(data_path + " was prepared with encoder " + source.encoder_name() +
                             " on " + std::to_string(source.board_width()) + "x" +
                             std::to_string(source.board_height()) + ", the agent uses " +
                             info.metadata.encoder + " on " +
                             std::to_string(info.metadata.board_width) + "x" +
                             std::to_string(info.metadata.board_height));
  }
  if (source.label_space() != info.metadata.network.policy_outputs) {
    throw std::runtime_error(data_path + ": its labels do not match the agent's policy outputs");
  }
  DataParallel one_process;
  Evaluation evaluation = evaluate(network, source, device, false, [&](std::int64_t rows) {
                            if (progress) progress(rows, source.rows());
                          }).means(one_process);
  return {evaluation.rows, evaluation.loss, evaluation.top1, evaluation.top5,
          evaluation.value_loss};
}

}  // namespace dlgo::net
