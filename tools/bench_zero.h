// `dlgo-bench zero`: how fast the zero search feeds the network — network evaluations per
// second and positions per network call (the batching evaluator's batch size) for one or
// more search thread counts.
//
// Contract: register_zero_benchmark adds the subcommand; call once from main.
#pragma once

#include <CLI/CLI.hpp>

namespace dlgo::bench {

void register_zero_benchmark(CLI::App& app);

}  // namespace dlgo::bench
