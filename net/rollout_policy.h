// Embedding a rollout policy network into an alphago agent file: the encoder/ and model/
// groups of another agent file (any network with a move policy, for the same board) are copied
// into the group /rollout_policy (layout in net/agent_file.h), so the alphago agent loaded
// from the file plays its rollouts with that network and the one file stays self-contained.
//
// Contract: safe from any thread (HDF5 calls are serialised). A file is never left
// half-changed: the result is written as PATH.partial and committed to PATH (synced, renamed)
// when complete and checked. Errors throw AgentFileError naming the file at fault.
#pragma once

#include <string>

namespace dlgo::net {

// Throws AgentFileError naming `policy_path` unless it is a loadable agent file of a kind with
// a move policy (kind_has_policy) for a board of `board_width` x `board_height`.
void check_rollout_policy_file(const std::string& policy_path, int board_width, int board_height);

// Makes `policy_path`'s network the rollout policy of the alphago file `agent_path`, replacing
// any it had. The agent's own network, metadata and training record are kept.
void embed_rollout_policy(const std::string& agent_path, const std::string& policy_path);

}  // namespace dlgo::net
