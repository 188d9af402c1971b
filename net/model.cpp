#include "net/model.h"

#include <torch/torch.h>

#include <cstring>

#include "engine/encoders/registry.h"
#include "net/torch/agent_io.h"
#include "net/torch/device.h"

namespace dlgo::net {

struct Model::Impl {
  PolicyValueNet network{nullptr};
  torch::Device device{torch::kCPU};
};

Model::~Model() = default;

std::shared_ptr<const Model> Model::load(const std::string& path, const std::string& device) {
  std::shared_ptr<Model> model(new Model());
  model->impl_ = std::make_unique<Impl>();
  model->impl_->device = resolve_device(device);
  model->impl_->network = load_agent_network(path, model->impl_->device, &model->info_);
  model->path_ = path;
  model->finish_loading();
  return model;
}

std::shared_ptr<const Model> Model::load_rollout_policy(const std::string& path,
                                                        const std::string& device) {
  if (!read_agent_info(path).rollout_policy) return nullptr;
  std::shared_ptr<Model> model(new Model());
  model->impl_ = std::make_unique<Impl>();
  model->impl_->device = resolve_device(device);
  model->impl_->network = load_rollout_policy_network(path, model->impl_->device, &model->info_);
  model->path_ = path + ":/" + kRolloutPolicyGroup;
  model->finish_loading();
  return model;
}

void Model::finish_loading() {
  impl_->network->eval();
  const AgentMetadata& meta = info_.metadata;
  try {
    encoder_ = make_encoder(meta.encoder, BoardSize{meta.board_width, meta.board_height});
  } catch (const std::invalid_argument& error) {
    throw AgentFileError(path_ + ": " + error.what());
  }
  if (encoder_->num_input_channels() != meta.network.input_channels) {
    throw AgentFileError(path_ + ": encoder " + meta.encoder + " gives " +
                         std::to_string(encoder_->num_input_channels()) +
                         " input channels, the network takes " +
                         std::to_string(meta.network.input_channels));
  }
}

std::size_t Model::input_size() const {
  return static_cast<std::size_t>(encoder_->num_input_channels()) * encoder_->num_points();
}

void Model::encode_input(const GameState& state, float* input) const {
  thread_local std::vector<std::uint8_t> planes;
  planes.resize(encoder_->encoded_size());
  encoder_->encode(state, planes.data());
  encoder_->planes_to_input(planes.data(), input);
}

void Model::predict(const float* inputs, int batch, float* policy, float* values,
                    const float* actions) const {
  if (batch <= 0) return;
  const NetworkSpec& s = spec();
  if (values && !s.value_head) throw std::runtime_error(path_ + ": the network has no value head");
  if (s.action_input > 0 && !actions)
    throw std::runtime_error(path_ + ": a q network needs actions");
  torch::NoGradGuard no_grad;
  torch::Tensor x =
      torch::from_blob(const_cast<float*>(inputs),
                       {batch, s.input_channels, s.board_height, s.board_width}, torch::kFloat32)
          .to(impl_->device);
  torch::Tensor a;
  if (s.action_input > 0) {
    a = torch::from_blob(const_cast<float*>(actions), {batch, s.action_input}, torch::kFloat32)
            .to(impl_->device);
  }
  NetOutput out = impl_->network->forward(x, a);
  if (policy) {
    torch::Tensor p =
        torch::softmax(out.policy_logits.to(torch::kFloat32), 1).to(torch::kCPU).contiguous();
    std::memcpy(policy, p.data_ptr<float>(), sizeof(float) * p.numel());
  }
  if (values) {
    torch::Tensor v = out.value.to(torch::kFloat32).to(torch::kCPU).contiguous();
    std::memcpy(values, v.data_ptr<float>(), sizeof(float) * v.numel());
  }
}

}  // namespace dlgo::net
