#include "tools/bench_search.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "engine/agents/mcts_agent.h"
#include "engine/game_state.h"

namespace dlgo::bench {

namespace {

struct SearchOptions {
  std::string agent = "mcts";
  int rounds = 800;
  int board_size = 9;
  int moves = 20;
  double temperature = 0.7;
  std::uint64_t seed = 1;
};

// Plays `moves` moves of a self-play game, timing every decision, so positions from the
// opening into the middle game are measured.
void run_search(const SearchOptions& options) {
  MctsAgent agent(MctsOptions{options.rounds, options.temperature}, options.seed);
  GameState state = GameState::new_game(options.board_size);
  std::vector<double> seconds;
  for (int i = 0; i < options.moves && !state.is_over(); ++i) {
    auto start = std::chrono::steady_clock::now();
    MoveDecision decision = agent.select_move(state);
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    state.play(decision.move);
  }
  double total = 0;
  for (double s : seconds) total += s;
  std::vector<double> sorted = seconds;
  std::sort(sorted.begin(), sorted.end());
  std::printf("search: %s, %d rounds, %dx%d, %zu moves of a self-play game, 1 thread\n",
              options.agent.c_str(), options.rounds, options.board_size, options.board_size,
              seconds.size());
  std::printf("  ms/move      %.2f (mean)  %.2f (median)  %.2f (max)\n",
              1e3 * total / seconds.size(), 1e3 * sorted[sorted.size() / 2], 1e3 * sorted.back());
  std::printf("  rollouts/s   %.0f\n", options.rounds * seconds.size() / total);
}

}  // namespace

void register_search_benchmark(CLI::App& app) {
  static SearchOptions options;
  CLI::App* command = app.add_subcommand("search", "Time per move of a search agent");
  command->add_option("--agent", options.agent, "Search agent")
      ->check(CLI::IsMember({"mcts"}))
      ->capture_default_str();
  command->add_option("--rounds", options.rounds, "Rollouts per move")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--temperature", options.temperature, "UCT exploration weight")
      ->capture_default_str();
  command->add_option("--board-size", options.board_size, "Board side")
      ->check(CLI::Range(2, 25))
      ->capture_default_str();
  command->add_option("--moves", options.moves, "Moves to time")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--seed", options.seed, "Random seed")->capture_default_str();
  command->callback([] { run_search(options); });
}

}  // namespace dlgo::bench
