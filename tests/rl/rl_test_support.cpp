#include "tests/rl/rl_test_support.h"

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

#include "net/agent_init.h"

namespace dlgo::test {

namespace fs = std::filesystem;

std::string rl_folder() {
  static const std::string path = [] {
    fs::path p = fs::temp_directory_path() / ("dlgo-rl-tests-" + std::to_string(::getpid()));
    fs::create_directories(p);
    std::atexit([] { fs::remove_all(fs::temp_directory_path() / ("dlgo-rl-tests-" + std::to_string(::getpid()))); });
    return p.string();
  }();
  return path;
}

std::string fresh_rl_agent(const std::string& kind, const std::string& encoder, int board_size) {
  const std::string path =
      rl_folder() + "/" + kind + "_" + encoder + "_" + std::to_string(board_size) + ".h5";
  if (!fs::exists(path)) {
    net::InitOptions options;
    options.kind = kind;
    options.encoder = encoder;
    options.board_size = board_size;
    options.network = "resnet";
    options.blocks = 1;
    options.filters = 8;
    options.seed = 7;
    net::write_fresh_agent(path, options);
  }
  return path;
}

}  // namespace dlgo::test
