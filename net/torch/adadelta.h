// Adadelta (Zeiler 2012), which the book's training scripts use and libtorch's C++ API lacks.
//
// Contract: like torch::optim optimizers: used from the training thread only; save()/load()
// round-trip its state (running averages) for an exact resume.
#pragma once

#include <torch/torch.h>

namespace dlgo::net {

struct AdadeltaOptions : public torch::optim::OptimizerCloneableOptions<AdadeltaOptions> {
  explicit AdadeltaOptions(double lr = 1.0) : lr_(lr) {}
  TORCH_ARG(double, lr) = 1.0;
  TORCH_ARG(double, rho) = 0.9;
  TORCH_ARG(double, eps) = 1e-6;
  TORCH_ARG(double, weight_decay) = 0;

  double get_lr() const override { return lr(); }
  void set_lr(const double lr) override { this->lr(lr); }
  void serialize(torch::serialize::InputArchive& archive) override;
  void serialize(torch::serialize::OutputArchive& archive) const override;
};

class Adadelta : public torch::optim::Optimizer {
 public:
  Adadelta(std::vector<torch::Tensor> parameters, AdadeltaOptions options);

  torch::Tensor step(LossClosure closure = nullptr) override;
  void save(torch::serialize::OutputArchive& archive) const override;
  void load(torch::serialize::InputArchive& archive) override;

 private:
  // Per parameter, in parameter order: running mean of squared gradients and of squared steps.
  std::vector<torch::Tensor> square_avg_, acc_delta_;
};

}  // namespace dlgo::net
