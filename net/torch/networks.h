// The libtorch modules behind NetworkSpec (internal to net/: include only from net/*.cpp).
//
// One module class serves every architecture: a trunk, a policy head producing logits over
// `policy_outputs` and, when the spec asks, a value head producing tanh values. Parameter
// names (named_parameters()) are stable, "trunk.0.weight" etc.; agent files store weights
// under them.
//
// Contract: a module is owned by whoever built it (shared_ptr semantics of TORCH_MODULE).
// forward() in eval mode under torch::NoGradGuard may run on several threads at once; training
// is single-threaded.
#pragma once

#include <torch/torch.h>

#include "net/network_spec.h"

namespace dlgo::net {

struct NetOutput {
  torch::Tensor policy_logits;  // [N, policy_outputs]
  torch::Tensor value;          // [N] in -1..1; undefined without a value head
};

class ResidualBlockImpl : public torch::nn::Module {
 public:
  explicit ResidualBlockImpl(int filters);
  torch::Tensor forward(torch::Tensor x);
  // The same on a blocked tensor [N, C/16, H, W, 16] (blocked_layout.h): with the training
  // kernels when the norms train (batch statistics, autograd), else with the inference ones
  // (running statistics, no gradient).
  torch::Tensor forward_blocked(const torch::Tensor& x);
  bool norms_training() const;
  bool norms_evaluating() const;

 private:
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  torch::nn::BatchNorm2d norm1_{nullptr}, norm2_{nullptr};
};
TORCH_MODULE(ResidualBlock);

// pvresnet's policy head, fully convolutional: a 1x1 convolution to `head_channels` features,
// then one logit per point from a second 1x1 convolution and, with a pass, a pass logit from
// those features averaged over the board. Its size does not grow with the board (the resnet's
// dense head has 2 * points * outputs weights: 261,000 on 19x19).
class ConvPolicyHeadImpl : public torch::nn::Module {
 public:
  ConvPolicyHeadImpl(int filters, int head_channels, bool with_pass);
  torch::Tensor forward(torch::Tensor features);  // [N, points (+ 1)]

 private:
  torch::nn::Conv2d features_{nullptr}, points_{nullptr};
  torch::nn::BatchNorm2d norm_{nullptr};
  torch::nn::Linear pass_{nullptr};
};
TORCH_MODULE(ConvPolicyHead);

// pvresnet's value head: a 1x1 convolution to `head_channels` features, their mean over the
// board, a hidden layer and one tanh unit.
class PooledValueHeadImpl : public torch::nn::Module {
 public:
  PooledValueHeadImpl(int filters, int head_channels, int hidden);
  torch::Tensor forward(torch::Tensor features);  // [N, 1]

 private:
  torch::nn::Conv2d features_{nullptr};
  torch::nn::BatchNorm2d norm_{nullptr};
  torch::nn::Linear hidden_{nullptr}, out_{nullptr};
};
TORCH_MODULE(PooledValueHead);

class PolicyValueNetImpl : public torch::nn::Module {
 public:
  explicit PolicyValueNetImpl(const NetworkSpec& spec);

  // x: [N, input_channels, H, W] floats. action: [N, action_input] one-hot, only for q nets.
  NetOutput forward(torch::Tensor x, torch::Tensor action = {});
  const NetworkSpec& spec() const { return spec_; }

 private:
  torch::Tensor forward_trunk(const torch::Tensor& x);

  NetworkSpec spec_;
  torch::nn::Sequential trunk_{nullptr};
  torch::nn::Sequential policy_{nullptr};
  torch::nn::Sequential value_features_{nullptr};  // up to the flatten, for conv value heads
  torch::nn::Sequential value_{nullptr};
  // pvresnet's heads, in place of policy_ and value_features_/value_.
  ConvPolicyHead conv_policy_{nullptr};
  PooledValueHead pooled_value_{nullptr};
};
TORCH_MODULE(PolicyValueNet);

// Number of trainable parameters.
std::int64_t parameter_count(torch::nn::Module& module);

}  // namespace dlgo::net
