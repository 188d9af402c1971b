// A loaded Model with a value head as the BatchNetwork a BatchingEvaluator runs.
//
// Contract: immutable; run() is thread-safe (Model::predict is). Shares ownership of the model.
#pragma once

#include <memory>

#include "engine/search/batching_evaluator.h"
#include "net/model.h"

namespace dlgo::net {

class ModelBatchNetwork : public BatchNetwork {
 public:
  // Throws std::invalid_argument naming the file when the network has no value head.
  explicit ModelBatchNetwork(std::shared_ptr<const Model> model);

  std::size_t input_size() const override { return model_->input_size(); }
  int policy_size() const override { return model_->spec().policy_outputs; }
  void run(const float* inputs, int batch, float* policies, float* values) const override;

 private:
  std::shared_ptr<const Model> model_;
};

}  // namespace dlgo::net
