#include "net/agent_init.h"

#include <cstdio>

#include "engine/encoders/registry.h"
#include "engine/files/file_commit.h"
#include "net/rollout_policy.h"
#include "net/torch/agent_io.h"

namespace dlgo::net {

AgentMetadata metadata_for(const InitOptions& options) {
  const AgentKind kind = parse_agent_kind(options.kind, agent_file_kinds());
  std::unique_ptr<Encoder> encoder = make_encoder(options.encoder, options.board_size);
  AgentMetadata metadata;
  metadata.kind = kind;
  metadata.encoder = options.encoder;
  metadata.board_width = options.board_size;
  metadata.board_height = options.board_size;
  NetworkSpec& spec = metadata.network;
  spec.network = options.network;
  spec.input_channels = encoder->num_input_channels();
  spec.board_width = options.board_size;
  spec.board_height = options.board_size;
  spec.policy_outputs = encoder->num_moves();
  spec.blocks = options.blocks;
  spec.filters = options.filters;
  spec.value_head = kind_has_value_head(kind);
  // A q network scores (position, move) pairs: the move is an input.
  if (kind == AgentKind::kQ) spec.action_input = encoder->num_moves();
  spec.validate();
  return metadata;
}

std::int64_t write_fresh_agent(const std::string& path, const InitOptions& options) {
  AgentMetadata metadata = metadata_for(options);
  if (!options.rollout_policy.empty()) {
    if (metadata.kind != AgentKind::kAlphaGo) {
      throw std::invalid_argument("a rollout policy is for alphago agents, not " + options.kind);
    }
    check_rollout_policy_file(options.rollout_policy, metadata.board_width, metadata.board_height);
  }
  torch::manual_seed(options.seed);
  PolicyValueNet network(metadata.network);
  if (options.rollout_policy.empty()) {
    write_agent_file(path, metadata, network);
    return parameter_count(*network);
  }
  // Complete (network and rollout policy) under PATH.partial before it takes PATH's name.
  const std::string staging = partial_path(path);
  try {
    write_agent_file(staging, metadata, network);
    embed_rollout_policy(staging, options.rollout_policy);
    commit_file(staging, path);
  } catch (const FileCommitError& error) {
    throw AgentFileError(error.what());
  } catch (...) {
    std::remove(staging.c_str());
    throw;
  }
  return parameter_count(*network);
}

}  // namespace dlgo::net
