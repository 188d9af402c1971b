#include "net/torch/gradient_averager.h"

#include <chrono>
#include <mutex>

namespace dlgo::net {

namespace {

struct Slot {
  torch::Tensor parameter;
  int bucket = 0;
  std::int64_t offset = 0;  // in the bucket's buffer, in elements
  bool ready = false;       // its gradient is in the buffer this step
};

struct Bucket {
  torch::Tensor buffer;  // flat, the parameters' dtype and device
  std::vector<int> slots;
  int pending = 0;             // gradients still to come this step
  std::function<void()> wait;  // set once its allreduce started
};

}  // namespace

struct GradientAverager::State {
  DistributedGroup* group = nullptr;
  AllreduceMode mode = AllreduceMode::kOverlap;
  std::vector<Slot> slots;
  std::vector<Bucket> buckets;
  std::vector<unsigned> hooks;
  std::mutex mutex;  // hooks may run on autograd's device threads
  AllreduceStats stats;
  // Buckets start strictly in index order on every rank (collectives pair up by order): a
  // complete bucket waits for the ones before it. Hooks fire in an order that can differ
  // between ranks, e.g. one whose share of a batch is empty runs no backward at all.
  size_t next_to_start = 0;

  void start_ready_buckets() {
    while (next_to_start < buckets.size() && buckets[next_to_start].pending == 0) {
      Bucket& bucket = buckets[next_to_start++];
      std::vector<torch::Tensor> tensors{bucket.buffer};
      bucket.wait = group->allreduce_sum_async(tensors, "gradient allreduce");
    }
  }

  // A gradient is ready: into its bucket, and the bucket on its way once complete.
  void on_gradient(int index, const torch::Tensor& gradient) {
    std::lock_guard<std::mutex> lock(mutex);
    Slot& slot = slots[index];
    if (slot.ready) return;
    Bucket& bucket = buckets[slot.bucket];
    bucket.buffer.narrow(0, slot.offset, gradient.numel()).copy_(gradient.reshape({-1}));
    slot.ready = true;
    if (--bucket.pending == 0 && mode == AllreduceMode::kOverlap) start_ready_buckets();
  }
};

GradientAverager::GradientAverager(DistributedGroup& group, std::vector<torch::Tensor> parameters,
                                   AllreduceMode mode, std::int64_t bucket_bytes)
    : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.group = &group;
  s.mode = mode;
  // Reverse registration order: the output layers' gradients come first in a backward pass.
  std::int64_t bucket_elements = 0;
  for (auto it = parameters.rbegin(); it != parameters.rend(); ++it) {
    if (!it->requires_grad()) continue;
    const std::int64_t bytes = it->numel() * static_cast<std::int64_t>(it->element_size());
    const bool same_kind =
        !s.buckets.empty() && s.slots[s.buckets.back().slots.front()].parameter.options().dtype() ==
                                  it->options().dtype();
    if (s.buckets.empty() || !same_kind ||
        (bucket_elements > 0 &&
         (bucket_elements + it->numel()) * static_cast<std::int64_t>(it->element_size()) >
             bucket_bytes)) {
      s.buckets.emplace_back();
      bucket_elements = 0;
    }
    Slot slot;
    slot.parameter = *it;
    slot.bucket = static_cast<int>(s.buckets.size()) - 1;
    slot.offset = bucket_elements;
    bucket_elements += it->numel();
    s.buckets.back().slots.push_back(static_cast<int>(s.slots.size()));
    s.slots.push_back(slot);
    s.stats.bytes_per_step += bytes;
  }
  for (Bucket& bucket : s.buckets) {
    std::int64_t elements = 0;
    for (int index : bucket.slots) elements += s.slots[index].parameter.numel();
    const torch::Tensor& first = s.slots[bucket.slots.front()].parameter;
    bucket.buffer = torch::zeros({elements}, first.options().requires_grad(false));
  }
  s.stats.buckets = static_cast<int>(s.buckets.size());
  if (mode == AllreduceMode::kOverlap) {
    for (size_t i = 0; i < s.slots.size(); ++i) {
      const int index = static_cast<int>(i);
      State* state = &s;
      s.hooks.push_back(s.slots[i].parameter.register_hook(
          [state, index](const torch::Tensor& gradient) { state->on_gradient(index, gradient); }));
    }
  }
}

GradientAverager::~GradientAverager() {
  State& s = *state_;
  for (size_t i = 0; i < s.hooks.size(); ++i) {
    try {
      s.slots[i].parameter.remove_hook(s.hooks[i]);
    } catch (...) {
      // The parameter is gone with its network: nothing left to unhook.
    }
  }
}

void GradientAverager::begin_step() {
  State& s = *state_;
  std::lock_guard<std::mutex> lock(s.mutex);
  for (Slot& slot : s.slots) slot.ready = false;
  for (Bucket& bucket : s.buckets) {
    bucket.pending = static_cast<int>(bucket.slots.size());
    bucket.wait = nullptr;
  }
  s.next_to_start = 0;
}

void GradientAverager::finish_step() {
  State& s = *state_;
  torch::NoGradGuard no_grad;
  // Gradients the hooks did not see (kAfterBackward, or a parameter without one this step).
  for (size_t i = 0; i < s.slots.size(); ++i) {
    Slot& slot = s.slots[i];
    if (slot.ready) continue;
    const torch::Tensor& gradient = slot.parameter.grad();
    if (gradient.defined()) {
      s.on_gradient(static_cast<int>(i), gradient);
    } else {
      s.on_gradient(static_cast<int>(i), torch::zeros_like(slot.parameter));
    }
  }
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    s.start_ready_buckets();  // all complete now, in index order from the first not started
  }
  const auto wait_start = std::chrono::steady_clock::now();
  for (Bucket& bucket : s.buckets) bucket.wait();
  s.stats.wait_seconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wait_start).count();
  const double scale = 1.0 / s.group->world_size();
  for (Bucket& bucket : s.buckets) {
    bucket.buffer.mul_(scale);
    for (int index : bucket.slots) {
      Slot& slot = s.slots[index];
      torch::Tensor averaged =
          bucket.buffer.narrow(0, slot.offset, slot.parameter.numel()).view(slot.parameter.sizes());
      torch::Tensor& gradient = slot.parameter.mutable_grad();
      if (gradient.defined()) {
        gradient.copy_(averaged);
      } else {
        gradient = averaged.clone();
      }
    }
  }
  ++s.stats.steps;
}

const AllreduceStats& GradientAverager::stats() const {
  return state_->stats;
}

}  // namespace dlgo::net
