#include "net/distributed/launch_environment.h"

#include <cerrno>
#include <cstdlib>
#include <stdexcept>

namespace dlgo::net {

namespace {

// A whole decimal integer within [low, high], or an error naming the variable.
long parse_integer(const std::string& name, const std::string& text, long low, long high) {
  errno = 0;
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE || value < low || value > high) {
    throw std::runtime_error(name + "=" + text + ": expected a whole number from " +
                             std::to_string(low) + " to " + std::to_string(high));
  }
  return value;
}

}  // namespace

std::optional<LaunchEnvironment> launch_environment_from(const EnvironmentLookup& lookup) {
  const auto rank = lookup("RANK"), world_size = lookup("WORLD_SIZE"),
             master_addr = lookup("MASTER_ADDR"), master_port = lookup("MASTER_PORT");
  if (!rank && !world_size && !master_addr && !master_port) return std::nullopt;
  for (const auto& [name, value] :
       {std::pair{"RANK", rank}, std::pair{"WORLD_SIZE", world_size},
        std::pair{"MASTER_ADDR", master_addr}, std::pair{"MASTER_PORT", master_port}}) {
    if (!value) {
      throw std::runtime_error(std::string(name) +
                               " is not set, but other variables of a distributed launch are "
                               "(RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT go together)");
    }
  }
  LaunchEnvironment env;
  env.world_size = static_cast<int>(parse_integer("WORLD_SIZE", *world_size, 1, 1 << 20));
  env.rank = static_cast<int>(parse_integer("RANK", *rank, 0, 1 << 20));
  if (env.rank >= env.world_size) {
    throw std::runtime_error("RANK=" + *rank + " is not below WORLD_SIZE=" + *world_size +
                             " (ranks count from 0)");
  }
  env.master_port =
      static_cast<std::uint16_t>(parse_integer("MASTER_PORT", *master_port, 1, 65535));
  if (master_addr->empty()) throw std::runtime_error("MASTER_ADDR is empty");
  env.master_addr = *master_addr;
  if (auto local_rank = lookup("LOCAL_RANK")) {
    env.local_rank = static_cast<int>(parse_integer("LOCAL_RANK", *local_rank, 0, 1 << 20));
  } else {
    env.local_rank = env.rank;  // one node: the ranks are the node's
  }
  if (auto agent_store = lookup("TORCHELASTIC_USE_AGENT_STORE"))
    env.agent_hosts_store = *agent_store == "True" || *agent_store == "true" || *agent_store == "1";
  if (auto restarts = lookup("TORCHELASTIC_RESTART_COUNT")) {
    env.restart_count =
        static_cast<int>(parse_integer("TORCHELASTIC_RESTART_COUNT", *restarts, 0, 1 << 20));
  }
  return env;
}

std::optional<LaunchEnvironment> launch_environment() {
  return launch_environment_from([](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  });
}

std::vector<std::string> distributed_backend_names() {
  return {"auto", "gloo", "nccl"};
}

}  // namespace dlgo::net
