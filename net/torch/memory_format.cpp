#include "net/torch/memory_format.h"

#include <stdexcept>

namespace dlgo::net {

bool use_channels_last(const std::string& memory_format, const torch::Device& device) {
  if (memory_format == "auto") return device.is_cpu();
  if (memory_format == "channels-last") return true;
  if (memory_format == "contiguous") return false;
  throw std::invalid_argument("memory format '" + memory_format +
                              "': expected auto, channels-last or contiguous");
}

void to_channels_last(torch::nn::Module& module) {
  torch::NoGradGuard no_grad;
  for (torch::Tensor& tensor : module.parameters()) {
    if (tensor.dim() == 4) tensor.set_data(tensor.contiguous(torch::MemoryFormat::ChannelsLast));
  }
  for (torch::Tensor& tensor : module.buffers()) {
    if (tensor.dim() == 4) tensor.set_data(tensor.contiguous(torch::MemoryFormat::ChannelsLast));
  }
}

torch::Tensor channels_last_input(const torch::Tensor& inputs) {
  return inputs.contiguous(torch::MemoryFormat::ChannelsLast);
}

}  // namespace dlgo::net
