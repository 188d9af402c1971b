// A policy and value network as the search's Evaluator (engine/search/evaluator.h): encodes the
// position with the network's encoder, sends it through a BatchingEvaluator (so the leaves of
// many search threads and games share network calls) and turns the policy's labels into
// priors per point. Where the encoder has no pass label, the pass gets the prior
// 1 / num_moves(), the share of a move the network knows nothing about.
//
// Contract: evaluate() is thread-safe; positions must be on the network's board. Shares
// ownership of the model and the batching evaluator.
#pragma once

#include <memory>

#include "engine/search/batching_evaluator.h"
#include "engine/search/evaluator.h"
#include "net/model.h"

namespace dlgo::net {

class NetworkEvaluator : public Evaluator {
 public:
  // `batching`: shared with other evaluators of the same model (batches across games); null
  // makes one of our own with `options`. Throws std::invalid_argument naming the file for a
  // network without a value head.
  NetworkEvaluator(std::shared_ptr<const Model> model,
                   std::shared_ptr<BatchingEvaluator> batching = nullptr,
                   BatchingOptions options = {});

  void evaluate(const GameState& state, Evaluation& result) override;
  void add_clients(int count) override { batching_->add_clients(count); }
  void remove_client() override { batching_->remove_client(); }

  const Model& model() const { return *model_; }
  // The batching evaluator behind it (its statistics show how well leaves were batched).
  BatchingEvaluator& batching() const { return *batching_; }

 private:
  std::shared_ptr<const Model> model_;
  std::shared_ptr<BatchingEvaluator> batching_;
};

}  // namespace dlgo::net
