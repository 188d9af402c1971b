// blocked_conv3x3 and blocked_tower_available: oneDNN's Winograd convolution on torch tensors in
// the blocked layout (blocked_layout.h).
#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "net/torch/blocked_layout.h"

#ifdef DLGO_WITH_DNNL
#include <oneapi/dnnl/dnnl.hpp>
#endif

namespace dlgo::net {

#ifdef DLGO_WITH_DNNL

namespace {

using torch::Tensor;
using torch::autograd::AutogradContext;
using torch::autograd::tensor_list;
using tag = dnnl::memory::format_tag;

dnnl::engine& cpu_engine() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

// The primitives of one convolution shape, made once (oneDNN generates their code at creation)
// and kept for the process. The scratchpad (oneDNN's "user" mode) is ours: one per thread and
// shape, kept from run to run, so the Winograd transforms' buffers, megabytes at a training
// batch, are not allocated and freed around every convolution, and runs of one shape on several
// threads (a server's games, a match's workers) need no lock: a primitive may run on many
// threads at once when each brings its own scratchpad.
struct ConvPrimitives {
  dnnl::convolution_forward::primitive_desc forward_desc;
  dnnl::convolution_backward_data::primitive_desc backward_data_desc;
  dnnl::convolution_backward_weights::primitive_desc backward_weights_desc;
  dnnl::convolution_forward forward;
  dnnl::convolution_backward_data backward_data;
  dnnl::convolution_backward_weights backward_weights;
  dnnl::memory::desc plain_weights;  // OIHW, as libtorch holds them

  // The scratchpad argument for a run, on this thread, of the primitive described by `desc`.
  template <typename PrimitiveDesc>
  std::pair<int, dnnl::memory> scratchpad_for(const PrimitiveDesc& desc) const {
    return {DNNL_ARG_SCRATCHPAD,
            dnnl::memory(desc.scratchpad_desc(), cpu_engine(), thread_scratchpad())};
  }

  // This thread's scratchpad for these primitives, big enough for any of the three. Not in the
  // template above: each of its instantiations would keep a map (and a scratchpad) of its own.
  void* thread_scratchpad() const {
    // Primitives are never destroyed, so their addresses name them for the thread's lifetime.
    thread_local std::map<const ConvPrimitives*, Tensor> scratchpads;
    Tensor& scratchpad = scratchpads[this];
    if (!scratchpad.defined()) {
      const std::size_t bytes =
          std::max({forward_desc.scratchpad_desc().get_size(),
                    backward_data_desc.scratchpad_desc().get_size(),
                    backward_weights_desc.scratchpad_desc().get_size(), std::size_t{1}});
      scratchpad = torch::empty({static_cast<std::int64_t>(bytes)}, torch::kByte);
    }
    return scratchpad.data_ptr();
  }
};

using ShapeKey = std::tuple<std::int64_t, std::int64_t, std::int64_t, std::int64_t, std::int64_t>;

std::shared_ptr<ConvPrimitives> make_primitives(const ShapeKey& key) {
  const auto [n, in, out, h, w] = key;
  using dt = dnnl::memory::data_type;
  dnnl::memory::desc src({n, in, h, w}, dt::f32, tag::nChw16c);
  dnnl::memory::desc dst({n, out, h, w}, dt::f32, tag::nChw16c);
  dnnl::memory::desc weights({out, in, 3, 3}, dt::f32, tag::any);
  const dnnl::memory::dims strides = {1, 1}, padding = {1, 1};
  const auto winograd = dnnl::algorithm::convolution_winograd;
  dnnl::engine& engine = cpu_engine();
  dnnl::primitive_attr attributes;
  attributes.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  dnnl::convolution_forward::primitive_desc forward_desc(
      dnnl::convolution_forward::desc(dnnl::prop_kind::forward_training, winograd, src, weights,
                                      dst, strides, padding, padding),
      attributes, engine);
  dnnl::convolution_backward_data::primitive_desc data_desc(
      dnnl::convolution_backward_data::desc(winograd, src, weights, dst, strides, padding, padding),
      attributes, engine, forward_desc);
  dnnl::convolution_backward_weights::primitive_desc weights_desc(
      dnnl::convolution_backward_weights::desc(winograd, src, weights, dst, strides, padding,
                                               padding),
      attributes, engine, forward_desc);
  auto primitives = std::make_shared<ConvPrimitives>();
  primitives->forward_desc = forward_desc;
  primitives->backward_data_desc = data_desc;
  primitives->backward_weights_desc = weights_desc;
  primitives->forward = dnnl::convolution_forward(forward_desc);
  primitives->backward_data = dnnl::convolution_backward_data(data_desc);
  primitives->backward_weights = dnnl::convolution_backward_weights(weights_desc);
  primitives->plain_weights = dnnl::memory::desc({out, in, 3, 3}, dt::f32, tag::oihw);
  return primitives;
}

std::shared_ptr<ConvPrimitives> primitives_for(const ShapeKey& key) {
  static std::mutex mutex;
  static std::map<ShapeKey, std::shared_ptr<ConvPrimitives>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto found = cache.find(key);
  if (found != cache.end()) return found->second;
  auto made = make_primitives(key);
  cache.emplace(key, made);
  return made;
}

// oneDNN memory over a torch tensor's storage (which must outlive it).
dnnl::memory wrap(const dnnl::memory::desc& desc, const Tensor& tensor) {
  return dnnl::memory(desc, cpu_engine(), tensor.data_ptr<float>());
}

// `weight` (OIHW logically, any memory format) reordered into `desc`, in a torch buffer.
Tensor reorder_weights(const ConvPrimitives& p, const Tensor& weight,
                       const dnnl::memory::desc& desc, dnnl::stream& stream) {
  Tensor plain = weight.detach().contiguous();
  Tensor buffer =
      torch::empty({static_cast<std::int64_t>(desc.get_size() / sizeof(float))}, torch::kFloat);
  dnnl::memory from = wrap(p.plain_weights, plain), to = wrap(desc, buffer);
  dnnl::reorder(from, to).execute(stream, from, to);
  return buffer;
}

ShapeKey key_of(const Tensor& x, const Tensor& weight) {
  return ShapeKey{x.size(0), weight.size(1), weight.size(0), x.size(2), x.size(3)};
}

class BlockedConvFunction : public torch::autograd::Function<BlockedConvFunction> {
 public:
  static Tensor forward(AutogradContext* ctx, Tensor x, Tensor weight) {
    auto p = primitives_for(key_of(x, weight));
    Tensor input = x.contiguous();
    Tensor out =
        torch::empty({x.size(0), weight.size(0) / 16, x.size(2), x.size(3), 16}, torch::kFloat);
    {
      dnnl::stream stream(cpu_engine());
      Tensor w = reorder_weights(*p, weight, p->forward_desc.weights_desc(), stream);
      p->forward.execute(stream, {{DNNL_ARG_SRC, wrap(p->forward_desc.src_desc(), input)},
                                  {DNNL_ARG_WEIGHTS, wrap(p->forward_desc.weights_desc(), w)},
                                  {DNNL_ARG_DST, wrap(p->forward_desc.dst_desc(), out)},
                                  p->scratchpad_for(p->forward_desc)});
      stream.wait();
    }
    ctx->save_for_backward({input, weight});
    return out;
  }

