// Supervised training of a move predictor from HDF5 datasets (`dlgo-train`).
//
// With kind "zero" the network also gets a value head, trained on each row's game outcome
// (1 won, -1 lost for the player to move) by mean squared error, weighted by value_weight
// and added to the policy loss; rows of unknown outcome add nothing to it. A dataset without
// outcomes (format version 1) is then an error.
//
// Each epoch streams the training set through a BatchSource (shuffled, optionally augmented),
// minimises cross-entropy between the policy logits and the recorded moves, then measures the
// test set's loss, top-1 and top-5 accuracy. After every epoch it writes a checkpoint agent
// file (CHECKPOINT_DIR/epoch_NNN.h5, with optimizer and RNG state), the best one so far
// (best.h5, by test top-1), metrics.csv and learning_curve.svg; at the end the final agent to
// `out_path`. A run killed at any moment resumes from its last checkpoint (`resume_path`) and
// continues as if it had not stopped: same data order, same optimizer state.
//
// Data-parallel (docs/distributed.md): with a launch environment of several ranks (`launch`),
// every rank runs train_supervised() with the same options; they join a DistributedGroup,
// start from rank 0's weights, split each global batch of `batch_size` rows evenly (every rank
// reads its own disjoint blocks of each epoch's shuffled order and does the same number of
// steps), average gradients after every backward pass, and measure the test set in disjoint
// shards whose sums are added. Batch norm normalises each rank's own rows (as PyTorch's DDP
// without SyncBatchNorm); its running statistics are rank 0's, sent to all ranks after every
// epoch. Rank 0 alone writes checkpoints, metrics and the final agent; a checkpoint resumes on
// any number of ranks.
//
// Contract: train_supervised() runs on the calling thread (plus the batch readers' threads);
// progress callbacks come from the calling thread. Errors throw std::runtime_error with a
// one-line message (bad file, unknown network, CUDA asked for but absent, ...).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "net/agent_file.h"
#include "net/distributed/launch_environment.h"

namespace dlgo::net {

struct TrainOptions {
  std::string train_path, test_path;
  std::string network = "small";
  int blocks = 6, filters = 64;  // resnet
  std::string kind = "predict";  // predict, pg; zero trains a value head on the game outcomes too
  // zero: loss = policy cross-entropy + this * value MSE. 0.25 measured best of 0.01, 0.25 and 1
  // (docs/training.md, Recipes): 1 cost the policy a point of top-1 and destabilised the value.
  double value_weight = 0.25;
  std::string out_path;
  std::string checkpoint_dir;  // default: OUT_checkpoints beside --out
  std::string resume_path;
  int epochs = 20;
  int batch_size = 128;
  // adam learned most per CPU-hour of the optimizers measured (docs/training.md, "Recipes").
  std::string optimizer = "adam";
  double learning_rate = -1;  // < 0: the optimizer's default
  double momentum = 0.9;      // sgd
  double weight_decay = 0;
  std::string lr_schedule = "constant";  // constant, step, cosine
  std::string device = "auto";           // auto, cpu, cuda, cuda:N
  int threads = 0;                       // CPU threads for torch; 0: torch's default
  std::uint64_t seed = 1;
  bool augment = false;
  bool amp = false;  // CUDA only: bfloat16 autocast
  std::string memory_format =
      "auto";                     // auto, channels-last, contiguous (net/torch/memory_format.h)
  std::string cpu_conv = "auto";  // auto, winograd, direct (net/torch/blocked_layout.h)
  std::int64_t max_batches = 0;   // per epoch; 0 = all (for smoke tests)
  std::int64_t test_batches = 0;  // > 0: measure this many test batches (a fixed random sample)

  // Data-parallel training: several ranks when `launch` says so (launch_environment()).
  std::optional<LaunchEnvironment> launch;
  std::string backend = "auto";           // auto, gloo, nccl
  int distributed_timeout_seconds = 300;  // a collective waits this long for a silent rank
  bool overlap_allreduce = true;          // start gradient allreduces during the backward pass
};

struct TrainProgress {
  int epoch, epochs;
  std::int64_t samples, epoch_samples;
  double loss, accuracy, samples_per_second;
  bool testing;
};

struct TrainResult {
  std::vector<EpochMetrics> metrics;
  std::string device;
  std::string final_path, best_path, checkpoint_dir;
  // Data-parallel runs: the ranks, backend and gradient traffic of this process.
  int rank = 0, world_size = 1;
  std::string backend;
  std::int64_t steps = 0, allreduce_bytes_per_step = 0;
  int allreduce_buckets = 0;
  double allreduce_wait_seconds = 0;  // in total, waiting for gradient allreduces
};

double default_learning_rate(const std::string& optimizer);
std::vector<std::string> optimizer_names();

using TrainProgressCallback = std::function<void(const TrainProgress&)>;
TrainResult train_supervised(const TrainOptions& options,
                             const TrainProgressCallback& progress = nullptr);

// Top-1 / top-5 accuracy and mean loss of an agent file's policy on a dataset.
struct AccuracyResult {
  std::int64_t rows = 0;
  double loss = 0, top1 = 0, top5 = 0;
  double value_loss = 0;  // MSE against known outcomes; 0 without a value head or outcomes
};
AccuracyResult evaluate_accuracy(
    const std::string& agent_path, const std::string& data_path, const std::string& device = "auto",
    int batch_size = 256,
    const std::function<void(std::int64_t, std::int64_t)>& progress = nullptr);

}  // namespace dlgo::net
