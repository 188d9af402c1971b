#include "net/torch/adadelta.h"

namespace dlgo::net {

void AdadeltaOptions::serialize(torch::serialize::InputArchive& archive) {
  c10::IValue value;
  if (archive.try_read("lr", value)) lr(value.toDouble());
  if (archive.try_read("rho", value)) rho(value.toDouble());
  if (archive.try_read("eps", value)) eps(value.toDouble());
  if (archive.try_read("weight_decay", value)) weight_decay(value.toDouble());
}

void AdadeltaOptions::serialize(torch::serialize::OutputArchive& archive) const {
  archive.write("lr", c10::IValue(lr()));
  archive.write("rho", c10::IValue(rho()));
  archive.write("eps", c10::IValue(eps()));
  archive.write("weight_decay", c10::IValue(weight_decay()));
}

Adadelta::Adadelta(std::vector<torch::Tensor> parameters, AdadeltaOptions options)
    : torch::optim::Optimizer({torch::optim::OptimizerParamGroup(std::move(parameters))},
                              std::make_unique<AdadeltaOptions>(options)) {}

torch::Tensor Adadelta::step(LossClosure closure) {
  torch::NoGradGuard no_grad;
  torch::Tensor loss;
  if (closure) {
    torch::AutoGradMode enable_grad(true);
    loss = closure();
  }
  size_t index = 0;
  for (auto& group : param_groups()) {
    auto& options = static_cast<AdadeltaOptions&>(group.options());
    for (auto& parameter : group.params()) {
      if (index >= square_avg_.size()) {
        square_avg_.push_back(torch::zeros_like(parameter));
        acc_delta_.push_back(torch::zeros_like(parameter));
      }
      torch::Tensor& square_avg = square_avg_[index];
      torch::Tensor& acc_delta = acc_delta_[index];
      ++index;
      if (!parameter.grad().defined()) continue;
      torch::Tensor grad = parameter.grad();
      if (options.weight_decay() != 0) grad = grad.add(parameter, options.weight_decay());
      square_avg.mul_(options.rho()).addcmul_(grad, grad, 1 - options.rho());
      torch::Tensor std = square_avg.add(options.eps()).sqrt_();
      torch::Tensor delta = acc_delta.add(options.eps()).sqrt_().div_(std).mul_(grad);
      parameter.add_(delta, -options.lr());
      acc_delta.mul_(options.rho()).addcmul_(delta, delta, 1 - options.rho());
    }
  }
  return loss;
}

void Adadelta::save(torch::serialize::OutputArchive& archive) const {
  archive.write("count", c10::IValue(static_cast<int64_t>(square_avg_.size())));
  for (size_t i = 0; i < square_avg_.size(); ++i) {
    archive.write("square_avg_" + std::to_string(i), square_avg_[i], /*is_buffer=*/true);
    archive.write("acc_delta_" + std::to_string(i), acc_delta_[i], /*is_buffer=*/true);
  }
}

void Adadelta::load(torch::serialize::InputArchive& archive) {
  c10::IValue count;
  archive.read("count", count);
  square_avg_.assign(static_cast<size_t>(count.toInt()), torch::Tensor());
  acc_delta_.assign(square_avg_.size(), torch::Tensor());
  for (size_t i = 0; i < square_avg_.size(); ++i) {
    archive.read("square_avg_" + std::to_string(i), square_avg_[i], /*is_buffer=*/true);
    archive.read("acc_delta_" + std::to_string(i), acc_delta_[i], /*is_buffer=*/true);
  }
}

}  // namespace dlgo::net
