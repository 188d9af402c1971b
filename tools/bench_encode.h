// `dlgo-bench encode`: positions per second that a feature encoder turns into planes.
//
// Contract: register_encode_benchmark adds the subcommand to the app and keeps its options
// alive in static storage; call once from main.
#pragma once

#include <CLI/CLI.hpp>

namespace dlgo::bench {

void register_encode_benchmark(CLI::App& app);

}  // namespace dlgo::bench
