// The setting that picks the residual tower's CPU training path, and the layout conversions
// (blocked_layout.h).
#include "net/torch/blocked_layout.h"

#include <stdexcept>

namespace dlgo::net {

namespace {

std::string& setting() {
  static std::string algorithm = "auto";
  return algorithm;
}

}  // namespace

void set_cpu_convolution(const std::string& algorithm) {
  if (algorithm != "auto" && algorithm != "winograd" && algorithm != "direct") {
    throw std::invalid_argument("unknown CPU convolution '" + algorithm +
                                "' (expected auto, winograd or direct)");
  }
  if (algorithm == "winograd" && !blocked_tower_available()) {
    throw std::invalid_argument(
        "--cpu-conv winograd: this build or processor has no Winograd convolution (it needs "
        "oneDNN, Debian's libdnnl-dev, at build time and an AVX-512 processor)");
  }
  setting() = algorithm;
}

const std::string& cpu_convolution() {
  return setting();
}

bool use_blocked_tower(const torch::Tensor& x, int channels) {
  return setting() != "direct" && channels % 16 == 0 && x.device().is_cpu() &&
         x.scalar_type() == torch::kFloat && x.dim() == 4 && blocked_tower_available() &&
         blocked_conv_supports(x.size(0), channels, x.size(2), x.size(3));
}

bool use_blocked_inference(const torch::Tensor& x, int channels) {
  return x.dim() == 4 && x.size(0) >= 2 && use_blocked_tower(x, channels);
}

torch::Tensor to_blocked(const torch::Tensor& x) {
  // On channels-last input the reshape is a view and the one copy is the last step.
  const auto n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
  return x.reshape({n, c / 16, 16, h, w}).permute({0, 1, 3, 4, 2}).contiguous();
}

torch::Tensor from_blocked(const torch::Tensor& blocked) {
  // One copy, to [N, H, W, C/16, 16]; the rest are views, ending in channels-last [N, C, H, W].
  const auto n = blocked.size(0), h = blocked.size(2), w = blocked.size(3);
  return blocked.permute({0, 2, 3, 1, 4})
      .contiguous()
      .view({n, h, w, blocked.size(1) * 16})
      .permute({0, 3, 1, 2});
}

}  // namespace dlgo::net
