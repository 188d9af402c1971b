#include "net/torch/divergence.h"

#include <cmath>
#include <stdexcept>

namespace dlgo::net {

namespace {

constexpr const char* kHint = " (a lower --lr usually helps)";

}  // namespace

void stop_if_loss_diverged(double loss, int epoch, std::int64_t batch, const std::string& kept) {
  if (std::isfinite(loss)) return;
  throw std::runtime_error("training diverged: the loss of batch " + std::to_string(batch) +
                           " of epoch " + std::to_string(epoch) + " is " +
                           (std::isnan(loss) ? "NaN" : "infinite") + "; stopped, " + kept + kHint);
}

void stop_if_weights_diverged(torch::nn::Module& network, int epoch, const std::string& kept) {
  torch::NoGradGuard no_grad;
  for (const auto& item : network.named_parameters()) {
    if (torch::isfinite(item.value()).all().item<bool>()) continue;
    throw std::runtime_error("training diverged: after epoch " + std::to_string(epoch) +
                             " the weights " + item.key() +
                             " hold NaN or infinite values; stopped, " + kept + kHint);
  }
}

}  // namespace dlgo::net
