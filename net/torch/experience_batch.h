// Experience rows as tensors for training, and the board symmetries applied to a batch of them
// for augmentation (`dlgo-train --experience ... --augment`, `dlgo-rl --augment`).
//
// Contract: plain values. experience_tensors() copies the experience (the result does not
// point into it); gather_rows() returns fresh tensors, so transforming a batch never changes
// the rows it came from. BoardSymmetries is immutable after construction and safe to share;
// apply() changes only the batch it is given. Random draws use libtorch's global generator,
// so torch::manual_seed() repeats them.
#pragma once

#include <torch/torch.h>

#include <vector>

#include "engine/dataset/experience_file.h"

namespace dlgo::net {

// Rows of experience: states float [n, channels, height, width], actions long [n], rewards and
// advantages float [n]; visit_targets float [n, actions] (visit counts normalised per row)
// and move_masks bool [n, actions] where the experience has them, undefined tensors otherwise;
// old_log_probs float [n], log p(a|s) before training, where the trainer sets them (PPO).
struct ExperienceBatch {
  torch::Tensor states, actions, rewards, advantages, visit_targets, move_masks, old_log_probs;
};

ExperienceBatch experience_tensors(const Experience& experience);
// Rows `index` (long [b]) of `rows`, moved to `device`.
ExperienceBatch gather_rows(const ExperienceBatch& rows, const torch::Tensor& index,
                            const torch::Device& device);

// The symmetries of a width x height board that keep its shape (8 on a square board, 4 on
// others; net/training/symmetry.h numbers them), as permutations of the labels 0..actions-1.
// A label past the board's points (pass) maps to itself.
class BoardSymmetries {
 public:
  // The permutations live on `device`, the batches' device, so apply() copies none of them.
  BoardSymmetries(int width, int height, int actions, const torch::Device& device = torch::kCPU);

  int count() const { return static_cast<int>(source_.size()); }  // index 0 is the identity

  // Row r of `batch` under symmetry `which[r]` (long [b], values 0..count()-1): its state's
  // planes, its action, visit targets and move mask move together; rewards, advantages and
  // old log-probabilities stay.
  void apply(ExperienceBatch& batch, const torch::Tensor& which) const;
  // apply() with a symmetry drawn uniformly for every row.
  void apply_random(ExperienceBatch& batch) const;

 private:
  int width_, height_;
  // Under symmetry k, label q of a transformed row comes from label source_[k][q], and the
  // action a becomes image_[k][a].
  std::vector<torch::Tensor> source_, image_;
};

}  // namespace dlgo::net
