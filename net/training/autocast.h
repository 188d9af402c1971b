// bfloat16 autocast on CUDA for the lifetime of a scope: what `dlgo-train --amp` and
// `dlgo-bench train-step --amp` wrap around each forward pass.
//
// Contract: with `enabled` false the scope does nothing; with true, CUDA operations on this
// thread run under bfloat16 autocast until the scope ends (libtorch's autocast state is
// thread-local). Not copyable.
#pragma once

#include "net/torch/compat.h"

namespace dlgo::net {

class AutocastScope {
 public:
  explicit AutocastScope(bool enabled) : enabled_(enabled) {
    if (enabled_) compat::set_cuda_bf16_autocast(true);
  }
  ~AutocastScope() {
    if (enabled_) compat::set_cuda_bf16_autocast(false);
  }
  AutocastScope(const AutocastScope&) = delete;
  AutocastScope& operator=(const AutocastScope&) = delete;

 private:
  bool enabled_;
};

}  // namespace dlgo::net
