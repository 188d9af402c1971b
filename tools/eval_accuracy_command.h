// `dlgo-eval accuracy` (built with net/): top-1, top-5 and loss of an agent on a dataset.
//
// Contract: register_accuracy_command adds the subcommand; call once from main.
#pragma once

#include <CLI/CLI.hpp>

namespace dlgo::cli {

void register_accuracy_command(CLI::App& app);

}  // namespace dlgo::cli
