#include "net/rl/published_agent.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "engine/files/atomic_text_file.h"

namespace dlgo::net {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kFormat = "dlgo-selfplay-agent";

}  // namespace

std::string published_agent_path(const std::string& work_dir) {
  return (fs::path(work_dir) / "selfplay.json").string();
}

void publish_agent(const std::string& work_dir, const PublishedAgent& agent) {
  json j;
  j["format"] = kFormat;
  j["version"] = 1;
  j["generation"] = agent.generation;
  j["agent"] = agent.agent;
  j["board_size"] = agent.board_size;
  j["komi"] = agent.komi;
  j["max_moves"] = agent.max_moves;
  j["temperature"] = agent.player.temperature;
  j["rounds_per_move"] = agent.player.zero_rounds;
  j["noise"] = agent.player.zero_noise;
  j["temperature_moves"] = agent.player.zero_temperature_moves;
  j["search_threads"] = agent.player.search_threads;
  j["games_per_round"] = agent.games_per_round;
  j["finished"] = agent.finished;
  write_text_atomically(published_agent_path(work_dir), j.dump(2) + "\n");
}

std::optional<PublishedAgent> read_published_agent(const std::string& work_dir) {
  const std::string path = published_agent_path(work_dir);
  std::ifstream file(path);
  if (!file) {
    if (!fs::exists(path)) return std::nullopt;
    throw std::runtime_error(path + ": cannot open");
  }
  PublishedAgent agent;
  try {
    const json j = json::parse(file);
    if (j.at("format") != kFormat) {
      throw std::runtime_error("format is not \"" + std::string(kFormat) + "\"");
    }
    agent.generation = j.at("generation");
    agent.agent = j.at("agent");
    agent.board_size = j.at("board_size");
    agent.komi = j.at("komi");
    agent.max_moves = j.at("max_moves");
    agent.player.temperature = j.at("temperature");
    agent.player.zero_rounds = j.at("rounds_per_move");
    agent.player.zero_noise = j.at("noise");
    agent.player.zero_temperature_moves = j.at("temperature_moves");
    agent.player.search_threads = j.at("search_threads");
    agent.games_per_round = j.at("games_per_round");
    agent.finished = j.at("finished");
  } catch (const std::exception& error) {
    throw std::runtime_error(path + ": not a self-play agent notice: " + error.what());
  }
  if (agent.generation < 0 || agent.agent.empty() || fs::path(agent.agent).is_absolute()) {
    throw std::runtime_error(path + ": generation must be >= 0 and agent a path in the work dir");
  }
  return agent;
}

}  // namespace dlgo::net
