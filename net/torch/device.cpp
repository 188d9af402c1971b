#include "net/torch/device.h"

#include <stdexcept>

namespace dlgo::net {

torch::Device resolve_device(const std::string& text) {
  if (text == "auto")
    return torch::cuda::is_available() ? torch::Device(torch::kCUDA, 0) : torch::kCPU;
  if (text == "cpu") return torch::kCPU;
  if (text == "cuda" || text.rfind("cuda:", 0) == 0) {
    if (!torch::cuda::is_available()) {
      throw std::runtime_error("--device " + text +
                               ": no CUDA device is available (none visible to this libtorch "
                               "build); use --device cpu or auto");
    }
    int index = 0;
    if (text.size() > 5) {
      try {
        index = std::stoi(text.substr(5));
      } catch (const std::exception&) {
        throw std::runtime_error("--device " + text + ": expected cuda:N");
      }
    }
    if (index < 0 || index >= static_cast<int>(torch::cuda::device_count())) {
      throw std::runtime_error("--device " + text + ": there are " +
                               std::to_string(torch::cuda::device_count()) + " CUDA devices");
    }
    return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index));
  }
  throw std::runtime_error("--device " + text + ": expected auto, cpu, cuda or cuda:N");
}

}  // namespace dlgo::net
