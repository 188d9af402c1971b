// dlgo-eval: measure strength. `match` plays two agents or GTP engines against each other and
// reports the win rate with a confidence interval and the Elo difference; `elo` rates a pool of
// them by Bradley-Terry maximum likelihood from a round robin; `accuracy` (with net/) measures an
// agent's move prediction on a dataset.
#include "tools/cli_common.h"
#include "tools/eval_commands.h"

#ifdef DLGO_HAVE_NET
#include "net/agent_files.h"
#include "tools/eval_accuracy_command.h"
#endif

int main(int argc, char** argv) {
  CLI::App app{"dlgo-eval: matches and ratings between agents and GTP engines", "dlgo-eval"};
  app.require_subcommand(1);
  dlgo::cli::register_match_command(app);
  dlgo::cli::register_elo_command(app);
#ifdef DLGO_HAVE_NET
  dlgo::net::install_agent_file_loader();  // agent files as players
  dlgo::cli::register_accuracy_command(app);
#endif
  dlgo::cli::parse_or_exit(app, argc, argv);
  return dlgo::cli::kExitOk;
}
