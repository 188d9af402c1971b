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

#include "net/network_spec.h"

namespace dlgo::net {

inline constexpr const char* kAgentFormat = "dlgo-agent";
inline constexpr int kAgentFormatVersion = 1;

class AgentFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// predict, pg, q, ac, value, zero, alphago
std::vector<std::string> agent_kinds();

struct AgentMetadata {
  std::string kind = "predict";
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
};

struct TrainingSummary {
  int epochs = 0;  // completed
  std::string optimizer;
  double learning_rate = 0;
  int batch_size = 0;
  std::string train_data, test_data;
  std::vector<EpochMetrics> metrics;
};

struct AgentFileInfo {
  AgentMetadata metadata;
  std::int64_t parameters = 0;
  std::optional<TrainingSummary> training;
  bool resumable = false;  // has optimizer and RNG state
};

AgentFileInfo read_agent_info(const std::string& path);

}  // namespace dlgo::net
