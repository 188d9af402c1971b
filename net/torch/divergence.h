// Stopping a training run that diverged (internal to net/): once the loss or the weights turn
// NaN or infinite, every later step and every file written would carry them, and an agent
// file with such weights is refused on load anyway.
//
// Contract: pure functions, safe from any thread. They throw std::runtime_error with a
// one-line message: what diverged, where (epoch and batch), then `kept`, the caller's words
// for what is left of the run (e.g. "nothing was written" or its last checkpoint), and a hint.
#pragma once

#include <cstdint>
#include <string>

#include <torch/torch.h>

namespace dlgo::net {

// `loss` is one batch's mean loss; `batch` counts from 1 within the epoch.
void stop_if_loss_diverged(double loss, int epoch, std::int64_t batch, const std::string& kept);

// Checks every parameter of `network`, e.g. before writing a checkpoint of `epoch`: the last
// step's loss can be finite while the step itself overflowed the weights.
void stop_if_weights_diverged(torch::nn::Module& network, int epoch, const std::string& kept);

}  // namespace dlgo::net
