#include "tools/bench_playouts.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "engine/game_state.h"
#include "engine/playout.h"

namespace dlgo::bench {

namespace {

struct PlayoutOptions {
  int board_size = 9;
  double seconds = 5.0;
  int threads = 1;
  std::uint64_t seed = 1;
  std::string ko_rule = "positional";
};

struct ThreadTally {
  long long games = 0;
  long long moves = 0;
  long long black_wins = 0;
};

void run_playouts(const PlayoutOptions& options) {
  Rules rules;
  rules.ko_rule = *parse_ko_rule(options.ko_rule);
  const BoardSize size{options.board_size, options.board_size};
  std::atomic<bool> stop{false};
  std::vector<ThreadTally> tallies(options.threads);
  std::vector<std::thread> workers;
  auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < options.threads; ++t) {
    workers.emplace_back([&, t] {
      Rng rng(options.seed * 1000003ull + static_cast<std::uint64_t>(t));
      ThreadTally& tally = tallies[t];
      while (!stop.load(std::memory_order_relaxed)) {
        GameState state(size, rules);
        tally.moves += play_random_game(state, rng);
        tally.black_wins += state.result().winner() == Color::kBlack;
        ++tally.games;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(options.seconds));
  stop = true;
  for (auto& worker : workers) worker.join();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  ThreadTally total;
  for (const auto& tally : tallies) {
    total.games += tally.games;
    total.moves += tally.moves;
    total.black_wins += tally.black_wins;
  }
  std::printf("playouts: %dx%d, ko rule %s, %d thread(s), %.2f s\n", options.board_size,
              options.board_size, options.ko_rule.c_str(), options.threads, elapsed);
  std::printf("  games        %lld\n", total.games);
  std::printf("  games/s      %.0f\n", total.games / elapsed);
  std::printf("  moves/s      %.0f\n", total.moves / elapsed);
  std::printf("  moves/game   %.1f\n", total.games ? double(total.moves) / total.games : 0.0);
  std::printf("  ns/move      %.1f (per thread)\n",
              total.moves ? elapsed * 1e9 * options.threads / total.moves : 0.0);
  std::printf("  black wins   %.1f%% (komi %.1f)\n",
              total.games ? 100.0 * total.black_wins / total.games : 0.0, rules.komi);
}

}  // namespace

void register_playouts_benchmark(CLI::App& app) {
  static PlayoutOptions options;
  CLI::App* command = app.add_subcommand(
      "playouts", "Random self-play games (uniform legal non-eye moves, two passes end a game)");
  command->add_option("--board-size", options.board_size, "Board side, 2..25")
      ->check(CLI::Range(2, 25))
      ->capture_default_str();
  command->add_option("--seconds", options.seconds, "How long to play")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--threads", options.threads, "Threads, each playing its own games")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  command->add_option("--seed", options.seed, "Random seed")->capture_default_str();
  command->add_option("--ko-rule", options.ko_rule, "simple, positional or situational")
      ->check(CLI::IsMember({"simple", "positional", "situational"}))
      ->capture_default_str();
  command->callback([] { run_playouts(options); });
}

}  // namespace dlgo::bench
