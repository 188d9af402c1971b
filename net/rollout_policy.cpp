#include "net/rollout_policy.h"

#include <filesystem>

#include "engine/dataset/h5_helpers.h"
#include "engine/dataset/h5_output_file.h"
#include "engine/files/file_commit.h"
#include "net/agent_file.h"
#include "net/model.h"

namespace dlgo::net {

namespace {

namespace fs = std::filesystem;

// Copies the policy file's network groups into `target`'s rollout group (created anew).
void write_rollout_group(H5::H5File& target, const std::string& policy_path,
                         const std::string& policy_kind) {
  H5::H5File source(policy_path, H5F_ACC_RDONLY);
  if (target.nameExists(kRolloutPolicyGroup)) target.unlink(kRolloutPolicyGroup);
  H5::Group group = target.createGroup(kRolloutPolicyGroup);
  h5::write_string_attr(group, "kind", policy_kind);
  h5::write_string_attr(group, "source", fs::path(policy_path).filename().string());
  for (const char* name : {"encoder", "model"}) {
    if (H5Ocopy(source.getId(), name, group.getId(), name, H5P_DEFAULT, H5P_DEFAULT) < 0) {
      throw AgentFileError(policy_path + ": cannot copy its group /" + name);
    }
  }
}

}  // namespace

void check_rollout_policy_file(const std::string& policy_path, int board_width, int board_height) {
  // Loading it checks the whole file: format, architecture, every weight, the encoder.
  std::shared_ptr<const Model> policy = Model::load(policy_path, "cpu");
  const AgentMetadata& meta = policy->metadata();
  if (!kind_has_policy(meta.kind)) {
    throw AgentFileError(policy_path + ": a " + std::string(agent_kind_name(meta.kind)) +
                         " agent has no move policy to play rollouts with (use a predict, pg, ac, "
                         "zero or alphago agent file)");
  }
  if (meta.board_width != board_width || meta.board_height != board_height) {
    throw AgentFileError(policy_path + ": the rollout policy plays " +
                         std::to_string(meta.board_width) + "x" +
                         std::to_string(meta.board_height) + ", the agent " +
                         std::to_string(board_width) + "x" + std::to_string(board_height));
  }
}

void embed_rollout_policy(const std::string& agent_path, const std::string& policy_path) {
  const AgentFileInfo agent = read_agent_info(agent_path);
  if (agent.metadata.kind != AgentKind::kAlphaGo) {
    throw AgentFileError(agent_path + ": only alphago agents play rollouts, this is a " +
                         std::string(agent_kind_name(agent.metadata.kind)) + " agent");
  }
  check_rollout_policy_file(policy_path, agent.metadata.board_width, agent.metadata.board_height);
  const std::string kind(agent_kind_name(read_agent_info(policy_path).metadata.kind));
  auto guard = h5::lock();
  H5::Exception::dontPrint();
  try {
    h5::OutputFile out(agent_path, agent_path);  // a copy, removed unless committed
    try {
      write_rollout_group(out.file(), policy_path, kind);
      out.close();
    } catch (const H5::Exception& error) {
      throw AgentFileError(agent_path + ": cannot write the rollout policy: " + out.abandon(error));
    }
    // The finished file must load before it replaces the old one.
    if (!Model::load_rollout_policy(out.partial_path(), "cpu")) {
      throw AgentFileError(out.partial_path() + ": the rollout policy did not arrive");
    }
    out.commit();
  } catch (const H5::Exception& error) {
    throw AgentFileError(agent_path + ": cannot write the rollout policy: " + h5::describe(error));
  } catch (const FileCommitError& error) {
    throw AgentFileError(error.what());
  }
}

}  // namespace dlgo::net
