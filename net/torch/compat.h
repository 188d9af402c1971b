// The libtorch calls whose spelling differs between the releases dlgo builds against: Debian
// 12's libtorch 1.13, Debian 13's 2.6 and the 2.x inside current PyTorch wheels. Every version
// check lives here, so the rest of net/ is written once against one API.
//
// Contract: header-only; each function behaves the same on every supported release.
#pragma once

#include <ATen/autocast_mode.h>
#include <torch/version.h>

// True when the libtorch being compiled against is MAJOR.MINOR or newer.
#define DLGO_TORCH_AT_LEAST(major, minor) \
  (TORCH_VERSION_MAJOR > (major) ||       \
   (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))

namespace dlgo::net::compat {

// Turns bfloat16 autocast for CUDA on or off on this thread. libtorch 2.4 replaced the
// CUDA-only set_enabled/set_autocast_gpu_dtype with calls that name the device type.
inline void set_cuda_bf16_autocast(bool enabled) {
#if DLGO_TORCH_AT_LEAST(2, 4)
  if (enabled) at::autocast::set_autocast_dtype(at::kCUDA, at::kBFloat16);
  at::autocast::set_autocast_enabled(at::kCUDA, enabled);
#else
  if (enabled) at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
  at::autocast::set_enabled(enabled);
#endif
  if (!enabled) at::autocast::clear_cache();
}

}  // namespace dlgo::net::compat
