#include "net/rl/experience_trainer.h"
#include "net/training/allocator_tuning.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "net/torch/agent_io.h"
#include "net/torch/data_parallel.h"
#include "net/torch/device.h"
#include "net/torch/divergence.h"
#include "net/torch/experience_batch.h"

namespace dlgo::net {

std::vector<std::string> rl_method_names() {
  return {"pg", "ac", "q", "value", "zero"};
}

namespace {

// A run writes its agent only at the end: a diverged one leaves the output untouched.
constexpr const char* kNothingWritten = "nothing was written";

bool needs_value_head(const std::string& method) {
  return method != "pg";
}

void check_compatible(const AgentFileInfo& info, const std::string& agent_path,
                      const Experience& experience, const std::string& method) {
  check_agent_for_method(info, agent_path, method);
  const AgentMetadata& m = info.metadata;
  if (m.encoder != experience.encoder || m.board_width != experience.board_width ||
      m.board_height != experience.board_height) {
    throw std::runtime_error(agent_path + " (" + m.encoder + ", " + std::to_string(m.board_width) +
                             "x" + std::to_string(m.board_height) +
                             ") does not match the experience (" + experience.encoder + ", " +
                             std::to_string(experience.board_width) + "x" +
                             std::to_string(experience.board_height) + ")");
  }
  if (m.network.policy_outputs != experience.action_space) {
    throw std::runtime_error(
        agent_path + ": its policy has " + std::to_string(m.network.policy_outputs) +
        " outputs, the experience " + std::to_string(experience.action_space) + " actions");
  }
  if (method == "q" && m.network.action_input != experience.action_space) {
    throw std::runtime_error(agent_path + ": its action input has " +
                             std::to_string(m.network.action_input) + " entries, the experience " +
                             std::to_string(experience.action_space) + " actions");
  }
  if (method == "zero" && !experience.has_visit_counts()) {
    throw std::runtime_error(
        "method zero needs experience with visit counts (self-play of a zero agent)");
  }
}

constexpr double kPolicyGradientFloor = 1e-5;

// log p(a|s) of each row's move, under the softmax over the row's move mask where there is
// one: the distribution the move was sampled from. Over all labels, every lost move's push
// down lifts occupied points too, and the policy's mass drifted onto them until training
// stalled (seen in 9x9 runs: the top ten labels, all occupied, held nearly all of it). Masked
// logits get no gradient.
torch::Tensor move_log_probs(const torch::Tensor& policy_logits, const ExperienceBatch& batch) {
  torch::Tensor logits = policy_logits;
  if (batch.move_masks.defined()) logits = logits.masked_fill(batch.move_masks.logical_not(), -1e9);
  return torch::log_softmax(logits, 1).gather(1, batch.actions.unsqueeze(1)).squeeze(1);
}

bool is_policy_gradient(const std::string& method) {
  return method == "pg" || method == "ac";
}

torch::Tensor method_loss(PolicyValueNet& network, const std::string& method,
                          const ExperienceBatch& batch, double value_weight, double ppo_clip) {
  const torch::Tensor& rewards = batch.rewards;
  if (method == "q") {
    const auto action_space = network->spec().action_input;
    torch::Tensor one_hot =
        torch::nn::functional::one_hot(batch.actions, action_space).to(torch::kFloat32);
    NetOutput out = network->forward(batch.states, one_hot);
    return torch::mse_loss(out.value, rewards);
  }
  NetOutput out = network->forward(batch.states);
  if (method == "value") return torch::mse_loss(out.value, rewards);
  if (method == "zero") {
    torch::Tensor log_probs = torch::log_softmax(out.policy_logits, 1);
    torch::Tensor policy_loss = -(batch.visit_targets * log_probs).sum(1).mean();
    return policy_loss + value_weight * torch::mse_loss(out.value, rewards);
  }
  const torch::Tensor& weights = method == "pg" ? rewards : batch.advantages;
  const torch::Tensor log_p = move_log_probs(out.policy_logits, batch);
  torch::Tensor policy_loss;
  if (ppo_clip > 0) {
    // PPO's clipped objective: the gradient stops once a move's probability has moved by the
    // factor 1 +- clip from where this training began, so one round cannot push the moves of
    // lost games (every one of them, decided positions too) into the floor.
    torch::Tensor ratio = torch::exp(log_p - batch.old_log_probs);
    policy_loss =
        -torch::min(ratio * weights, ratio.clamp(1 - ppo_clip, 1 + ppo_clip) * weights).mean();
  } else {
    // log p(a|s) bounded to [log 1e-5, log(1 - 1e-5)], where clamp passes no gradient:
    // unbounded, a lost game's move (-(-1) * log p) keeps pushing a probability that is
    // already negligible down, and the loss runs off to -infinity (seen: -1e6 within two
    // rounds). The book's Keras loss clips the same way; 1e-5 is the floor pg/ac agents sample
    // with, so nothing below it changes play.
    policy_loss =
        -(weights * log_p.clamp(std::log(kPolicyGradientFloor), std::log1p(-kPolicyGradientFloor)))
             .mean();
  }
  if (method == "pg") return policy_loss;
  return policy_loss + value_weight * torch::mse_loss(out.value, rewards);  // ac
}

}  // namespace

void check_agent_for_method(const AgentFileInfo& info, const std::string& agent_path,
                            const std::string& method) {
  bool known = false;
  for (const auto& name : rl_method_names()) known = known || name == method;
  if (!known)
    throw std::runtime_error("unknown method '" + method + "' (known: pg, ac, q, value, zero)");
  const AgentMetadata& m = info.metadata;
  if (needs_value_head(method) && !m.network.value_head) {
    throw std::runtime_error(agent_path + ": method " + method +
                             " needs a network with a value head (make one with dlgo-init --kind " +
                             method + ")");
  }
  if (method == "q" && m.network.action_input == 0) {
    throw std::runtime_error(
        agent_path + ": method q needs a network with an action input (dlgo-init --kind q)");
  }
  if (method != "q" && m.network.action_input != 0) {
    throw std::runtime_error(agent_path +
                             ": a network with an action input trains only with --method q");
  }
}

namespace {

// What every rank of a run must agree on: whatever shapes the updates.
std::string experience_settings(const ExperienceTrainOptions& o, std::size_t rows) {
  std::ostringstream text;
  text << "method " << o.method << ", " << o.optimizer << " lr " << o.learning_rate << " momentum "
       << o.momentum << ", batch " << o.batch_size << ", epochs " << o.epochs << ", clip "
       << o.clip_grad_norm << ", value weight " << o.value_weight << ", ppo clip " << o.ppo_clip
       << (o.augment ? ", augment" : "") << ", seed " << o.seed << ", rows " << rows << ", backend "
       << o.backend << ", allreduce " << (o.overlap_allreduce ? "overlap" : "after-backward");
  return text.str();
}

ExperienceTrainResult train_from_experience_ranks(
    const ExperienceTrainOptions& options, const torch::Device& device, DataParallel& parallel,
    const std::function<void(const ExperienceTrainProgress&)>& progress) {
  const auto start = std::chrono::steady_clock::now();
  if (options.batch_size < 1 || options.epochs < 1 || options.learning_rate <= 0) {
    throw std::runtime_error("batch size, epochs and learning rate must be positive");
  }
  if (options.optimizer != "sgd" && options.optimizer != "adam") {
    throw std::runtime_error("unknown optimizer '" + options.optimizer +
                             "' for experience training (known: sgd, adam)");
  }
  Experience experience = merge_experience_files(options.experience_paths);
  if (experience.rows() == 0)
    throw std::runtime_error("the experience holds no decisions to learn from");
  AgentFileInfo info = read_agent_info(options.agent_path);
  check_compatible(info, options.agent_path, experience, options.method);
  PolicyValueNet network = load_agent_network(options.agent_path, device, &info);
  if (parallel.active()) {
    parallel.group->require_same("settings", experience_settings(options, experience.rows()));
  }
  const ExperienceBatch rows = experience_tensors(experience);
  // PPO compares with the agent as it was before this training: a second, frozen copy, asked
  // about each batch as the batch is seen (after any symmetry, which changes the answer).
  const bool ppo = options.ppo_clip > 0 && is_policy_gradient(options.method);
  PolicyValueNet frozen_start{nullptr};
  if (ppo) {
    frozen_start = load_agent_network(options.agent_path, device, &info);
    frozen_start->eval();
  }
  network->train();
  // Batch norm keeps using (and keeping) the agent's running statistics: recomputing them from
  // one round of experience would change the agent's play by itself, whatever the gradient
  // says — a candidate trained with a learning rate of ~0 then lost 42% of 200 games to its
  // own starting point.
  for (const auto& module : network->modules(/*include_self=*/false)) {
    if (dynamic_cast<torch::nn::BatchNorm2dImpl*>(module.get())) module->eval();
  }
  start_from_rank0(parallel, *network, options.overlap_allreduce);
  std::unique_ptr<torch::optim::Optimizer> optimizer;
  if (options.optimizer == "adam") {
    optimizer = std::make_unique<torch::optim::Adam>(
        network->parameters(), torch::optim::AdamOptions(options.learning_rate));
  } else {
    optimizer = std::make_unique<torch::optim::SGD>(
        network->parameters(),
        torch::optim::SGDOptions(options.learning_rate).momentum(options.momentum));
  }
  const std::int64_t n = static_cast<std::int64_t>(experience.rows());
  std::optional<BoardSymmetries> symmetries;
  if (options.augment) {
    symmetries.emplace(experience.board_width, experience.board_height, experience.action_space,
                       device);
  }

  ExperienceTrainResult result;
  result.rows = n;
  result.device = device.str();
  TrainingSummary summary;
  summary.optimizer = options.optimizer;
  summary.learning_rate = options.learning_rate;
  summary.batch_size = options.batch_size;
  for (const auto& path : options.experience_paths) {
    summary.train_data += (summary.train_data.empty() ? "" : " ") + path;
  }
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    const auto epoch_start = std::chrono::steady_clock::now();
    // Every rank draws the same order (its own generator, whatever augmentation drew since).
    at::Generator order_generator = at::make_generator<at::CPUGeneratorImpl>(
        options.seed * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(epoch));
    torch::Tensor order = torch::randperm(n, order_generator, torch::kLong);
    double loss_sum = 0;
    std::int64_t done = 0;
    for (std::int64_t begin = 0; begin < n; begin += options.batch_size) {
      const std::int64_t end = std::min(n, begin + options.batch_size);
      // This rank's slice of the global batch; its loss weighted so that the mean over the
      // ranks of their gradients is the whole batch's.
      const std::int64_t rows_in_batch = end - begin;
      const std::int64_t first = begin + rows_in_batch * parallel.rank / parallel.world_size;
      const std::int64_t last = begin + rows_in_batch * (parallel.rank + 1) / parallel.world_size;
      optimizer->zero_grad();
      begin_backward(parallel);
      double batch_loss = 0;
      if (last > first) {
        ExperienceBatch batch = gather_rows(rows, order.slice(0, first, last), device);
        if (symmetries) symmetries->apply_random(batch);
        if (ppo) {
          torch::NoGradGuard no_grad;
          batch.old_log_probs =
              move_log_probs(frozen_start->forward(batch.states).policy_logits, batch);
        }
        torch::Tensor loss = method_loss(network, options.method, batch, options.value_weight,
                                         ppo ? options.ppo_clip : 0);
        const double share = double(last - first) * parallel.world_size / rows_in_batch;
        (share == 1.0 ? loss : loss * share).backward();
        batch_loss = loss.item<double>();
        stop_if_loss_diverged(batch_loss, epoch, begin / options.batch_size + 1, kNothingWritten);
      }
      finish_backward(parallel);
      if (options.clip_grad_norm > 0)
        torch::nn::utils::clip_grad_norm_(network->parameters(), options.clip_grad_norm);
      optimizer->step();
      loss_sum += batch_loss * (last - first);
      done = end;
      if (progress)
        progress({epoch, options.epochs, done, n, loss_sum * parallel.world_size / done});
    }
    loss_sum = sum_over_ranks(parallel, {loss_sum}, "the sum of the epoch's loss")[0];
    EpochMetrics metrics;
    metrics.epoch = epoch;
    metrics.train_loss = loss_sum / n;
    metrics.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - epoch_start).count();
    metrics.samples_per_second = n / std::max(metrics.seconds, 1e-9);
    summary.metrics.push_back(metrics);
    summary.epochs = epoch;
    result.epoch_losses.push_back(metrics.train_loss);
  }
  stop_if_weights_diverged(*network, options.epochs, kNothingWritten);
  network->eval();
  if (parallel.writes_files()) write_agent_file(options.out_path, info.metadata, network, &summary);
  if (parallel.active()) parallel.group->barrier("the end of training");
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace

ExperienceTrainResult train_from_experience(
    const ExperienceTrainOptions& options,
    const std::function<void(const ExperienceTrainProgress&)>& progress) {
  if (options.threads > 0) torch::set_num_threads(options.threads);
  keep_freed_memory_for_reuse();
  torch::manual_seed(options.seed);
  const torch::Device device = rank_device(options.device, options.launch);
  DataParallel parallel = join_data_parallel(options.launch, options.backend,
                                             options.distributed_timeout_seconds, device);
  try {
    return train_from_experience_ranks(options, device, parallel, progress);
  } catch (const DistributedError&) {
    throw;
  } catch (const std::exception& error) {
    if (parallel.active()) parallel.group->publish_failure(error.what());
    throw;
  }
}

double experience_loss(const std::string& agent_path, const Experience& experience,
                       const std::string& method, double value_weight,
                       const std::string& device_text) {
  AgentFileInfo info = read_agent_info(agent_path);
  check_compatible(info, agent_path, experience, method);
  if (experience.rows() == 0) throw std::runtime_error("the experience holds no decisions");
  const torch::Device device = resolve_device(device_text);
  PolicyValueNet network = load_agent_network(agent_path, device, &info);
  network->eval();
  torch::NoGradGuard no_grad;
  const ExperienceBatch rows = experience_tensors(experience);
  const std::int64_t n = static_cast<std::int64_t>(experience.rows());
  double sum = 0;
  for (std::int64_t begin = 0; begin < n; begin += 256) {
    const std::int64_t end = std::min(n, begin + 256);
    const ExperienceBatch batch =
        gather_rows(rows, torch::arange(begin, end, torch::kLong), device);
    sum += method_loss(network, method, batch, value_weight, 0).item<double>() * (end - begin);
  }
  return sum / n;
}

}  // namespace dlgo::net
