#include "tests/net_agents/agent_support.h"

#include <unistd.h>
#include "tests/catch.h"

#include <filesystem>
#include <map>
#include <mutex>

#include "engine/coords.h"

namespace dlgo::test {

namespace fs = std::filesystem;

namespace {

struct Folder {
  fs::path path = fs::temp_directory_path() / ("dlgo-net-agents-" + std::to_string(::getpid()));
  Folder() { fs::create_directories(path); }
  ~Folder() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

Folder& folder() {
  static Folder instance;
  return instance;
}

}  // namespace

std::string test_folder() {
  return folder().path.string();
}

std::string fresh_agent_file(const std::string& kind, const std::string& encoder, int board_size,
                             const std::string& network) {
  static std::mutex mutex;
  static std::map<std::string, std::string> made;
  std::lock_guard<std::mutex> lock(mutex);
  std::string name =
      kind + "-" + encoder + "-" + std::to_string(board_size) + "-" + network + ".h5";
  auto found = made.find(name);
  if (found != made.end()) return found->second;
  net::InitOptions options;
  options.kind = kind;
  options.encoder = encoder;
  options.board_size = board_size;
  options.network = network;
  options.blocks = 1;
  options.filters = 8;
  options.seed = 7;
  std::string path = (folder().path / name).string();
  net::write_fresh_agent(path, options);
  made[name] = path;
  return path;
}

std::shared_ptr<const net::Model> fresh_model(const std::string& kind, const std::string& encoder,
                                              int board_size, const std::string& network) {
  return net::Model::load(fresh_agent_file(kind, encoder, board_size, network), "cpu");
}

GameSummary play_checked_game(const Agent& black, const Agent& white, int board_size,
                              int max_moves) {
  GameSummary summary;
  GameState state = GameState::new_game(board_size);
  while (!state.is_over()) {
    const Agent& agent = state.next_player() == Color::kBlack ? black : white;
    MoveDecision decision = agent.select_move(state);
    INFO(agent_kind_name(agent.kind())
         << " at move " << summary.moves << ": " << move_to_gtp(state.size(), decision.move));
    REQUIRE(state.is_legal(decision.move));
    if (decision.move.is_play()) {
      // Agents never fill their own single-point eyes.
      REQUIRE_FALSE(state.board().is_eye(decision.move.point, state.next_player()));
    }
    summary.resigned = decision.move.is_resign();
    state.play(decision.move);
    ++summary.moves;
    REQUIRE(summary.moves <= max_moves);
  }
  summary.final_state = state;
  return summary;
}

}  // namespace dlgo::test
