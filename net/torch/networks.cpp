#include "net/torch/networks.h"

#include "net/torch/blocked_layout.h"

namespace dlgo::net {

namespace nn = torch::nn;

namespace {

// Keras's ZeroPadding2D(k/2) followed by a 'valid' k x k convolution is a 'same' convolution.
nn::Conv2d same_conv(int in, int out, int kernel, bool bias = true) {
  return nn::Conv2d(nn::Conv2dOptions(in, out, kernel).padding(kernel / 2).bias(bias));
}

struct ConvLayer {
  int filters;
  int kernel;
};

// The book's convolutional stacks: (filters, kernel) per layer and the dense width on top.
struct BookStack {
  std::vector<ConvLayer> convs;
  int dense;
  bool leaky;
};

BookStack book_stack(const std::string& name) {
  if (name == "small") return {{{48, 7}, {32, 5}, {32, 5}, {32, 5}}, 512, false};
  if (name == "medium") return {{{64, 5}, {64, 5}, {64, 3}, {64, 3}, {64, 3}}, 512, false};
  if (name == "large") {
    return {{{64, 7}, {64, 5}, {64, 5}, {48, 5}, {48, 5}, {32, 5}, {32, 5}}, 1024, false};
  }
  return {{{64, 7}, {64, 5}, {64, 5}, {48, 5}, {48, 5}, {32, 5}, {32, 5}}, 1024, true};  // leaky
}

// Keras's LeakyReLU default slope is 0.3.
nn::LeakyReLU leaky_relu() {
  return nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.3));
}

// pvresnet's head widths: enough features for a pass logit and a board evaluation, few enough
// that the heads cost little next to the tower.
constexpr int kPvHeadChannels = 32;
constexpr int kPvValueHidden = 128;

// A dense value head on a feature vector: hidden layer, then one tanh unit.
nn::Sequential dense_value_head(int features) {
  return nn::Sequential(nn::Linear(features, 256), nn::ReLU(), nn::Linear(256, 1), nn::Tanh());
}

// The tower's first convolution. At inference libtorch 1.13 sends a batch of one board with
// few input planes (under 20,480 input values: 22 planes of 19x19 are 7,942) to its reference
// convolution, im2col and a BLAS product, about 2.5x slower on one core than the oneDNN one it
// uses for larger inputs; oneDNN computes the same convolution for any batch.
torch::Tensor stem_forward(nn::Conv2dImpl& conv, const torch::Tensor& x) {
  const auto* padding = c10::get_if<torch::ExpandingArray<2>>(&conv.options.padding());
  const bool zero_padding =
      c10::get_if<torch::enumtype::kZeros>(&conv.options.padding_mode()) != nullptr;
  if (conv.is_training() || !padding || !zero_padding || !at::hasMKLDNN() || !x.device().is_cpu() ||
      x.scalar_type() != torch::kFloat || !x.is_contiguous() || !conv.weight.is_contiguous()) {
    return conv.forward(x);
  }
  return torch::mkldnn_convolution(x, conv.weight, conv.bias, **padding, *conv.options.stride(),
                                   *conv.options.dilation(), conv.options.groups());
}

}  // namespace

ResidualBlockImpl::ResidualBlockImpl(int filters) {
  conv1_ = register_module("conv1", same_conv(filters, filters, 3, false));
  norm1_ = register_module("norm1", nn::BatchNorm2d(filters));
  conv2_ = register_module("conv2", same_conv(filters, filters, 3, false));
  norm2_ = register_module("norm2", nn::BatchNorm2d(filters));
}

torch::Tensor ResidualBlockImpl::forward(torch::Tensor x) {
  torch::Tensor y = torch::relu(norm1_(conv1_(x)));
  y = norm2_(conv2_(y));
  return torch::relu(x + y);
}

bool ResidualBlockImpl::norms_training() const {
  return norm1_->is_training() && norm2_->is_training();
}

bool ResidualBlockImpl::norms_evaluating() const {
  return !norm1_->is_training() && !norm2_->is_training();
}

torch::Tensor ResidualBlockImpl::forward_blocked(const torch::Tensor& x) {
  if (!norm1_->is_training()) {
    torch::Tensor y = blocked_norm_add_relu_inference(*norm1_, blocked_conv3x3(x, conv1_->weight));
    return blocked_norm_add_relu_inference(*norm2_, blocked_conv3x3(y, conv2_->weight), x);
  }
  torch::Tensor y = blocked_norm_add_relu(*norm1_, blocked_conv3x3(x, conv1_->weight));
  return blocked_norm_add_relu(*norm2_, blocked_conv3x3(y, conv2_->weight), x);
}

