#include "tests/gtp/gtp_support.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "engine/agents/agent_factory.h"

namespace dlgo::test {

namespace {

std::string option(const std::map<std::string, std::string>& options, const std::string& key,
                   const std::string& fallback) {
  auto found = options.find(key);
  return found == options.end() ? fallback : found->second;
}

}  // namespace

std::unique_ptr<GtpEngine> make_test_engine(const std::map<std::string, std::string>& options) {
  AgentOptions agent_options;
  agent_options.seed = std::stoull(option(options, "seed", "1"));
  agent_options.mcts_rounds = std::stoi(option(options, "mcts-rounds", "800"));
  std::string bot = option(options, "bot", "random");
  GtpEngineOptions engine_options;
  engine_options.board_size = std::stoi(option(options, "board-size", "19"));
  engine_options.rules.komi = std::stod(option(options, "komi", "7.5"));
  engine_options.seed = agent_options.seed;
  return std::make_unique<GtpEngine>(std::shared_ptr<Agent>(make_agent(bot, agent_options)),
                                     engine_options);
}

std::string binary_arguments(const std::map<std::string, std::string>& options) {
  std::string args = " --bot " + option(options, "bot", "random") + " --seed " +
                     option(options, "seed", "1") + " --board-size " +
                     option(options, "board-size", "19") + " --komi " +
                     option(options, "komi", "7.5");
  if (options.count("mcts-rounds")) args += " --mcts-rounds " + options.at("mcts-rounds");
  return args;
}

std::string run_with_input(const std::string& command, const std::string& input) {
  std::string dir = scratch_dir("run_with_input");
  std::string input_path = dir + "/input";
  {
    std::ofstream file(input_path, std::ios::binary);
    file << input;
  }
  // `cat |` so that the program reads a pipe, as it would from a GUI, not a file.
  FILE* pipe = ::popen(("cat '" + input_path + "' | " + command).c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::string output;
  char buffer[4096];
  std::size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, got);
  ::pclose(pipe);
  std::filesystem::remove_all(dir);
  return output;
}

std::string scratch_dir(const std::string& name) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("dlgo_gtp_test_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string gnugo_path() {
  return DLGO_GNUGO;
}

}  // namespace dlgo::test
