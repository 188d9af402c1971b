#include "tools/bench_zero.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "engine/game_state.h"
#include "net/agents/zero_search.h"
#include "net/model.h"
#include "tools/cli_common.h"

namespace dlgo::bench {

namespace {

struct ZeroBenchOptions {
  std::string agent;
  int rounds = 200;
  std::vector<int> threads{1, 2};
  int moves = 10;
  std::string device = "cpu";
  int max_batch = 64;
  double max_wait_ms = 2.0;
  std::uint64_t seed = 1;
};

struct Figures {
  double seconds = 0;
  std::uint64_t evaluations = 0, batches = 0;
  long long simulations = 0;
  int moves = 0;
};

// Plays `moves` moves of a self-play game from the empty board with a fresh search per move
// (no tree reuse, so every move costs the same number of simulations), timing the searches.
Figures measure(const std::shared_ptr<const net::Model>& model, const ZeroBenchOptions& options,
                int threads) {
  net::ZeroOptions zero;
  zero.rounds = options.rounds;
  zero.threads = threads;
  zero.batching.max_batch = options.max_batch;
  zero.batching.max_wait_ms = options.max_wait_ms;
  const BoardSize size = model->encoder().board_size();
  GameState state(size);
  Figures figures;
  for (int i = 0; i < options.moves && !state.is_over(); ++i) {
    net::ZeroSearch search(model, zero, options.seed + static_cast<std::uint64_t>(i));
    const auto start = std::chrono::steady_clock::now();
    MoveDecision decision = search.select_move(state);
    figures.seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    BatchingStats stats = search.evaluator().stats();
    figures.evaluations += stats.positions;
    figures.batches += stats.batches;
    figures.simulations += search.last_stats().simulations;
    ++figures.moves;
    state.play(decision.move);
  }
  return figures;
}

void run_zero_bench(const CLI::App& command, const ZeroBenchOptions& options) {
  std::shared_ptr<const net::Model> model;
  try {
    model = net::Model::load(options.agent, options.device);
    if (!model->has_value_head()) {
      throw std::runtime_error(options.agent +
                               ": the zero search needs a network with a value head");
    }
  } catch (const std::exception& error) {
    std::exit(cli::report_user_error(command, error.what()));
  }
  const net::AgentMetadata& meta = model->metadata();
  std::printf("zero search: %s (%s network, %s encoder, %dx%d), %d rounds/move, %d moves, %s\n",
              options.agent.c_str(), meta.network.network.c_str(), meta.encoder.c_str(),
              meta.board_width, meta.board_height, options.rounds, options.moves,
              options.device.c_str());
  measure(model, ZeroBenchOptions{options.agent, 8, {1}, 1}, 1);  // warm-up: first calls are slow
  std::printf("  %-8s %10s %12s %12s %12s\n", "threads", "ms/move", "evals/s", "pos/batch",
              "sims/s");
  for (int threads : options.threads) {
    Figures f = measure(model, options, threads);
    std::printf("  %-8d %10.2f %12.0f %12.2f %12.0f\n", threads, 1e3 * f.seconds / f.moves,
                f.evaluations / f.seconds, f.batches ? double(f.evaluations) / f.batches : 0.0,
                f.simulations / f.seconds);
  }
}

}  // namespace

void register_zero_benchmark(CLI::App& app) {
  static ZeroBenchOptions options;
  CLI::App* command =
      app.add_subcommand("zero", "Network evaluations/s and batch sizes of the zero search");
  command->add_option("--agent", options.agent, "Agent file with a policy and value network")
      ->required();
  command->add_option("--rounds", options.rounds, "Simulations per move")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--threads", options.threads, "Search thread counts to compare")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  command->add_option("--moves", options.moves, "Moves of a self-play game to time")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--device", options.device, "cpu, cuda, cuda:N or auto")
      ->capture_default_str();
  command->add_option("--max-batch", options.max_batch, "Largest network batch")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command
      ->add_option("--max-wait-ms", options.max_wait_ms,
                   "Longest a leaf waits for its batch to fill (ms)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  command->add_option("--seed", options.seed, "Random seed")->capture_default_str();
  command->callback([command] { run_zero_bench(*command, options); });
}

}  // namespace dlgo::bench
