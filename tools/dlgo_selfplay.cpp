// dlgo-selfplay: games between bots. For now the engine's random bot; network agents and
// experience files come with the agents and reinforcement-learning work.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <cstdio>
#include <iostream>
#include <thread>

#include "engine/ascii_board.h"
#include "engine/game_state.h"
#include "engine/playout.h"
#include "engine/sgf/sgf_writer.h"
#include "tools/cli_common.h"

int main(int argc, char** argv) {
  CLI::App app{"dlgo-selfplay: play games between bots and report the results", "dlgo-selfplay"};
  int board_size = 9;
  int num_games = 1;
  double komi = 7.5;
  std::uint64_t seed = 0;
  bool show = false;
  int delay_ms = 0;
  std::string bot = "random";
  std::string sgf_out;
  app.add_option("--bot", bot, "Bot playing both sides")
      ->check(CLI::IsMember({"random"}))
      ->capture_default_str();
  app.add_option("--board-size", board_size, "Board side, 2..25")
      ->check(CLI::Range(2, 25))
      ->capture_default_str();
  app.add_option("--num-games", num_games, "Number of games")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--komi", komi, "Komi")->capture_default_str();
  app.add_option("--seed", seed, "Random seed (0: from the clock)")->capture_default_str();
  app.add_flag("--show", show, "Print the board after every move");
  app.add_option("--delay-ms", delay_ms, "Pause between shown moves")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--sgf-out", sgf_out, "Folder to write each game as SGF (game_0001.sgf, ...)");
  dlgo::cli::parse_or_exit(app, argc, argv);
  if (!sgf_out.empty()) {
    std::error_code error;
    std::filesystem::create_directories(sgf_out, error);
    if (error) return dlgo::cli::report_user_error(app, "--sgf-out " + sgf_out + ": " + error.message());
  }

  if (seed == 0) seed = static_cast<std::uint64_t>(
      std::chrono::steady_clock::now().time_since_epoch().count());
  dlgo::Rng rng(seed);
  dlgo::Rules rules;
  rules.komi = komi;
  int black_wins = 0;
  for (int game = 1; game <= num_games; ++game) {
    dlgo::GameState state = dlgo::GameState::new_game(board_size, rules);
    while (!state.is_over()) {
      dlgo::Move move = dlgo::select_random_move(state, rng);
      dlgo::Color mover = state.next_player();
      state.play(move);
      if (show) {
        std::cout << "\nmove " << state.moves().size() << ": "
                  << (mover == dlgo::Color::kBlack ? "black " : "white ")
                  << dlgo::move_to_gtp(state.size(), move) << "\n"
                  << dlgo::board_to_ascii(state.board()) << std::flush;
        if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      }
    }
    dlgo::GameResult result = state.result();
    if (!sgf_out.empty()) {
      char name[32];
      std::snprintf(name, sizeof name, "/game_%04d.sgf", game);
      dlgo::GameInfo info;
      info.black_player = info.white_player = bot;
      std::ofstream file(sgf_out + name);
      file << dlgo::write_game_sgf(state, info);
      if (!file) return dlgo::cli::report_user_error(app, "cannot write " + sgf_out + name);
    }
    black_wins += result.winner() == dlgo::Color::kBlack;
    std::printf("game %d: %s after %zu moves (black %g, white %g + komi %g)\n", game,
                result.to_string().c_str(), state.moves().size(), result.black_area(),
                result.white_area(), result.komi);
  }
  if (num_games > 1) std::printf("black won %d of %d games\n", black_wins, num_games);
  return dlgo::cli::kExitOk;
}
