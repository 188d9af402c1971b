// `dlgo-bench score`: the end-of-game estimate behind POST /score, GTP final_status_list and
// final_score (engine/dead_stones/final_status.h) on a final position: milliseconds per estimate on
// one thread.
//
// Contract: register_score_benchmark adds the subcommand to the app and keeps its options alive
// in static storage; call once from main.
#pragma once

#include <CLI/CLI.hpp>

namespace dlgo::bench {

void register_score_benchmark(CLI::App& app);

}  // namespace dlgo::bench
