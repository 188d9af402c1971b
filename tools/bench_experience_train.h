// `dlgo-bench experience-train`: reinforcement-learning training throughput — decisions per
// second of `dlgo-train --experience` on an agent's own self-play, plain and with --augment
// measured side by side (alternating, so machine noise hits both alike).
//
// Contract: register_experience_train_benchmark adds the subcommand; call once from main.
#pragma once

#include <CLI/CLI.hpp>

namespace dlgo::bench {

void register_experience_train_benchmark(CLI::App& app);

}  // namespace dlgo::bench
