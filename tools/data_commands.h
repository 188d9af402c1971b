// `dlgo-data prepare` and `dlgo-data stats`.
//
// Contract: each register_* adds its subcommand to the app, with options kept in static
// storage; call once from main. The subcommand's callback exits the process with the
// convention of cli_common.h when it fails.
#pragma once

#include <CLI/CLI.hpp>

namespace dlgo::cli {

void register_prepare_command(CLI::App& app);
void register_stats_command(CLI::App& app);

}  // namespace dlgo::cli
