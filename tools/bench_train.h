// `dlgo-bench train-step` (built with net/).
//
// Contract: register_train_step_benchmark adds the subcommand; call once from main.
#pragma once

#include <CLI/CLI.hpp>

namespace dlgo::bench {

void register_train_step_benchmark(CLI::App& app);

}  // namespace dlgo::bench