  static tensor_list backward(AutogradContext* ctx, tensor_list grad_outputs) {
    const tensor_list saved = ctx->get_saved_variables();
    const Tensor& input = saved[0];
    const Tensor& weight = saved[1];
    auto p = primitives_for(key_of(input, weight));
    Tensor grad = grad_outputs[0].contiguous();
    Tensor grad_input = torch::empty_like(input);
    Tensor grad_weight = torch::empty({weight.size(0), weight.size(1), 3, 3}, torch::kFloat);
    {
      dnnl::stream stream(cpu_engine());
      const auto& data = p->backward_data_desc;
      Tensor w = reorder_weights(*p, weight, data.weights_desc(), stream);
      p->backward_data.execute(stream, {{DNNL_ARG_DIFF_DST, wrap(data.diff_dst_desc(), grad)},
                                        {DNNL_ARG_WEIGHTS, wrap(data.weights_desc(), w)},
                                        {DNNL_ARG_DIFF_SRC, wrap(data.diff_src_desc(), grad_input)},
                                        p->scratchpad_for(data)});
      const auto& weights = p->backward_weights_desc;
      Tensor blocked_grad_weight = torch::empty(
          {static_cast<std::int64_t>(weights.diff_weights_desc().get_size() / sizeof(float))},
          torch::kFloat);
      dnnl::memory diff_weights = wrap(weights.diff_weights_desc(), blocked_grad_weight);
      p->backward_weights.execute(stream, {{DNNL_ARG_SRC, wrap(weights.src_desc(), input)},
                                           {DNNL_ARG_DIFF_DST, wrap(weights.diff_dst_desc(), grad)},
                                           {DNNL_ARG_DIFF_WEIGHTS, diff_weights},
                                           p->scratchpad_for(weights)});
      dnnl::memory plain = wrap(p->plain_weights, grad_weight);
      dnnl::reorder(diff_weights, plain).execute(stream, diff_weights, plain);
      stream.wait();
    }
    return {grad_input, grad_weight.contiguous(weight.suggest_memory_format())};
  }
};

}  // namespace

bool blocked_tower_available() {
  static const bool available = [] {
    try {
      // A Winograd implementation exists for this processor (oneDNN has one for AVX-512).
      auto p = make_primitives(ShapeKey{2, 16, 16, 5, 5});
      return p != nullptr;
    } catch (const dnnl::error&) {
      return false;
    }
  }();
  return available;
}

bool blocked_conv_supports(std::int64_t n, std::int64_t channels, std::int64_t height,
                           std::int64_t width) {
  if (!blocked_tower_available()) return false;
  try {
    return primitives_for(ShapeKey{n, channels, channels, height, width}) != nullptr;
  } catch (const dnnl::error&) {
    return false;
  }
}

torch::Tensor blocked_conv3x3(const torch::Tensor& x, const torch::Tensor& weight) {
  if (!blocked_tower_available()) {
    throw std::runtime_error("Winograd convolution is not available on this processor");
  }
  if (x.dim() != 5 || x.size(4) != 16 || weight.dim() != 4 || weight.size(2) != 3 ||
      weight.size(3) != 3 || weight.size(1) != x.size(1) * 16 || weight.size(0) % 16 != 0 ||
      x.scalar_type() != torch::kFloat || weight.scalar_type() != torch::kFloat ||
      !x.device().is_cpu()) {
    throw std::runtime_error(
        "blocked_conv3x3: expected a float [N, C/16, H, W, 16] CPU input and "
        "[out, C, 3, 3] weights");
  }
  return BlockedConvFunction::apply(x, weight);
}

#else

bool blocked_tower_available() {
  return false;
}

bool blocked_conv_supports(std::int64_t, std::int64_t, std::int64_t, std::int64_t) {
  return false;
}

torch::Tensor blocked_conv3x3(const torch::Tensor&, const torch::Tensor&) {
  throw std::runtime_error(
      "this build has no oneDNN (Debian: libdnnl-dev), so no Winograd "
      "convolution");
}

#endif

}  // namespace dlgo::net
