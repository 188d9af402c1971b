// `dlgo-bench playouts`: random self-play games per second (the book's fast random bot rules).
//
// Contract: register_playouts_benchmark adds the subcommand to the app and keeps its options
// alive in static storage; call once from main.
#pragma once

#include <CLI/CLI.hpp>

namespace dlgo::bench {

void register_playouts_benchmark(CLI::App& app);

}  // namespace dlgo::bench
