#include "net/agents/model_batch_network.h"

#include <stdexcept>

namespace dlgo::net {

ModelBatchNetwork::ModelBatchNetwork(std::shared_ptr<const Model> model)
    : model_(std::move(model)) {
  if (!model_ || !model_->has_value_head()) {
    throw std::invalid_argument((model_ ? model_->path() : std::string("(no model)")) +
                                ": search needs a network with a value head");
  }
}

void ModelBatchNetwork::run(const float* inputs, int batch, float* policies, float* values) const {
  model_->predict(inputs, batch, policies, values);
}

}  // namespace dlgo::net
