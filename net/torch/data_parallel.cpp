#include "net/torch/data_parallel.h"

#include "net/torch/device.h"

namespace dlgo::net {

torch::Device rank_device(const std::string& device_text,
                          const std::optional<LaunchEnvironment>& launch) {
  torch::Device device = resolve_device(device_text);
  if (device.is_cuda() && launch && launch->world_size > 1 &&
      (device_text == "auto" || device_text == "cuda")) {
    const int devices = static_cast<int>(torch::cuda::device_count());
    if (launch->local_rank >= devices) {
      throw DistributedError("LOCAL_RANK=" + std::to_string(launch->local_rank) + " but only " +
                             std::to_string(devices) +
                             " CUDA devices are visible: start at most one rank per GPU");
    }
    device = torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(launch->local_rank));
  }
  return device;
}

DataParallel join_data_parallel(const std::optional<LaunchEnvironment>& launch,
                                const std::string& backend, int timeout_seconds,
                                const torch::Device& device) {
  DataParallel parallel;
  if (!launch || launch->world_size <= 1) return parallel;
  if (timeout_seconds < 1) throw DistributedError("--dist-timeout must be at least 1 second");
  parallel.group = std::make_unique<DistributedGroup>(
      *launch, backend, std::chrono::seconds(timeout_seconds), device);
  parallel.rank = launch->rank;
  parallel.world_size = launch->world_size;
  return parallel;
}

void start_from_rank0(DataParallel& parallel, torch::nn::Module& network, bool overlap_allreduce) {
  if (!parallel.active()) return;
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> state = network.parameters();
  for (const torch::Tensor& buffer : network.buffers()) state.push_back(buffer);
  // Broadcast works on dense tensors in place; channels-last weights go through a copy.
  std::vector<torch::Tensor> contiguous;
  for (const torch::Tensor& tensor : state) contiguous.push_back(tensor.contiguous());
  parallel.group->broadcast(contiguous, "the broadcast of rank 0's weights");
  for (size_t i = 0; i < state.size(); ++i) state[i].copy_(contiguous[i]);
  parallel.averager = std::make_unique<GradientAverager>(
      *parallel.group, network.parameters(),
      overlap_allreduce ? AllreduceMode::kOverlap : AllreduceMode::kAfterBackward);
}

void begin_backward(DataParallel& parallel) {
  if (parallel.averager) parallel.averager->begin_step();
}

void finish_backward(DataParallel& parallel) {
  if (parallel.averager) parallel.averager->finish_step();
}

void share_rank0_buffers(DataParallel& parallel, torch::nn::Module& network) {
  if (!parallel.active()) return;
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> buffers = network.buffers();
  if (buffers.empty()) return;
  std::vector<torch::Tensor> contiguous;
  for (const torch::Tensor& tensor : buffers) contiguous.push_back(tensor.contiguous());
  parallel.group->broadcast(contiguous, "the broadcast of rank 0's batch-norm statistics");
  for (size_t i = 0; i < buffers.size(); ++i) buffers[i].copy_(contiguous[i]);
}

std::vector<double> sum_over_ranks(DataParallel& parallel, const std::vector<double>& values,
                                   const std::string& what) {
  if (!parallel.active()) return values;
  return parallel.group->allreduce_sum(values, what);
}

}  // namespace dlgo::net
