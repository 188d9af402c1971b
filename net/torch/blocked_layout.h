// The residual tower's CPU path in oneDNN's blocked layout, for training and for batched
// inference (internal to net/: include only from net/*.cpp).
//
// Why: on the CPU the 3x3 convolutions are about 60% of a 6x64 resnet's training step, and
// libtorch runs them with oneDNN's direct algorithm, already near the processor's peak. oneDNN's
// Winograd algorithm (F(4x4, 3x3)) needs about half the time for the same convolution forward,
// backward-data and backward-weights, but only in its blocked layout, nChw16c: channels in
// blocks of 16 innermost. Reordering to and from it around every convolution costs most of the
// gain, so the whole tower stays blocked: the activations are torch tensors of shape
// [N, C/16, H, W, 16], the convolutions are oneDNN Winograd primitives, and batch norm, the
// residual add and ReLU are one fused operation on that layout. Parameters, optimizer state and
// agent files keep libtorch's usual layouts.
//
// At inference (a search's network evaluations) the same path pays from a batch of two boards
// up: on one core a 64-filter 19x19 convolution takes about 0.6x the time per board of the
// direct one at batches of 2-4, while at a batch of one the two are even and the direct one
// stays.
//
// Contract: every function here is differentiable with libtorch's autograd and matches the
// libtorch operations it replaces to float rounding (Winograd's transforms round differently
// from direct convolution; both are float32). blocked_tower_available() says whether this build
// and processor can run the path (oneDNN found at build time, a Winograd implementation for
// this CPU); the other functions throw std::runtime_error where it cannot.
#pragma once

#include <cstdint>
#include <string>

#include <torch/torch.h>

namespace dlgo::net {

// The CPU convolution algorithm for training the residual tower: "auto" (Winograd in the
// blocked layout where available and the channel count is a multiple of 16), "winograd" (the
// same, an error where unavailable) or "direct" (libtorch's own). Another text throws
// std::invalid_argument naming it. Process-wide; set it before training starts.
void set_cpu_convolution(const std::string& algorithm);
const std::string& cpu_convolution();

bool blocked_tower_available();

// Whether oneDNN has a Winograd convolution for this shape (a 3x3 convolution of `channels` to
// `channels` on a batch of n boards of height x width); creates and caches its primitives.
bool blocked_conv_supports(std::int64_t n, std::int64_t channels, std::int64_t height,
                           std::int64_t width);

// Whether a tower of `channels` filters trains blocked for inputs like `x` in the current
// setting (training mode is the caller's condition).
bool use_blocked_tower(const torch::Tensor& x, int channels);

// Whether the tower evaluates blocked in eval mode for inputs like `x` in the current setting:
// as use_blocked_tower, and a batch of at least two boards.
bool use_blocked_inference(const torch::Tensor& x, int channels);

// [N, C, H, W] (any memory format) <-> [N, C/16, H, W, 16]. from_blocked returns channels-last
// memory.
torch::Tensor to_blocked(const torch::Tensor& x);
torch::Tensor from_blocked(const torch::Tensor& blocked);

// A 3x3 convolution, stride 1, padding 1, no bias, of a blocked tensor with `weight`
// [out, in, 3, 3] (out and in multiples of 16), by Winograd.
torch::Tensor blocked_conv3x3(const torch::Tensor& x, const torch::Tensor& weight);

// relu(norm(x) [+ residual]) on blocked tensors, in training mode: batch statistics, the running
// statistics and batch count updated as BatchNorm2d does. `residual`, when defined, has x's
// shape.
torch::Tensor blocked_norm_add_relu(torch::nn::BatchNorm2dImpl& norm, const torch::Tensor& x,
                                    const torch::Tensor& residual = {});

// relu(norm(x) [+ residual]) on blocked tensors with the norm's running statistics, as
// BatchNorm2d in eval mode; no gradient. Safe from several threads at once.
torch::Tensor blocked_norm_add_relu_inference(const torch::nn::BatchNorm2dImpl& norm,
                                              const torch::Tensor& x,
                                              const torch::Tensor& residual = {});

// How many threads blocked_norm_add_relu's loops run on, given two slabs: 2 when libtorch has
// at least two threads. Only 1 if its file were built without the OpenMP flag, which leaves
// the norm on one thread while the convolutions use all of them.
int blocked_norm_loop_threads();

}  // namespace dlgo::net
