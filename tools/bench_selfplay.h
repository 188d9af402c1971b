// `dlgo-bench selfplay`: reinforcement-learning self-play throughput — games and recorded
// decisions per second of an agent playing itself with experience recording on, for one or
// more worker counts measured side by side.
//
// Contract: register_selfplay_benchmark adds the subcommand; call once from main.
#pragma once

#include <CLI/CLI.hpp>

namespace dlgo::bench {

void register_selfplay_benchmark(CLI::App& app);

}  // namespace dlgo::bench
