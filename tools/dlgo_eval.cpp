// dlgo-eval: measure strength. `match` plays two agents or GTP engines against each other and
// reports the win rate with a confidence interval and the Elo difference; `elo` rates a pool of
// them by Bradley-Terry maximum likelihood from a round robin.
#include "tools/cli_common.h"
#include "tools/eval_commands.h"

int main(int argc, char** argv) {
  CLI::App app{"dlgo-eval: matches and ratings between agents and GTP engines", "dlgo-eval"};
  app.require_subcommand(1);
  dlgo::cli::register_match_command(app);
  dlgo::cli::register_elo_command(app);
  dlgo::cli::parse_or_exit(app, argc, argv);
  return dlgo::cli::kExitOk;
}
