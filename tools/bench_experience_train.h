// `dlgo-bench experience-train`: reinforcement-learning training throughput — decisions per
// second of `dlgo-train --experience` on an agent's own self-play: the book's loss, with
// --augment and with --ppo-clip, measured side by side (in turn, so machine noise hits all
// alike). --ppo-clip applies to pg and ac; for other methods that mode equals plain.
//
// Contract: register_experience_train_benchmark adds the subcommand; call once from main.
#pragma once

#include <CLI/CLI.hpp>

namespace dlgo::bench {

void register_experience_train_benchmark(CLI::App& app);

}  // namespace dlgo::bench
