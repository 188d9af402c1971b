// Choosing the torch device from a user's --device text (internal to net/).
//
// Contract: pure apart from querying CUDA; safe from any thread.
#pragma once

#include <string>

#include <torch/torch.h>

namespace dlgo::net {

// "auto" (CUDA when present, else CPU), "cpu", "cuda", "cuda:N". Asking for CUDA where there
// is none throws std::runtime_error saying so.
torch::Device resolve_device(const std::string& text);

}  // namespace dlgo::net
