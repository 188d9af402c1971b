// blocked_norm_add_relu: batch norm, the residual add and ReLU fused, on blocked tensors
// (blocked_layout.h). The forward is two passes over the data (statistics; then normalise, add
// and clamp), the backward two (per-channel sums; then the input gradient, which is an affine
// function of the output gradient and the input per channel). At inference the running
// statistics make the norm one affine map per channel: one pass, no autograd.
#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <mutex>
#include <set>
#include <stdexcept>
#include <vector>

#include "net/torch/blocked_layout.h"

namespace dlgo::net {

namespace {

using torch::Tensor;
using torch::autograd::AutogradContext;
using torch::autograd::tensor_list;

constexpr std::int64_t kBlock = 16;  // channels per block of the layout

// The kernels work on one slab of a blocked tensor: `rows` (H*W) rows of kBlock kBlock, the
// per-channel arrays pointing at the slab's 16 kBlock. Each is compiled for
// AVX-512, AVX2 and plain x86-64, and the processor picks at load time: the build stays
// portable and the development machine's AVX-512 is still used.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(__SANITIZE_ADDRESS__)
#define DLGO_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define DLGO_VECTOR_CLONES
#endif

// Per-channel sums run in float over blocks of this many rows, then go into double totals: the
// float sums vectorise, and over 128 rows their rounding stays far below what batch norm needs.
constexpr std::int64_t kBlockRows = 128;

// The kernels' loops load every operand unconditionally and select afterwards, so that they
// vectorise (a conditional load does not), and take __restrict pointers, so that the compiler
// need not guard against overlaps.
#define DLGO_INLINE inline __attribute__((always_inline))

DLGO_INLINE void block_moments(const float* __restrict x, std::int64_t rows, float* __restrict sum,
                               float* __restrict square) {
  for (std::int64_t c = 0; c < kBlock; ++c) sum[c] = square[c] = 0.0f;
  for (std::int64_t r = 0; r < rows; ++r) {
    const float* __restrict row = x + r * kBlock;
    for (std::int64_t c = 0; c < kBlock; ++c) {
      const float v = row[c];
      sum[c] += v;
      square[c] += v * v;
    }
  }
}

DLGO_INLINE void block_gradient_moments(const float* __restrict dy, const float* __restrict y,
                                        const float* __restrict x, std::int64_t rows,
                                        float* __restrict sum, float* __restrict cross) {
  for (std::int64_t c = 0; c < kBlock; ++c) sum[c] = cross[c] = 0.0f;
  for (std::int64_t r = 0; r < rows; ++r) {
    const std::int64_t i = r * kBlock;
    for (std::int64_t c = 0; c < kBlock; ++c) {
      const float d = dy[i + c];
      const float g = y[i + c] > 0.0f ? d : 0.0f;
      sum[c] += g;
      cross[c] += g * x[i + c];
    }
  }
}

// sum[c] += x, square[c] += x * x over the rows.
DLGO_VECTOR_CLONES
void add_channel_moments(const float* x, std::int64_t rows, double* sum, double* square) {
  float block[2 * kBlock];
  for (std::int64_t r = 0; r < rows; r += kBlockRows) {
    block_moments(x + r * kBlock, std::min(kBlockRows, rows - r), block, block + kBlock);
    for (std::int64_t c = 0; c < kBlock; ++c) {
      sum[c] += block[c];
      square[c] += block[kBlock + c];
    }
  }
}

// y = max(0, x * scale + shift [+ residual]).
DLGO_VECTOR_CLONES
void normalise_add_clamp(const float* __restrict x, const float* __restrict residual,
                         float* __restrict y, std::int64_t rows, const float* __restrict scale,
                         const float* __restrict shift) {
  if (residual) {
    for (std::int64_t i = 0; i < rows * kBlock; i += kBlock) {
      for (std::int64_t c = 0; c < kBlock; ++c) {
        y[i + c] = std::max(0.0f, x[i + c] * scale[c] + shift[c] + residual[i + c]);
      }
    }
  } else {
    for (std::int64_t i = 0; i < rows * kBlock; i += kBlock) {
      for (std::int64_t c = 0; c < kBlock; ++c) {
        y[i + c] = std::max(0.0f, x[i + c] * scale[c] + shift[c]);
      }
    }
  }
}

// With g = (y > 0 ? dy : 0), the gradient reaching the normalised sum: sum[c] += g,
// cross[c] += g * x.
DLGO_VECTOR_CLONES
void add_gradient_moments(const float* dy, const float* y, const float* x, std::int64_t rows,
                          double* sum, double* cross) {
  float block[2 * kBlock];
  for (std::int64_t r = 0; r < rows; r += kBlockRows) {
    const std::int64_t offset = r * kBlock;
    block_gradient_moments(dy + offset, y + offset, x + offset, std::min(kBlockRows, rows - r),
                           block, block + kBlock);
    for (std::int64_t c = 0; c < kBlock; ++c) {
      sum[c] += block[c];
      cross[c] += block[kBlock + c];
    }
  }
}

// dx = a[c] * g + b[c] * x + d[c]; dresidual = g (when asked for).
DLGO_VECTOR_CLONES
void input_gradient(const float* __restrict dy, const float* __restrict y,
                    const float* __restrict x, float* __restrict dx, float* __restrict dresidual,
                    std::int64_t rows, const float* __restrict a, const float* __restrict b,
                    const float* __restrict d) {
  for (std::int64_t i = 0; i < rows * kBlock; i += kBlock) {
    for (std::int64_t c = 0; c < kBlock; ++c) {
      const float up = dy[i + c];
      const float g = y[i + c] > 0.0f ? up : 0.0f;
      dx[i + c] = a[c] * g + b[c] * x[i + c] + d[c];
    }
    if (dresidual) {
      for (std::int64_t c = 0; c < kBlock; ++c) {
        const float up = dy[i + c];
        dresidual[i + c] = y[i + c] > 0.0f ? up : 0.0f;
      }
    }
  }
}

// A blocked tensor [N, C/16, H, W, 16] is N * C/16 slabs of H*W rows of 16 channels; slab s
// holds channels (s mod C/16) * 16 onwards.
struct Slabs {
  std::int64_t count, rows, channel_blocks;
  explicit Slabs(const Tensor& x)
      : count(x.size(0) * x.size(1)), rows(x.size(2) * x.size(3)), channel_blocks(x.size(1)) {}
  std::int64_t size() const { return rows * kBlock; }
  std::int64_t first_channel(std::int64_t slab) const { return (slab % channel_blocks) * kBlock; }
};

// Two per-channel sums over every slab, in parallel, into double totals of C channels.
template <typename Accumulate>
void reduce_slabs(const Slabs& slabs, std::vector<double>& first, std::vector<double>& second,
                  Accumulate accumulate) {
  const std::size_t channels = static_cast<std::size_t>(slabs.channel_blocks * kBlock);
  first.assign(channels, 0.0);
  second.assign(channels, 0.0);
  std::mutex mutex;
  at::parallel_for(0, slabs.count, 1, [&](std::int64_t begin, std::int64_t end) {
    std::vector<double> a(channels, 0.0), b(channels, 0.0);
    for (std::int64_t s = begin; s < end; ++s) {
      const std::int64_t c = slabs.first_channel(s);
      accumulate(s * slabs.size(), a.data() + c, b.data() + c);
    }
    std::lock_guard<std::mutex> lock(mutex);
    for (std::size_t c = 0; c < channels; ++c) {
      first[c] += a[c];
      second[c] += b[c];
    }
  });
}

Tensor channel_vector(const std::vector<double>& values) {
  Tensor out = torch::empty({static_cast<std::int64_t>(values.size())}, torch::kFloat);
  float* data = out.data_ptr<float>();
  for (std::size_t c = 0; c < values.size(); ++c) data[c] = static_cast<float>(values[c]);
  return out;
}

class BlockedNormAddReluFunction : public torch::autograd::Function<BlockedNormAddReluFunction> {
 public:
  // running_mean and running_var are updated in place; momentum and eps as in BatchNorm2d.
  // Without a residual, `residual` is an empty tensor (autograd functions take no undefined
  // inputs).
  static Tensor forward(AutogradContext* ctx, Tensor x, Tensor weight, Tensor bias, Tensor residual,
                        Tensor running_mean, Tensor running_var, double momentum, double eps) {
    const Slabs slabs(x);
    const std::int64_t channels = slabs.channel_blocks * kBlock;
    const float* in = x.data_ptr<float>();
    std::vector<double> sum, square;
    reduce_slabs(slabs, sum, square, [&](std::int64_t offset, double* s, double* q) {
      add_channel_moments(in + offset, slabs.rows, s, q);
    });

    Tensor weight_values = weight.detach().to(torch::kFloat).contiguous();
    Tensor bias_values = bias.detach().to(torch::kFloat).contiguous();
    const float* w = weight_values.data_ptr<float>();
    const float* beta = bias_values.data_ptr<float>();
    std::vector<double> mean(channels), inverse_std(channels), unbiased(channels);
    std::vector<float> scale(channels), shift(channels);
    const double n = static_cast<double>(slabs.rows * x.size(0));
    for (std::int64_t c = 0; c < channels; ++c) {
      mean[c] = sum[c] / n;
      const double variance = std::max(0.0, square[c] / n - mean[c] * mean[c]);
      inverse_std[c] = 1.0 / std::sqrt(variance + eps);
      unbiased[c] = variance * n / (n - 1.0);
      scale[c] = static_cast<float>(w[c] * inverse_std[c]);
      shift[c] = static_cast<float>(beta[c] - mean[c] * w[c] * inverse_std[c]);
    }
    {
      torch::NoGradGuard no_grad;
      running_mean.mul_(1.0 - momentum)
          .add_(channel_vector(mean).to(running_mean.dtype()), momentum);
      running_var.mul_(1.0 - momentum)
          .add_(channel_vector(unbiased).to(running_var.dtype()), momentum);
    }

    Tensor y = torch::empty_like(x);
    float* out = y.data_ptr<float>();
    const bool has_residual = residual.numel() > 0;
    const float* add = has_residual ? residual.data_ptr<float>() : nullptr;
    at::parallel_for(0, slabs.count, 1, [&](std::int64_t begin, std::int64_t end) {
      for (std::int64_t s = begin; s < end; ++s) {
        const std::int64_t offset = s * slabs.size(), c = slabs.first_channel(s);
        normalise_add_clamp(in + offset, add ? add + offset : nullptr, out + offset, slabs.rows,
                            scale.data() + c, shift.data() + c);
      }
    });

    ctx->save_for_backward(
        {x, y, weight_values, channel_vector(mean), channel_vector(inverse_std)});
    ctx->saved_data["residual"] = has_residual;
    ctx->saved_data["weight_dtype"] = static_cast<std::int64_t>(weight.scalar_type());
    return y;
  }

