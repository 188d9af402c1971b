// Writing agent files and loading their networks (libtorch side of net/agent_file.h).
//
// Contract: write_agent_file() writes PATH.partial and commits it to PATH (synced, renamed, the
// folder synced: engine/dataset/h5_output_file.h) only when it is complete, so a crash, a kill, a
// full disk or a power loss never leaves a half-written agent and never damages the previous
// file. Weights are always stored as float32 on the CPU, so a file trained on CUDA
// loads on a machine without it. Errors throw AgentFileError naming the file. An alphago
// file's embedded rollout policy is written by net/rollout_policy.h (a copy of another agent
// file's groups), not here; load_rollout_policy_network() reads it.
#pragma once

#include <optional>
#include <string>

#include <torch/torch.h>

#include "net/agent_file.h"
#include "net/torch/networks.h"

namespace dlgo::net {

// What an exact resume needs beyond the weights.
struct ResumeState {
  std::string optimizer_state;  // torch::serialize archive bytes
  std::string rng_state;        // our own encoding, see trainer
};

void write_agent_file(const std::string& path, const AgentMetadata& metadata,
                      PolicyValueNet& network, const TrainingSummary* training = nullptr,
                      const ResumeState* resume = nullptr);

// Builds the network from the file's architecture and loads its weights onto `device`.
PolicyValueNet load_agent_network(const std::string& path, const torch::Device& device,
                                  AgentFileInfo* info = nullptr);

// The rollout policy network embedded in an alphago file (group /rollout_policy, see
// net/agent_file.h) on `device`; `info` gets its description (kind, encoder, board, network;
// no training). Throws AgentFileError naming the file and the group when the file has none or
// its weights do not fit its architecture.
PolicyValueNet load_rollout_policy_network(const std::string& path, const torch::Device& device,
                                           AgentFileInfo* info = nullptr);

std::optional<ResumeState> read_resume_state(const std::string& path);

}  // namespace dlgo::net
