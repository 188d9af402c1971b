#include "net/torch/agent_io.h"

#include <cstdio>
#include <filesystem>

#include "engine/dataset/h5_helpers.h"
#include "engine/dataset/h5_output_file.h"
#include "engine/files/file_commit.h"

namespace dlgo::net {

namespace {

void write_tensor(H5::Group& group, const std::string& name, const torch::Tensor& tensor) {
  torch::Tensor cpu = tensor.detach().to(torch::kCPU).contiguous();
  std::vector<hsize_t> dims;
  for (auto size : cpu.sizes()) dims.push_back(static_cast<hsize_t>(size));
  if (dims.empty()) dims.push_back(1);  // scalars (num_batches_tracked) as one element
  H5::DataSpace space(static_cast<int>(dims.size()), dims.data());
  if (cpu.scalar_type() == torch::kLong) {
    H5::DataSet dataset = group.createDataSet(name, H5::PredType::NATIVE_INT64, space);
    dataset.write(cpu.data_ptr<std::int64_t>(), H5::PredType::NATIVE_INT64);
  } else {
    cpu = cpu.to(torch::kFloat32);
    H5::DataSet dataset = group.createDataSet(name, H5::PredType::NATIVE_FLOAT, space);
    dataset.write(cpu.data_ptr<float>(), H5::PredType::NATIVE_FLOAT);
  }
}

std::string shape_text(const std::vector<std::int64_t>& shape) {
  std::string text;
  for (std::int64_t extent : shape) text += (text.empty() ? "" : "x") + std::to_string(extent);
  return text.empty() ? "scalar" : text;
}

// Reads the dataset `name` of `group` into `target`, refusing one that does not fit it exactly:
// another shape (a flattened weight holds the right number of values in the wrong layout),
// another kind of number (int8 weights would be converted without a word) or, for floating
// point, NaN or infinite values (the network would answer NaN for every move).
void read_tensor(const H5::Group& group, const std::string& name, torch::Tensor& target,
                 const std::string& where) {
  const std::string dataset_name = group.getObjName() + "/" + name;
  if (!group.nameExists(name)) throw AgentFileError(where + ": the weights lack " + dataset_name);
  H5::DataSet dataset = h5::open_dataset(group, name.c_str());
  std::vector<std::int64_t> stored, expected(target.sizes().begin(), target.sizes().end());
  for (hsize_t extent : h5::dims(dataset)) stored.push_back(static_cast<std::int64_t>(extent));
  if (expected.empty() && stored == std::vector<std::int64_t>{1}) stored.clear();  // scalars
  if (stored != expected) {
    std::int64_t values = 1;
    for (std::int64_t extent : stored) values *= extent;
    throw AgentFileError(where + ": " + dataset_name + " has shape " + shape_text(stored) + " (" +
                         std::to_string(values) + " values), the network expects " +
                         shape_text(expected) + " (" + std::to_string(target.numel()) + " values)");
  }
  const bool integral = target.scalar_type() == torch::kLong;
  const H5T_class_t stored_class = dataset.getTypeClass();
  if (stored_class != (integral ? H5T_INTEGER : H5T_FLOAT)) {
    const std::string bits = std::to_string(dataset.getDataType().getSize() * 8);
    const std::string stored_kind = stored_class == H5T_INTEGER ? bits + "-bit integers"
                                    : stored_class == H5T_FLOAT ? bits + "-bit floats"
                                                                : "something other than numbers";
    throw AgentFileError(where + ": " + dataset_name + " is stored as " + stored_kind +
                         ", expected " + (integral ? "integers" : "floating-point numbers"));
  }
  torch::NoGradGuard no_grad;
  if (integral) {
    torch::Tensor cpu = torch::empty(target.sizes(), torch::kLong);
    h5::read_data(dataset, cpu.data_ptr<std::int64_t>(), H5::PredType::NATIVE_INT64);
    target.copy_(cpu);
  } else {
    torch::Tensor cpu = torch::empty(target.sizes(), torch::kFloat32);
    h5::read_data(dataset, cpu.data_ptr<float>(), H5::PredType::NATIVE_FLOAT);
    const std::int64_t non_finite = torch::isfinite(cpu).logical_not().sum().item<std::int64_t>();
    if (non_finite > 0) {
      throw AgentFileError(where + ": " + dataset_name + " holds " + std::to_string(non_finite) +
                           " NaN or infinite values (the network diverged or the file is damaged)");
    }
    target.copy_(cpu);
  }
}

void write_metrics(H5::Group& training, const std::vector<EpochMetrics>& metrics) {
  const std::vector<std::string> columns = {
      "epoch",          "train_loss", "train_accuracy",     "test_loss",         "test_top1",
      "test_top5",      "seconds",    "samples_per_second", "data_wait_seconds", "train_value_loss",
      "test_value_loss"};
  std::vector<double> values;
  for (const auto& m : metrics) {
    values.insert(values.end(),
                  {static_cast<double>(m.epoch), m.train_loss, m.train_accuracy, m.test_loss,
                   m.test_top1, m.test_top5, m.seconds, m.samples_per_second, m.data_wait_seconds,
                   m.train_value_loss, m.test_value_loss});
  }
  hsize_t dims[2] = {metrics.size(), columns.size()};
  H5::DataSet dataset =
      training.createDataSet("metrics", H5::PredType::NATIVE_DOUBLE, H5::DataSpace(2, dims));
  if (!values.empty()) dataset.write(values.data(), H5::PredType::NATIVE_DOUBLE);
  h5::write_string_array_attr(dataset, "columns", columns);
}

}  // namespace

void write_agent_file(const std::string& path, const AgentMetadata& metadata,
                      PolicyValueNet& network, const TrainingSummary* training,
                      const ResumeState* resume) {
  auto guard = h5::lock();
  H5::Exception::dontPrint();
  try {
    h5::OutputFile out(path);  // removes its partial file unless committed
    try {
      {  // every object in the file closes before the commit
        H5::H5File& file = out.file();
        h5::write_string_attr(file, "format", kAgentFormat);
        h5::write_int_attr(file, "format_version", kAgentFormatVersion);
        h5::write_string_attr(file, "kind", std::string(agent_kind_name(metadata.kind)));
        h5::write_string_attr(file, "created_by", "dlgo");
        H5::Group encoder = file.createGroup("encoder");
        h5::write_string_attr(encoder, "name", metadata.encoder);
        h5::write_int_attr(encoder, "board_width", metadata.board_width);
        h5::write_int_attr(encoder, "board_height", metadata.board_height);
        H5::Group model = file.createGroup("model");
        h5::write_string_attr(model, "network", metadata.network.network);
        h5::write_string_attr(model, "architecture", metadata.network.to_json());
        h5::write_int_attr(model, "parameters", parameter_count(*network));
        H5::Group weights = model.createGroup("weights");
        for (const auto& item : network->named_parameters())
          write_tensor(weights, item.key(), item.value());
        H5::Group buffers = model.createGroup("buffers");
        for (const auto& item : network->named_buffers())
          write_tensor(buffers, item.key(), item.value());
        if (training) {
          H5::Group group = file.createGroup("training");
          h5::write_int_attr(group, "epochs", training->epochs);
          h5::write_string_attr(group, "optimizer", training->optimizer);
          h5::write_double_attr(group, "learning_rate", training->learning_rate);
          h5::write_int_attr(group, "batch_size", training->batch_size);
          h5::write_string_attr(group, "train_data", training->train_data);
          h5::write_string_attr(group, "test_data", training->test_data);
          write_metrics(group, training->metrics);
          if (resume) {
            h5::write_bytes(group, "optimizer_state", resume->optimizer_state);
            h5::write_bytes(group, "rng_state", resume->rng_state);
          }
        }
      }
      out.commit();
    } catch (const H5::Exception& error) {
      throw AgentFileError(path + ": cannot write agent file: " + out.abandon(error));
    }
  } catch (const H5::Exception& error) {
    throw AgentFileError(path + ": cannot write agent file: " + h5::describe(error));
  } catch (const FileCommitError& error) {
    throw AgentFileError(error.what());
  }
}

namespace {

// Reads the weights and buffers under `root`/model into `network`. `where` names the file (and
// the group) in error messages.
void read_network_weights(const H5::Group& root, PolicyValueNet& network,
                          const std::string& where) {
  H5::Group model = h5::open_group(root, "model");
  H5::Group weights = h5::open_group(model, "weights");
  for (auto& item : network->named_parameters()) {
    read_tensor(weights, item.key(), item.value(), where);
  }
  H5::Group buffers = h5::open_group(model, "buffers");
  for (auto& item : network->named_buffers()) read_tensor(buffers, item.key(), item.value(), where);
}

}  // namespace

PolicyValueNet load_agent_network(const std::string& path, const torch::Device& device,
                                  AgentFileInfo* info_out) {
  AgentFileInfo info = read_agent_info(path);
  PolicyValueNet network(info.metadata.network);
  {
    auto guard = h5::lock();
    try {
      H5::H5File file = h5::open_for_reading(path);
      read_network_weights(file, network, path);
    } catch (const h5::ReadError& error) {
      throw AgentFileError(path + ": " + error.what());
    } catch (const H5::Exception& error) {
      throw AgentFileError(path + ": unreadable weights: " + h5::describe(error));
    }
  }
  network->to(device);
  if (info_out) *info_out = info;
  return network;
}

PolicyValueNet load_rollout_policy_network(const std::string& path, const torch::Device& device,
                                           AgentFileInfo* info_out) {
  const std::string where = path + ": group /" + kRolloutPolicyGroup;
  AgentFileInfo owner = read_agent_info(path);
  if (!owner.rollout_policy) throw AgentFileError(where + ": the file has no rollout policy");
  AgentFileInfo info;
  info.metadata = owner.rollout_policy->metadata;
  info.parameters = owner.rollout_policy->parameters;
  PolicyValueNet network(info.metadata.network);
  {
    auto guard = h5::lock();
    try {
      H5::H5File file = h5::open_for_reading(path);
      read_network_weights(h5::open_group(file, kRolloutPolicyGroup), network, where);
    } catch (const h5::ReadError& error) {
      throw AgentFileError(where + ": " + error.what());
    } catch (const H5::Exception& error) {
      throw AgentFileError(where + ": unreadable weights: " + h5::describe(error));
    }
  }
  network->to(device);
  if (info_out) *info_out = info;
  return network;
}

std::optional<ResumeState> read_resume_state(const std::string& path) {
  read_agent_info(path);  // validates the file
  auto guard = h5::lock();
  try {
    H5::H5File file = h5::open_for_reading(path);
    if (!file.nameExists("training")) return std::nullopt;
    H5::Group training = h5::open_group(file, "training");
    if (!training.nameExists("optimizer_state") || !training.nameExists("rng_state"))
      return std::nullopt;
    ResumeState state;
    state.optimizer_state = h5::read_bytes(h5::open_dataset(training, "optimizer_state"));
    state.rng_state = h5::read_bytes(h5::open_dataset(training, "rng_state"));
    return state;
  } catch (const h5::ReadError& error) {
    throw AgentFileError(path + ": " + error.what());
  } catch (const H5::Exception& error) {
    throw AgentFileError(path + ": unreadable training state: " + h5::describe(error));
  }
}

}  // namespace dlgo::net
