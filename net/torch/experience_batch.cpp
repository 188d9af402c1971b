#include "net/torch/experience_batch.h"

#include <cstdint>

#include "net/training/symmetry.h"

namespace dlgo::net {

ExperienceBatch experience_tensors(const Experience& e) {
  const auto n = static_cast<std::int64_t>(e.rows());
  ExperienceBatch rows;
  rows.states = torch::from_blob(const_cast<float*>(e.states.data()),
                                 {n, e.channels, e.board_height, e.board_width}, torch::kFloat32)
                    .clone();
  rows.actions = torch::from_blob(const_cast<std::int32_t*>(e.actions.data()), {n}, torch::kInt32)
                     .to(torch::kLong);
  rows.rewards =
      torch::from_blob(const_cast<float*>(e.rewards.data()), {n}, torch::kFloat32).clone();
  rows.advantages =
      torch::from_blob(const_cast<float*>(e.advantages.data()), {n}, torch::kFloat32).clone();
  if (e.has_visit_counts()) {
    torch::Tensor visits = torch::from_blob(const_cast<float*>(e.visit_counts.data()),
                                            {n, e.action_space}, torch::kFloat32)
                               .clone();
    rows.visit_targets = visits / visits.sum(1, true).clamp_min(1.0f);
  }
  if (e.has_move_masks()) {
    rows.move_masks = torch::from_blob(const_cast<std::uint8_t*>(e.move_masks.data()),
                                       {n, e.action_space}, torch::kUInt8)
                          .to(torch::kBool);
  }
  return rows;
}

ExperienceBatch gather_rows(const ExperienceBatch& rows, const torch::Tensor& index,
                            const torch::Device& device) {
  auto pick = [&](const torch::Tensor& all) {
    return all.defined() ? all.index_select(0, index).to(device) : torch::Tensor();
  };
  return {pick(rows.states),       pick(rows.actions),       pick(rows.rewards),
          pick(rows.advantages),   pick(rows.visit_targets), pick(rows.move_masks),
          pick(rows.old_log_probs)};
}

BoardSymmetries::BoardSymmetries(int width, int height, int actions, const torch::Device& device)
    : width_(width), height_(height) {
  for (int s = 0; s < kSymmetries; ++s) {
    if (!symmetry_keeps_shape(s, width, height)) continue;
    std::vector<std::int64_t> from(static_cast<size_t>(actions)), to(static_cast<size_t>(actions));
    for (int label = 0; label < actions; ++label) {
      const int moved = transform_label(s, width, height, label);
      to[label] = moved;
      from[moved] = label;
    }
    source_.push_back(torch::tensor(from, torch::kLong).to(device));
    image_.push_back(torch::tensor(to, torch::kLong).to(device));
  }
}

void BoardSymmetries::apply(ExperienceBatch& batch, const torch::Tensor& which) const {
  const auto rows = batch.states.size(0);
  const auto device = batch.states.device();
  const auto points = static_cast<std::int64_t>(width_) * height_;
  torch::Tensor flat_states = batch.states.reshape({rows, batch.states.size(1), points});
  torch::Tensor which_here = which.to(torch::kCPU);
  for (int k = 1; k < count(); ++k) {
    torch::Tensor picked = (which_here == k).nonzero().squeeze(1).to(device);
    if (picked.numel() == 0) continue;
    const torch::Tensor label_source = source_[k].to(device);  // no copy when built for `device`
    const torch::Tensor point_source = label_source.slice(0, 0, points);
    flat_states.index_copy_(0, picked,
                            flat_states.index_select(0, picked).index_select(2, point_source));
    batch.actions.index_copy_(
        0, picked, image_[k].to(device).index_select(0, batch.actions.index_select(0, picked)));
    for (torch::Tensor* labels : {&batch.visit_targets, &batch.move_masks}) {
      if (labels->defined()) {
        labels->index_copy_(0, picked,
                            labels->index_select(0, picked).index_select(1, label_source));
      }
    }
  }
  batch.states = flat_states.reshape(batch.states.sizes());
}

void BoardSymmetries::apply_random(ExperienceBatch& batch) const {
  apply(batch, torch::randint(count(), {batch.states.size(0)}, torch::kLong));
}

}  // namespace dlgo::net
