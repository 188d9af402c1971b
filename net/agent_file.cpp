#include "net/agent_file.h"

#include <algorithm>

#include "engine/dataset/h5_helpers.h"

namespace dlgo::net {

const std::vector<AgentKind>& agent_file_kinds() {
  static const std::vector<AgentKind> kinds = {
      AgentKind::kPredict, AgentKind::kPg,   AgentKind::kQ,      AgentKind::kAc,
      AgentKind::kValue,   AgentKind::kZero, AgentKind::kAlphaGo};
  return kinds;
}

bool kind_has_policy(AgentKind kind) {
  return kind == AgentKind::kPredict || kind == AgentKind::kPg || kind == AgentKind::kAc ||
         kind == AgentKind::kZero || kind == AgentKind::kAlphaGo;
}

bool kind_has_value_head(AgentKind kind) {
  return kind == AgentKind::kQ || kind == AgentKind::kAc || kind == AgentKind::kValue ||
         kind == AgentKind::kZero || kind == AgentKind::kAlphaGo;
}

namespace {

// The kind stored at `group`'s attribute kind; `where` names it in the error.
AgentKind read_kind(const H5::Group& group, const std::string& where) {
  const std::string text = h5::read_string_attr(group, "kind");
  try {
    return parse_agent_kind(text, agent_file_kinds());
  } catch (const std::invalid_argument& error) {
    throw AgentFileError(where + ": " + error.what());
  }
}

std::vector<EpochMetrics> read_metrics(const H5::Group& training) {
  std::vector<EpochMetrics> metrics;
  if (!training.nameExists("metrics")) return metrics;
  H5::DataSet dataset = h5::open_dataset(training, "metrics");
  const std::vector<hsize_t> dims = h5::dims(dataset);
  if (dims.size() != 2) throw h5::ReadError("/training/metrics is not a table (2-D)");
  std::vector<double> values(dims[0] * dims[1]);
  if (!values.empty()) h5::read_data(dataset, values.data(), H5::PredType::NATIVE_DOUBLE);
  std::vector<std::string> columns = h5::read_string_array_attr(dataset, "columns");
  for (hsize_t row = 0; row < dims[0]; ++row) {
    EpochMetrics m;
    for (hsize_t col = 0; col < dims[1] && col < columns.size(); ++col) {
      double v = values[row * dims[1] + col];
      const std::string& name = columns[col];
      if (name == "epoch")
        m.epoch = static_cast<int>(v);
      else if (name == "train_loss")
        m.train_loss = v;
      else if (name == "train_accuracy")
        m.train_accuracy = v;
      else if (name == "test_loss")
        m.test_loss = v;
      else if (name == "test_top1")
        m.test_top1 = v;
      else if (name == "test_top5")
        m.test_top5 = v;
      else if (name == "seconds")
        m.seconds = v;
      else if (name == "samples_per_second")
        m.samples_per_second = v;
      else if (name == "data_wait_seconds")
        m.data_wait_seconds = v;
      else if (name == "train_value_loss")
        m.train_value_loss = v;
      else if (name == "test_value_loss")
        m.test_value_loss = v;
    }
    metrics.push_back(m);
  }
  return metrics;
}

// The encoder/ and model/ groups under `root` (the file, or an embedded network's group).
// `where` prefixes error messages: "FILE" or "FILE: group /rollout_policy".
void read_network_description(const H5::Group& root, const std::string& where, AgentMetadata& meta,
                              std::int64_t& parameters) {
  H5::Group encoder = h5::open_group(root, "encoder");
  meta.encoder = h5::read_string_attr(encoder, "name");
  meta.board_width = static_cast<int>(h5::read_int_attr(encoder, "board_width"));
  meta.board_height = static_cast<int>(h5::read_int_attr(encoder, "board_height"));
  H5::Group model = h5::open_group(root, "model");
  try {
    meta.network = NetworkSpec::from_json(h5::read_string_attr(model, "architecture"));
  } catch (const std::invalid_argument& error) {
    throw AgentFileError(where + ": " + error.what());
  }
  parameters = h5::read_int_attr(model, "parameters");
  if (meta.network.board_width != meta.board_width ||
      meta.network.board_height != meta.board_height) {
    throw AgentFileError(where + ": the network's board size differs from the encoder's");
  }
}

RolloutPolicyInfo read_rollout_policy(const H5::Group& file, const std::string& path,
                                      const AgentMetadata& owner) {
  const std::string where = path + ": group /" + kRolloutPolicyGroup;
  if (owner.kind != AgentKind::kAlphaGo) {
    throw AgentFileError(where + ": only alphago agent files carry a rollout policy, this is a " +
                         std::string(agent_kind_name(owner.kind)) + " agent");
  }
  RolloutPolicyInfo info;
  try {
    H5::Group group = h5::open_group(file, kRolloutPolicyGroup);
    info.metadata.kind = read_kind(group, where);
    if (group.attrExists("source")) info.source = h5::read_string_attr(group, "source");
    read_network_description(group, where, info.metadata, info.parameters);
  } catch (const h5::ReadError& error) {
    throw AgentFileError(where + ": " + error.what());
  } catch (const H5::Exception& error) {
    throw AgentFileError(where + ": unreadable rollout policy: " + h5::describe(error));
  }
  if (!kind_has_policy(info.metadata.kind)) {
    throw AgentFileError(where + ": a " + std::string(agent_kind_name(info.metadata.kind)) +
                         " network has no move policy to play rollouts with");
  }
  if (info.metadata.board_width != owner.board_width ||
      info.metadata.board_height != owner.board_height) {
    throw AgentFileError(
        where + ": the rollout policy plays " + std::to_string(info.metadata.board_width) + "x" +
        std::to_string(info.metadata.board_height) + ", the agent " +
        std::to_string(owner.board_width) + "x" + std::to_string(owner.board_height));
  }
  return info;
}

}  // namespace

AgentFileInfo read_agent_info(const std::string& path) {
  auto guard = h5::lock();
  AgentFileInfo info;
  try {
    H5::H5File file = h5::open_for_reading(path);
    if (!file.attrExists("format") || h5::read_string_attr(file, "format") != kAgentFormat) {
      throw AgentFileError(path + ": not a dlgo agent file (the root attribute format is not \"" +
                           std::string(kAgentFormat) + "\")");
    }
    std::int64_t version = h5::read_int_attr(file, "format_version");
    if (version > kAgentFormatVersion) {
      throw AgentFileError(path + ": agent file format version " + std::to_string(version) +
                           " is newer than this program reads (" +
                           std::to_string(kAgentFormatVersion) + ")");
    }
    info.metadata.kind = read_kind(file, path);
    read_network_description(file, path, info.metadata, info.parameters);
    if (file.nameExists(kRolloutPolicyGroup)) {
      info.rollout_policy = read_rollout_policy(file, path, info.metadata);
    }
    if (file.nameExists("training")) {
      H5::Group training = h5::open_group(file, "training");
      TrainingSummary summary;
      summary.epochs = static_cast<int>(h5::read_int_attr(training, "epochs"));
      summary.optimizer = h5::read_string_attr(training, "optimizer");
      summary.learning_rate = h5::read_double_attr(training, "learning_rate");
      summary.batch_size = static_cast<int>(h5::read_int_attr(training, "batch_size"));
      summary.train_data = h5::read_string_attr(training, "train_data");
      summary.test_data = h5::read_string_attr(training, "test_data");
      summary.metrics = read_metrics(training);
      info.training = summary;
      info.resumable = training.nameExists("optimizer_state") && training.nameExists("rng_state");
    }
  } catch (const h5::ReadError& error) {
    throw AgentFileError(path + ": " + error.what());
  } catch (const H5::Exception& error) {
    throw AgentFileError(path + ": unreadable agent file: " + h5::describe(error));
  }
  return info;
}

}  // namespace dlgo::net
