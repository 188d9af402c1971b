#include "tools/bench_selfplay.h"

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "net/agent_files.h"
#include "net/model.h"
#include "net/rl/self_play.h"
#include "tools/cli_common.h"

namespace dlgo::bench {

namespace {

struct SelfPlayBenchOptions {
  std::string agent;
  int games = 40;
  std::vector<int> workers{1, 2};
  int rounds = 50;  // zero agents
  std::uint64_t seed = 1;
};

void run_selfplay_bench(const CLI::App& command, const SelfPlayBenchOptions& options) {
  try {
    net::install_agent_file_loader();
    net::SelfPlayerOptions player_options;
    player_options.zero_rounds = options.rounds;
    player_options.seed = options.seed;
    net::SelfPlayer player = net::load_self_player(options.agent, player_options);
    const int board = player.model ? player.model->encoder().width() : 9;
    const std::optional<int> visits = player.agent->strength().visits;
    const std::string rounds = visits ? ", " + std::to_string(*visits) + " rounds/move" : "";
    std::printf("self-play: %s, %dx%d, %d games per measurement%s\n", options.agent.c_str(), board,
                board, options.games, rounds.c_str());
    net::SelfPlaySettings settings;
    settings.board_size = board;
    settings.num_games = 2;
    net::run_self_play(player, nullptr, settings);  // warm-up: first network calls are slow
    std::printf("  %-8s %10s %14s %12s\n", "workers", "games/s", "decisions/s", "moves/game");
    for (int workers : options.workers) {
      settings.num_games = options.games;
      settings.workers = workers;
      net::SelfPlayResult result = net::run_self_play(player, nullptr, settings);
      double moves = 0;
      for (const auto& game : result.games) moves += game.moves;
      std::printf("  %-8d %10.2f %14.0f %12.1f\n", workers, options.games / result.seconds,
                  result.experience.rows() / result.seconds, moves / options.games);
    }
  } catch (const std::exception& error) {
    std::exit(cli::report_user_error(command, error.what()));
  }
}

}  // namespace

void register_selfplay_benchmark(CLI::App& app) {
  static SelfPlayBenchOptions options;
  CLI::App* command =
      app.add_subcommand("selfplay", "Self-play games/s and recorded decisions/s of an agent");
  command->add_option("--agent", options.agent, "Agent file (pg, ac, q, value, zero, ...)")
      ->required();
  command->add_option("--games", options.games, "Games per measurement")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--workers", options.workers, "Worker counts to compare")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  command->add_option("--rounds", options.rounds, "zero agents: simulations per move")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--seed", options.seed, "Random seed")->capture_default_str();
  command->callback([command] { run_selfplay_bench(*command, options); });
}

}  // namespace dlgo::bench