ConvPolicyHeadImpl::ConvPolicyHeadImpl(int filters, int head_channels, bool with_pass) {
  features_ = register_module("features",
                              nn::Conv2d(nn::Conv2dOptions(filters, head_channels, 1).bias(false)));
  norm_ = register_module("norm", nn::BatchNorm2d(head_channels));
  points_ = register_module("points", nn::Conv2d(nn::Conv2dOptions(head_channels, 1, 1)));
  if (with_pass) pass_ = register_module("pass", nn::Linear(head_channels, 1));
}

torch::Tensor ConvPolicyHeadImpl::forward(torch::Tensor features) {
  torch::Tensor h = torch::relu(norm_(features_(features)));
  torch::Tensor logits = points_(h).flatten(1);
  if (!pass_) return logits;
  return torch::cat({logits, pass_(h.mean({2, 3}))}, 1);
}

PooledValueHeadImpl::PooledValueHeadImpl(int filters, int head_channels, int hidden) {
  features_ = register_module("features",
                              nn::Conv2d(nn::Conv2dOptions(filters, head_channels, 1).bias(false)));
  norm_ = register_module("norm", nn::BatchNorm2d(head_channels));
  hidden_ = register_module("hidden", nn::Linear(head_channels, hidden));
  out_ = register_module("out", nn::Linear(hidden, 1));
}

torch::Tensor PooledValueHeadImpl::forward(torch::Tensor features) {
  torch::Tensor pooled = torch::relu(norm_(features_(features))).mean({2, 3});
  return torch::tanh(out_(torch::relu(hidden_(pooled))));
}

PolicyValueNetImpl::PolicyValueNetImpl(const NetworkSpec& spec) : spec_(spec) {
  spec_.validate();
  const int channels = spec.input_channels;
  const int height = spec.board_height, width = spec.board_width;
  const int points = height * width;
  const int action = spec.action_input;
  trunk_ = nn::Sequential();
  policy_ = nn::Sequential();
  value_features_ = nn::Sequential();
  value_ = nn::Sequential();

  if (spec.network == "resnet" || spec.network == "pvresnet") {
    trunk_->push_back(same_conv(channels, spec.filters, 3, false));
    trunk_->push_back(nn::BatchNorm2d(spec.filters));
    trunk_->push_back(nn::ReLU());
    for (int b = 0; b < spec.blocks; ++b) trunk_->push_back(ResidualBlock(spec.filters));
  }
  if (spec.network == "pvresnet") {
    conv_policy_ = ConvPolicyHead(spec.filters, kPvHeadChannels, spec.policy_outputs > points);
    pooled_value_ = PooledValueHead(spec.filters, kPvHeadChannels, kPvValueHidden);
  } else if (spec.network == "resnet") {
    policy_->push_back(nn::Conv2d(nn::Conv2dOptions(spec.filters, 2, 1).bias(false)));
    policy_->push_back(nn::BatchNorm2d(2));
    policy_->push_back(nn::ReLU());
    policy_->push_back(nn::Flatten());
    policy_->push_back(nn::Linear(2 * points, spec.policy_outputs));
    value_features_->push_back(nn::Conv2d(nn::Conv2dOptions(spec.filters, 1, 1).bias(false)));
    value_features_->push_back(nn::BatchNorm2d(1));
    value_features_->push_back(nn::ReLU());
    value_features_->push_back(nn::Flatten());
    value_ = dense_value_head(points + action);
  } else if (spec.network == "alphago") {
    const int filters = spec.filters == NetworkSpec{}.filters ? 192 : spec.filters;
    trunk_->push_back(same_conv(channels, filters, 5));
    trunk_->push_back(nn::ReLU());
    for (int i = 2; i < 12; ++i) {
      trunk_->push_back(same_conv(filters, filters, 3));
      trunk_->push_back(nn::ReLU());
    }
    policy_->push_back(nn::Conv2d(nn::Conv2dOptions(filters, 1, 1)));
    policy_->push_back(nn::Flatten());
    value_features_->push_back(same_conv(filters, filters, 3));
    value_features_->push_back(nn::ReLU());
    value_features_->push_back(nn::Conv2d(nn::Conv2dOptions(filters, 1, 1)));
    value_features_->push_back(nn::ReLU());
    value_features_->push_back(nn::Flatten());
    value_ = dense_value_head(points + action);
  } else if (spec.network == "fullyconnected") {
    // Keras applies Dense to the last axis of a (planes, rows, cols) input: the first two
    // layers mix columns within each row, then everything is flattened.
    trunk_->push_back(nn::Linear(width, 128));
    trunk_->push_back(nn::ReLU());
    trunk_->push_back(nn::Linear(128, 128));
    trunk_->push_back(nn::ReLU());
    trunk_->push_back(nn::Flatten());
    trunk_->push_back(nn::Linear(channels * height * 128, 128));
    trunk_->push_back(nn::ReLU());
    policy_->push_back(nn::Linear(128, spec.policy_outputs));
    value_ = dense_value_head(128 + action);
  } else {
    BookStack stack = book_stack(spec.network);
    int in = channels;
    for (const ConvLayer& layer : stack.convs) {
      trunk_->push_back(same_conv(in, layer.filters, layer.kernel));
      if (stack.leaky)
        trunk_->push_back(leaky_relu());
      else
        trunk_->push_back(nn::ReLU());
      in = layer.filters;
    }
    trunk_->push_back(nn::Flatten());
    trunk_->push_back(nn::Linear(in * points, stack.dense));
    if (stack.leaky)
      trunk_->push_back(leaky_relu());
    else
      trunk_->push_back(nn::ReLU());
    policy_->push_back(nn::Linear(stack.dense, spec.policy_outputs));
    value_ = dense_value_head(stack.dense + action);
  }
  register_module("trunk", trunk_);
  if (conv_policy_) {
    register_module("policy", conv_policy_);
    if (spec.value_head) register_module("value", pooled_value_);
    return;
  }
  register_module("policy", policy_);
  if (spec.value_head) {
    if (!value_features_->is_empty()) register_module("value_features", value_features_);
    register_module("value", value_);
  }
}

