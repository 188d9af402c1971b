// Tensor layouts for convolutions on the CPU (internal to net/: include only from net/*.cpp).
//
// libtorch runs CPU convolutions with oneDNN, whose kernels work on channels-last data. Given
// the default NCHW tensors, every convolution reorders its input, output and gradients to and
// from that layout, which on a 6x64 resnet costs about a quarter of a training step; with the
// network's 4-D weights and its inputs in channels-last memory the reorders go away. Shapes,
// indexing and results stay the same: only the order of the numbers in memory changes, and
// agent files store weights in NCHW order whatever the layout in memory.
//
// Contract: call to_channels_last() before an optimizer is built over the module (its state
// then follows the parameters' layout); both functions are pure otherwise.
#pragma once

#include <string>

#include <torch/torch.h>

namespace dlgo::net {

// "auto" (channels-last on the CPU, NCHW elsewhere: cuDNN's fp32 kernels do not gain from it),
// "channels-last" or "contiguous". Another text throws std::invalid_argument naming it.
bool use_channels_last(const std::string& memory_format, const torch::Device& device);

// Puts the module's 4-D parameters and buffers in channels-last memory.
void to_channels_last(torch::nn::Module& module);

// A batch of inputs [N, C, H, W] in channels-last memory (a copy unless already so).
torch::Tensor channels_last_input(const torch::Tensor& inputs);

}  // namespace dlgo::net