  static tensor_list backward(AutogradContext* ctx, tensor_list grad_outputs) {
    const tensor_list saved = ctx->get_saved_variables();
    const Tensor& x = saved[0];
    const Tensor& y = saved[1];
    const float* w = saved[2].data_ptr<float>();
    const float* mean = saved[3].data_ptr<float>();
    const float* inverse_std = saved[4].data_ptr<float>();
    const bool has_residual = ctx->saved_data["residual"].toBool();
    const auto weight_dtype =
        static_cast<torch::ScalarType>(ctx->saved_data["weight_dtype"].toInt());

    const Tensor dy = grad_outputs[0].contiguous();
    const Slabs slabs(x);
    const std::int64_t channels = slabs.channel_blocks * kBlock;
    const float* grad = dy.data_ptr<float>();
    const float* out = y.data_ptr<float>();
    const float* in = x.data_ptr<float>();
    std::vector<double> sum, cross;
    reduce_slabs(slabs, sum, cross, [&](std::int64_t offset, double* s, double* g) {
      add_gradient_moments(grad + offset, out + offset, in + offset, slabs.rows, s, g);
    });

    // With x^ = (x - mean) * inverse_std: dbias = sum g, dweight = sum g x^, and
    // dx = weight * inverse_std * (g - sum g / n - x^ sum(g x^) / n), affine in g and x.
    const double n = static_cast<double>(slabs.rows * x.size(0));
    std::vector<double> grad_weight(channels);
    std::vector<float> a(channels), b(channels), d(channels);
    for (std::int64_t c = 0; c < channels; ++c) {
      const double k = static_cast<double>(w[c]) * inverse_std[c];
      const double g_xhat = inverse_std[c] * (cross[c] - mean[c] * sum[c]);
      grad_weight[c] = g_xhat;
      a[c] = static_cast<float>(k);
      b[c] = static_cast<float>(-k * inverse_std[c] * g_xhat / n);
      d[c] = static_cast<float>(k * (inverse_std[c] * g_xhat * mean[c] - sum[c]) / n);
    }
    Tensor dx = torch::empty_like(x);
    Tensor dresidual = has_residual ? torch::empty_like(x) : Tensor();
    float* dx_data = dx.data_ptr<float>();
    float* dresidual_data = has_residual ? dresidual.data_ptr<float>() : nullptr;
    at::parallel_for(0, slabs.count, 1, [&](std::int64_t begin, std::int64_t end) {
      for (std::int64_t s = begin; s < end; ++s) {
        const std::int64_t offset = s * slabs.size(), c = slabs.first_channel(s);
        input_gradient(grad + offset, out + offset, in + offset, dx_data + offset,
                       dresidual_data ? dresidual_data + offset : nullptr, slabs.rows, a.data() + c,
                       b.data() + c, d.data() + c);
      }
    });
    return {dx,
            channel_vector(grad_weight).to(weight_dtype),
            channel_vector(sum).to(weight_dtype),
            dresidual,
            Tensor(),
            Tensor(),
            Tensor(),
            Tensor()};
  }
};

}  // namespace

int blocked_norm_loop_threads() {
  std::mutex mutex;
  std::set<int> threads;
  at::parallel_for(0, 2, 1, [&](std::int64_t, std::int64_t) {
    std::lock_guard<std::mutex> lock(mutex);
    threads.insert(at::get_thread_num());
  });
  return static_cast<int>(threads.size());
}

Tensor blocked_norm_add_relu(torch::nn::BatchNorm2dImpl& norm, const Tensor& x,
                             const Tensor& residual) {
  const auto& options = norm.options;
  if (!norm.is_training() || !options.affine() || !options.track_running_stats() ||
      !options.momentum().has_value()) {
    throw std::runtime_error(
        "blocked_norm_add_relu: needs an affine batch norm in training "
        "mode with running statistics and a momentum");
  }
  if (x.dim() != 5 || x.size(4) != kBlock || x.size(1) * kBlock != options.num_features() ||
      x.scalar_type() != torch::kFloat || !x.device().is_cpu() || !x.is_contiguous() ||
      x.size(0) * x.size(2) * x.size(3) < 2 ||
      (residual.defined() && (residual.sizes() != x.sizes() || !residual.is_contiguous() ||
                              residual.scalar_type() != torch::kFloat))) {
    throw std::runtime_error(
        "blocked_norm_add_relu: expected contiguous float [N, C/16, H, W, "
        "16] CPU tensors of the norm's C channels, more than one value each");
  }
  {
    torch::NoGradGuard no_grad;
    norm.num_batches_tracked += 1;
  }
  return BlockedNormAddReluFunction::apply(
      x, norm.weight, norm.bias, residual.defined() ? residual : torch::empty({0}),
      norm.running_mean, norm.running_var, *options.momentum(), options.eps());
}

Tensor blocked_norm_add_relu_inference(const torch::nn::BatchNorm2dImpl& norm, const Tensor& x,
                                       const Tensor& residual) {
  const auto& options = norm.options;
  if (!options.affine() || !options.track_running_stats()) {
    throw std::runtime_error(
        "blocked_norm_add_relu_inference: needs an affine batch norm with running statistics");
  }
  if (x.dim() != 5 || x.size(4) != kBlock || x.size(1) * kBlock != options.num_features() ||
      x.scalar_type() != torch::kFloat || !x.device().is_cpu() || !x.is_contiguous() ||
      (residual.defined() && (residual.sizes() != x.sizes() || !residual.is_contiguous() ||
                              residual.scalar_type() != torch::kFloat))) {
    throw std::runtime_error(
        "blocked_norm_add_relu_inference: expected contiguous float [N, C/16, H, W, 16] CPU "
        "tensors of the norm's C channels");
  }
  torch::NoGradGuard no_grad;
  // scale = weight / sqrt(var + eps), shift = bias - mean * scale, as BatchNorm2d in eval().
  const Tensor scale_values =
      (norm.weight / torch::sqrt(norm.running_var + options.eps())).to(torch::kFloat).contiguous();
  const Tensor shift_values =
      (norm.bias - norm.running_mean * scale_values).to(torch::kFloat).contiguous();
  const float* scale = scale_values.data_ptr<float>();
  const float* shift = shift_values.data_ptr<float>();
  const Slabs slabs(x);
  Tensor y = torch::empty_like(x);
  const float* in = x.data_ptr<float>();
  const float* add = residual.defined() ? residual.data_ptr<float>() : nullptr;
  float* out = y.data_ptr<float>();
  at::parallel_for(0, slabs.count, 1, [&](std::int64_t begin, std::int64_t end) {
    for (std::int64_t s = begin; s < end; ++s) {
      const std::int64_t offset = s * slabs.size(), c = slabs.first_channel(s);
      normalise_add_clamp(in + offset, add ? add + offset : nullptr, out + offset, slabs.rows,
                          scale + c, shift + c);
    }
  });
  return y;
}

}  // namespace dlgo::net
