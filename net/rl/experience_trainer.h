// Reinforcement-learning updates from experience files (`dlgo-train --experience`).
//
// Methods and their losses (per row: state s, action a, reward r = outcome for the mover,
// advantage A, visit counts N for zero):
//   pg     policy gradient: -r * log p(a|s)                     (the book's reward-weighted CE)
//   ac     actor-critic:    -A * log p(a|s) + w_v * (v(s) - r)^2
//          (pg, ac: p(a|s) is the softmax over the row's move mask where the experience has
//          masks, the moves the agent sampled among; clipped to [1e-5, 1 - 1e-5] without
//          gradient outside, as the book's Keras loss does, so the loss is bounded and a lost
//          move stops being pushed down)
//   q      Q-learning:      (Q(s, a) - r)^2                     (network with an action input)
//   value  value learning:  (v(s) - r)^2
//   zero   AlphaGo Zero:    -sum_m N(m)/sum N * log p(m|s) + w_v * (v(s) - r)^2
// Gradients are clipped to a maximum norm before each step. Batch-norm layers use the agent's
// running statistics and leave them unchanged, so only the gradient steps change the agent. The
// agent file's network, kind and encoder carry over to the output, which is written atomically (so
// --out may equal --agent).
//
// Contract: runs on the calling thread; progress callbacks come from it. Errors throw
// std::runtime_error with a one-line message (incompatible experience, missing value head or
// visit counts, unknown method, bad files).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/dataset/experience_file.h"
#include "net/agent_file.h"
#include "net/distributed/launch_environment.h"

namespace dlgo::net {

std::vector<std::string> rl_method_names();  // pg, ac, q, value, zero

struct ExperienceTrainOptions {
  std::vector<std::string> experience_paths;
  std::string method = "pg";
  std::string agent_path;  // the agent to improve
  std::string out_path;
  std::string optimizer = "sgd";  // sgd or adam
  double learning_rate = 0.01;
  double momentum = 0.9;  // sgd
  int batch_size = 128;
  int epochs = 1;
  double clip_grad_norm = 1.0;  // <= 0: no clipping
  double value_weight = 0.5;    // ac and zero: weight of the value loss
  // Each row seen under a random board symmetry (rotation or mirror) that keeps the board's
  // shape: states, action, visit counts and move mask move together, values do not.
  bool augment = false;
  // pg and ac, > 0: PPO's clipped objective instead of the book's loss. Per row, with
  // ratio = p(a|s) / p_start(a|s) (p_start: the agent before this training), the policy loss is
  // -min(ratio * w, clamp(ratio, 1 - ppo_clip, 1 + ppo_clip) * w), w the reward (pg) or the
  // advantage (ac): no move's probability is pushed further than that factor in one training.
  double ppo_clip = 0;
  std::string device = "auto";
  int threads = 0;
  std::uint64_t seed = 1;
  // Data-parallel, as TrainOptions (net/training/trainer.h): every rank holds the experience
  // and takes its slice of each global batch; rank 0 writes the agent.
  std::optional<LaunchEnvironment> launch;
  std::string backend = "auto";
  int distributed_timeout_seconds = 300;
  bool overlap_allreduce = true;
};

struct ExperienceTrainProgress {
  int epoch, epochs;
  std::int64_t rows, epoch_rows;
  double loss;
};

struct ExperienceTrainResult {
  std::int64_t rows = 0;
  std::vector<double> epoch_losses;  // mean training loss per epoch
  double seconds = 0;
  std::string device;
};

ExperienceTrainResult train_from_experience(
    const ExperienceTrainOptions& options,
    const std::function<void(const ExperienceTrainProgress&)>& progress = nullptr);

// Throws std::runtime_error unless the agent file's network can learn with `method` (known
// method; a value head for ac/q/value/zero; an action input exactly for q).
void check_agent_for_method(const AgentFileInfo& info, const std::string& agent_path,
                            const std::string& method);

// The method's mean loss of an agent file on experience, without training (tests, reports).
double experience_loss(const std::string& agent_path, const Experience& experience,
                       const std::string& method, double value_weight = 0.5,
                       const std::string& device = "cpu");

}  // namespace dlgo::net