torch::Tensor PolicyValueNetImpl::forward_trunk(const torch::Tensor& x) {
  // On the CPU the residual blocks run in the blocked layout (blocked_layout.h) in training and
  // at inference on batches of two boards or more: converted once before the first block and
  // once after the last. Training needs every norm training (the fused kernel computes batch
  // statistics); inference every norm evaluating and no gradient (its kernel has none). A mix,
  // such as training with frozen batch norms (RL from experience), runs libtorch's modules.
  const bool tower = spec_.network == "resnet" || spec_.network == "pvresnet";
  if (!tower) return trunk_->forward(x);
  bool norms_training = true, norms_evaluating = true;
  for (auto& module : *trunk_) {
    if (auto* block = module.ptr()->as<ResidualBlockImpl>()) {
      norms_training = norms_training && block->norms_training();
      norms_evaluating = norms_evaluating && block->norms_evaluating();
    }
  }
  bool blocked = false;
  if (norms_training) {
    blocked = use_blocked_tower(x, spec_.filters);
  } else if (norms_evaluating && !torch::GradMode::is_enabled()) {
    blocked = use_blocked_inference(x, spec_.filters);
  }
  torch::Tensor h = x;
  bool in_blocks = false, first = true;
  for (auto& module : *trunk_) {
    if (auto* block = module.ptr()->as<ResidualBlockImpl>(); block && blocked) {
      if (!in_blocks) h = to_blocked(h);
      in_blocks = true;
      h = block->forward_blocked(h);
    } else if (auto* conv = module.ptr()->as<nn::Conv2dImpl>(); conv && first) {
      h = stem_forward(*conv, h);
    } else {
      h = module.forward(h);
    }
    first = false;
  }
  return in_blocks ? from_blocked(h) : h;
}

NetOutput PolicyValueNetImpl::forward(torch::Tensor x, torch::Tensor action) {
  NetOutput out;
  torch::Tensor features = forward_trunk(x);
  if (conv_policy_) {
    out.policy_logits = conv_policy_(features);
    if (spec_.value_head) out.value = pooled_value_(features).squeeze(1);
    return out;
  }
  out.policy_logits = policy_->forward(features);
  if (spec_.value_head) {
    torch::Tensor value_input =
        value_features_->is_empty() ? features : value_features_->forward(features);
    if (spec_.action_input > 0) value_input = torch::cat({value_input, action}, 1);
    out.value = value_->forward(value_input).squeeze(1);
  }
  return out;
}

std::int64_t parameter_count(torch::nn::Module& module) {
  std::int64_t count = 0;
  for (const auto& parameter : module.parameters()) count += parameter.numel();
  return count;
}

}  // namespace dlgo::net
