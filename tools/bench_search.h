// `dlgo-bench search`: time per move of a search agent.
//
// Contract: register_search_benchmark adds the subcommand; call once from main.
#pragma once

#include <CLI/CLI.hpp>

namespace dlgo::bench {

void register_search_benchmark(CLI::App& app);

}  // namespace dlgo::bench
