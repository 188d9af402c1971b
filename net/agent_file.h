// Agent files: one HDF5 file holds everything needed to play with, or go on training, a
// network agent (layout in docs/agent-files.md):
//
//   /            attrs format = "dlgo-agent", format_version, kind, created_by
//   /encoder     attrs name, board_width, board_height (as the original)
//   /model       attrs network, architecture (NetworkSpec JSON), parameters;
//                groups weights/ and buffers/ with one float dataset per parameter path
//   /training    attrs epochs, optimizer, learning_rate, batch_size, ...; dataset metrics
//                (one row per epoch) with a columns attribute; optimizer_state and rng_state
//                (bytes) for an exact resume
//   /rollout_policy  alphago files only, optional: the fast rollout policy network, a
//                complete predict/pg-style network laid out like the top level (attrs kind,
//                source; groups encoder/ and model/ with weights/ and buffers/)
//
// This header needs no libtorch: it reads the description of an agent. Loading weights is in
// net/torch/agent_io.h.
//
// Contract: functions are safe from any thread (HDF5 calls are serialised internally). A
// missing, corrupt or foreign file throws AgentFileError naming the file and the problem.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/agents/agent_kind.h"
#include "net/network_spec.h"

namespace dlgo::net {

inline constexpr const char* kAgentFormat = "dlgo-agent";
inline constexpr int kAgentFormatVersion = 1;

class AgentFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The kinds an agent file holds: predict, pg, q, ac, value, zero, alphago.
const std::vector<AgentKind>& agent_file_kinds();

struct AgentMetadata {
  AgentKind kind = AgentKind::kPredict;
  std::string encoder = "sevenplane";
  int board_width = 19;
  int board_height = 19;
  NetworkSpec network;
};

struct EpochMetrics {
  int epoch = 0;  // 1-based
  double train_loss = 0, train_accuracy = 0;
  double test_loss = 0, test_top1 = 0, test_top5 = 0;
  double seconds = 0, samples_per_second = 0, data_wait_seconds = 0;
  // Mean squared error of the value head against the game outcomes (rows of known outcome
  // only); 0 when no value head was trained.
  double train_value_loss = 0, test_value_loss = 0;
};

struct TrainingSummary {
  int epochs = 0;  // completed
  std::string optimizer;
  double learning_rate = 0;
  int batch_size = 0;
  std::string train_data, test_data;
  std::vector<EpochMetrics> metrics;
};

// The group of an alphago file that holds its rollout policy network.
inline constexpr const char* kRolloutPolicyGroup = "rollout_policy";

// Kinds whose network has a trained move policy, so it can serve as a rollout policy:
// predict, pg, ac, zero, alphago (not q or value).
bool kind_has_policy(AgentKind kind);
// Kinds whose network has a value head: q, ac, value, zero, alphago.
bool kind_has_value_head(AgentKind kind);

struct RolloutPolicyInfo {
  AgentMetadata metadata;  // kind, encoder, board and network of the rollout network
  std::int64_t parameters = 0;
  std::string source;  // the file it was embedded from (informational)
};

struct AgentFileInfo {
  AgentMetadata metadata;
  std::int64_t parameters = 0;
  std::optional<TrainingSummary> training;
  bool resumable = false;                           // has optimizer and RNG state
  std::optional<RolloutPolicyInfo> rollout_policy;  // alphago files that embed one
};

// Also checks an embedded rollout policy's description (kind with a policy, same board as the
// file); its weights are checked when they are loaded (Model::load_rollout_policy).
AgentFileInfo read_agent_info(const std::string& path);

}  // namespace dlgo::net
