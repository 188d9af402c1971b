#include "tools/bench_score.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/ascii_board.h"
#include "engine/dead_stones/final_status.h"
#include "engine/sgf/game_record.h"
#include "tools/cli_common.h"

namespace dlgo::bench {

namespace {

struct ScoreOptions {
  std::string sgf;  // empty: the built-in position
  int repeat = 20;
  int playouts = DeadStoneOptions{}.playouts;
};

// The final position of a 19x19 game from `dlgo-eval match` (mcts at 100 rollouts a move
// against GNU Go 3.8 at level 0), after both passed: GNU Go's White owns the board and all 125
// Black stones left on it are dead (GNU Go's final_status_list dead agrees). White to play.
GameState builtin_position() {
  return game_from_ascii(
      ".OO.OO.XXOOXXXXXXO.\n"
      "O.XOOXXXO.OXX.XXOOX\n"
      "OOO.OXOOOO.OXXOO.OO\n"
      "XXXOOOXXXOOOOXO.OX.\n"
      "XXOOXOX.OOO.OOXOXXX\n"
      ".XOX.OOOOOOO.O.OXO.\n"
      "XXOOX.OXX.XXO.O.OOO\n"
      "XXO.OO.OXXXOOOX.OO.\n"
      "OOOOO.OOOXXO.OXO.OO\n"
      "OX.OOO.OXXXXOOOOOXX\n"
      "XXXOX.OOXOXOOX.OO.X\n"
      "OOOOXXXOXOXO.OOX.OX\n"
      "XXXOXOO.OO.OOOOOOXX\n"
      ".XXOOXOO.OO.OXXXO.X\n"
      "XXXOOX.OOXOXXOXXOXX\n"
      "OOOO.OO.O.XOOO.OOOO\n"
      "OX.OOOOO.OOO.OOOXXX\n"
      "XOOX.OX.OXXOOXXOX.X\n"
      "X.O..OXXOXX.OXXXX.X\n",
      Color::kWhite);
}

GameState load_position(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error(path + ": cannot open");
  std::stringstream text;
  text << file.rdbuf();
  std::vector<GameRecord> records = read_game_records(text.str(), path);
  if (records.empty()) throw std::runtime_error(path + ": no game in the file");
  return replay_game(records.front());
}

void run_score(const ScoreOptions& options) {
  GameState state = options.sgf.empty() ? builtin_position() : load_position(options.sgf);
  DeadStoneOptions estimate;
  estimate.playouts = options.playouts;
  std::vector<double> milliseconds;
  FinalStatus status;
  for (int i = 0; i < options.repeat; ++i) {
    auto start = std::chrono::steady_clock::now();
    status = estimate_final_status(state, estimate);
    milliseconds.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(milliseconds.begin(), milliseconds.end());
  const double median = milliseconds[milliseconds.size() / 2];
  std::printf("score: %dx%d final position (%s), %d playouts, %d runs, 1 thread\n",
              state.size().width, state.size().height,
              options.sgf.empty() ? "built in" : options.sgf.c_str(), options.playouts,
              options.repeat);
  std::printf("  ms/estimate  %.1f median, %.1f min, %.1f max\n", median, milliseconds.front(),
              milliseconds.back());
  std::printf("  playouts/s   %.0f\n", options.playouts * 1000.0 / median);
  std::printf("  dead stones  %zu, seki stones %zu\n",
              status.points_with(StoneStatus::kDead).size(),
              status.points_with(StoneStatus::kSeki).size());
  std::printf("  result       %s\n", status.result.to_string().c_str());
}

}  // namespace

void register_score_benchmark(CLI::App& app) {
  static ScoreOptions options;
  CLI::App* command = app.add_subcommand(
      "score", "The end-of-game estimate of POST /score and GTP final_score on a final position");
  command->add_option("--sgf", options.sgf,
                      "A game record whose final position to score (default: a built-in 19x19 "
                      "one)");
  command->add_option("--repeat", options.repeat, "Estimates to time")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command->add_option("--playouts", options.playouts, "Playouts per estimate")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  command->callback([] {
    try {
      run_score(options);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "dlgo-bench score: %s\n", error.what());
      std::exit(cli::kExitUserError);
    }
  });
}

}  // namespace dlgo::bench
