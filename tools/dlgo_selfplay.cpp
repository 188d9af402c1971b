// dlgo-selfplay: games between agents (agent files or built-in bots), writing experience files
// for reinforcement learning and SGF records; --show watches a game in the terminal; --worker
// plays a dlgo-rl loop's published agent and writes shards into its work dir.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <random>
#include <thread>

#include "engine/agents/default_board_side.h"
#include "engine/agents/game_player.h"
#include "engine/ascii_board.h"
#include "engine/dead_stones/adjudication.h"
#include "engine/game_state.h"
#include "net/agent_files.h"
#include "net/rl/self_play.h"
#include "net/rl/self_play_worker.h"
#include "tools/cli_common.h"
#include "tools/progress_bar.h"

namespace {

// One game printed move by move (no experience): the terminal demo.
int show_game(const dlgo::net::SelfPlayer& black, const dlgo::net::SelfPlayer& white,
              int board_size, double komi, int delay_ms) {
  dlgo::Rules rules;
  rules.komi = komi;
  dlgo::GameState state = dlgo::GameState::new_game(board_size, rules);
  // Each side plays through its own game player (zero keeps its tree between moves).
  std::unique_ptr<dlgo::GamePlayer> black_player = black.agent->new_game_player(black.options.seed);
  std::unique_ptr<dlgo::GamePlayer> white_player =
      white.agent->new_game_player(white.options.seed + 1);
  int moves = 0;
  while (!state.is_over() && moves < 3 * board_size * board_size) {
    const dlgo::Color mover = state.next_player();
    dlgo::GamePlayer& player = mover == dlgo::Color::kBlack ? *black_player : *white_player;
    dlgo::Move move = player.select_move(state).move;
    state.play(move);
    ++moves;
    std::cout << "\nmove " << moves << ": " << (mover == dlgo::Color::kBlack ? "black " : "white ")
              << dlgo::move_to_gtp(state.size(), move) << "\n"
              << dlgo::board_to_ascii(state.board()) << std::flush;
    if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
  }
  std::cout << "result: " << dlgo::adjudicate(state).to_string() << "\n";
  return dlgo::cli::kExitOk;
}

// A worker stops at the first SIGINT or SIGTERM once its games in progress are done; a second
// one ends it at once (the default action), which loses nothing the loop would read.
volatile std::sig_atomic_t stop_signal = 0;

void request_stop(int signal_number) {
  stop_signal = signal_number;
  std::signal(signal_number, SIG_DFL);
}

int run_worker(const CLI::App& app, dlgo::net::SelfPlayWorkerOptions options) {
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  try {
    dlgo::net::install_agent_file_loader();
    const dlgo::net::SelfPlayWorkerResult result = dlgo::net::run_self_play_worker(
        options, [] { return stop_signal != 0; },
        [](const std::string& line) {
          std::printf("%s\n", line.c_str());
          std::fflush(stdout);
        });
    std::printf("worker %s: %d shard(s), %d games written, %d games dropped, %d agent(s) played\n",
                result.worker_id.c_str(), result.shards, result.games, result.dropped_games,
                result.generations);
  } catch (const std::exception& error) {
    return dlgo::cli::report_user_error(app, error.what());
  }
  return dlgo::cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "dlgo-selfplay: play games between agents; write experience files (for dlgo-train "
      "--experience) "
      "and SGF",
      "dlgo-selfplay"};
  std::string agent = "random", agent2, experience_out, sgf_out;
  dlgo::net::SelfPlaySettings settings;
  dlgo::net::SelfPlayerOptions player;
  std::uint64_t seed = 0;
  bool show = false;
  int delay_ms = 0;
  app.add_option("--agent,--bot", agent, "Agent file, or a built-in bot (random, mcts)")
      ->capture_default_str();
  app.add_option(
      "--agent2", agent2,
      "Opponent (agent file or bot); without it --agent plays itself and both sides are recorded");
  app.add_option("--num-games", settings.num_games, "Number of games")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  auto* board_size_option =
      app.add_option("--board-size", settings.board_size,
                     "Board side, 2..25 (default: the agent files' own board, else 9)")
          ->check(CLI::Range(2, 25));
  app.add_option("--komi", settings.komi, "Komi")->capture_default_str();
  app.add_option("--experience-out", experience_out,
                 "Experience file to write (HDF5) with --agent's decisions");
  app.add_option("--sgf-out", sgf_out, "Folder for one SGF file per game (game_0001.sgf, ...)");
  app.add_option("--workers", settings.workers, "Games played at once (threads)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--temperature", player.temperature,
                 "Sampling temperature of pg, ac, q and value agents")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--rounds", player.zero_rounds,
                 "search agents (zero, alphago): simulations per move")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--noise", player.zero_noise, "zero agents: Dirichlet noise share at the root")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--temperature-moves", player.zero_temperature_moves,
                 "zero agents: opening moves chosen in proportion to visits")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--max-moves", settings.max_moves,
                 "Moves before a game is scored as it stands (0: 3 x points)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--seed", seed, "Random seed (0: from the clock)")->capture_default_str();
  app.add_flag("--show", show, "Play one game and print the board after every move");
  app.add_option("--delay-ms", delay_ms, "Pause between shown moves")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  dlgo::net::SelfPlayWorkerOptions worker;
  bool keep_running = false;
  auto* worker_flag = app.add_flag(
      "--worker",
      "Remote self-play for a dlgo-rl --remote-self-play loop: play the agent it publishes in "
      "--work-dir and write experience shards there, until the loop finishes or SIGTERM/Ctrl-C "
      "(docs/selfplay-workers.md); the loop decides the agent, board and search settings");
  auto* work_dir_option = app.add_option("--work-dir", worker.work_dir,
                                         "--worker: the loop's work dir (may be a mount)");
  auto* shard_games_option =
      app.add_option("--games-per-shard", worker.games_per_shard, "--worker: games in each shard")
          ->check(CLI::PositiveNumber)
          ->capture_default_str();
  auto* max_shards_option =
      app.add_option("--max-shards", worker.max_shards, "--worker: stop after this many shards")
          ->check(CLI::PositiveNumber);
  auto* keep_running_flag = app.add_flag(
      "--keep-running", keep_running,
      "--worker: when the loop has finished, wait for it to be resumed instead of exiting");
  auto* worker_id_option = app.add_option(
      "--worker-id", worker.worker_id,
      "--worker: its id in shard names (default: host name, process id and random bits)");
  worker_flag->needs(work_dir_option);
  for (auto* option : {work_dir_option, shard_games_option, max_shards_option, keep_running_flag,
                       worker_id_option}) {
    option->needs(worker_flag);
  }
  for (const char* game_option :
       {"--agent", "--agent2", "--num-games", "--board-size", "--komi", "--experience-out",
        "--sgf-out", "--temperature", "--rounds", "--noise", "--temperature-moves", "--max-moves",
        "--show", "--delay-ms"}) {
    worker_flag->excludes(app.get_option(game_option));
  }
  dlgo::cli::parse_or_exit(app, argc, argv);
  if (worker_flag->count() > 0) {
    worker.games_at_once = settings.workers;
    worker.exit_when_done = !keep_running;
    worker.seed = seed != 0 ? seed : std::random_device()() * 1000003ULL + std::random_device()();
    return run_worker(app, worker);
  }

  if (seed == 0)
    seed = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  player.seed = seed;
  settings.record = !experience_out.empty();
  settings.sgf_dir = sgf_out;
  try {
    dlgo::net::install_agent_file_loader();
    dlgo::net::SelfPlayer first = dlgo::net::load_self_player(agent, player);
    std::unique_ptr<dlgo::net::SelfPlayer> second;
    if (!agent2.empty()) {
      dlgo::net::SelfPlayerOptions options2 = player;
      options2.seed = seed + 1;
      second =
          std::make_unique<dlgo::net::SelfPlayer>(dlgo::net::load_self_player(agent2, options2));
    }
    if (board_size_option->count() == 0) {
      settings.board_size = dlgo::default_board_side(
          [&](int side) {
            const dlgo::BoardSize size{side, side};
            return first.plays_on(size) && (!second || second->plays_on(size));
          },
          settings.board_size);
    }
    if (show) {
      return show_game(first, second ? *second : first, settings.board_size, settings.komi,
                       delay_ms);
    }
    dlgo::cli::ProgressBar bar("self-play", "games");
    dlgo::net::SelfPlayResult result = dlgo::net::run_self_play(
        first, second.get(), settings, [&](int done, int total) { bar.update(done, total); });
    bar.finish();
    for (const auto& game : result.games) {
      std::printf("game %d: %s after %d moves\n", game.index + 1, game.result.c_str(), game.moves);
    }
    if (second) {
      std::printf("%s won %d, %s won %d, %d drawn, of %d games in %.1f s\n", agent.c_str(),
                  result.first_wins, agent2.c_str(), result.second_wins, result.draws,
                  settings.num_games, result.seconds);
    } else {
      int black = 0;
      for (const auto& game : result.games) black += game.winner == dlgo::Color::kBlack;
      std::printf("black won %d of %d games in %.1f s (%.2f games/s)\n", black, settings.num_games,
                  result.seconds, settings.num_games / std::max(result.seconds, 1e-9));
    }
    if (!experience_out.empty()) {
      dlgo::write_experience_file(experience_out, result.experience);
      std::printf("wrote %zu decisions to %s\n", result.experience.rows(), experience_out.c_str());
    }
  } catch (const std::exception& error) {
    return dlgo::cli::report_user_error(app, error.what());
  }
  return dlgo::cli::kExitOk;
}
