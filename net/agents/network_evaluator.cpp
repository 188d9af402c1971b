#include "net/agents/network_evaluator.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "net/agents/model_batch_network.h"

namespace dlgo::net {

NetworkEvaluator::NetworkEvaluator(std::shared_ptr<const Model> model,
                                   std::shared_ptr<BatchingEvaluator> batching,
                                   BatchingOptions options)
    : model_(std::move(model)), batching_(std::move(batching)) {
  if (!model_ || !model_->has_value_head()) {
    throw std::invalid_argument((model_ ? model_->path() : std::string("(no model)")) +
                                ": search needs a network with a value head");
  }
  if (!batching_) {
    batching_ =
        std::make_shared<BatchingEvaluator>(std::make_shared<ModelBatchNetwork>(model_), options);
  }
}

void NetworkEvaluator::evaluate(const GameState& state, Evaluation& result) {
  // Each search thread keeps its buffers across calls: no allocation per leaf.
  thread_local std::vector<float> input, policy;
  const Encoder& encoder = model_->encoder();
  input.resize(model_->input_size());
  policy.resize(static_cast<size_t>(batching_->policy_size()));
  model_->encode_input(state, input.data());
  batching_->evaluate(input.data(), policy.data(), &result.value);
  // Point labels are the point indices (Encoder::encode_point).
  const int points = encoder.num_points();
  result.priors.resize(static_cast<size_t>(points) + 1);
  std::copy_n(policy.begin(), points, result.priors.begin());
  result.priors[static_cast<size_t>(points)] =
      encoder.predicts_pass() ? policy[static_cast<size_t>(encoder.encode_move(Move::pass()))]
                              : 1.0f / static_cast<float>(encoder.num_moves());
}

}  // namespace dlgo::net
