// dlgo-init: writes a fresh (untrained) agent file for a network, encoder, board size and kind;
// for alphago agents it can embed a rollout policy network taken from another agent file, in a
// fresh file or (--embed-only) in an existing alphago file.
#include <cstdio>
#include <iostream>

#include "engine/encoders/registry.h"
#include "net/agent_init.h"
#include "net/rollout_policy.h"
#include "tools/cli_common.h"

int main(int argc, char** argv) {
  CLI::App app{"dlgo-init: write a fresh, untrained agent file", "dlgo-init"};
  dlgo::net::InitOptions options;
  std::string out, positional_out;
  // --out like every other program; the positional form of earlier versions still works.
  auto* out_option = app.add_option("--out", out, "Agent file to write (.h5)");
  app.add_option("file", positional_out, "The same as --out")->excludes(out_option);
  app.add_option("--kind", options.kind, "predict, pg, q, ac, value, zero or alphago")
      ->check(CLI::IsMember(dlgo::agent_kind_names(dlgo::net::agent_file_kinds())))
      ->capture_default_str();
  app.add_option("--network", options.network, "Network architecture")
      ->check(CLI::IsMember(dlgo::net::network_names()))
      ->capture_default_str();
  app.add_option("--encoder", options.encoder, "Feature encoder")
      ->check(CLI::IsMember(dlgo::encoder_names()))
      ->capture_default_str();
  app.add_option("--board-size", options.board_size, "Board side")
      ->check(CLI::Range(2, 25))
      ->capture_default_str();
  app.add_option("--blocks", options.blocks, "Residual blocks (resnet)")->capture_default_str();
  app.add_option("--filters", options.filters, "Filters per layer (resnet, alphago)")
      ->capture_default_str();
  app.add_option("--seed", options.seed, "Seed of the initial weights")->capture_default_str();
  app.add_option("--rollout-policy", options.rollout_policy,
                 "alphago: agent file (predict, pg, ...; same board) whose network plays the "
                 "rollouts; it is copied into OUT")
      ->check(CLI::ExistingFile);
  bool embed_only = false;
  app.add_flag("--embed-only", embed_only,
               "Put --rollout-policy into the existing alphago file OUT (keeping its network and "
               "training record) instead of writing a fresh agent")
      ->needs("--rollout-policy");
  dlgo::cli::parse_or_exit(app, argc, argv);
  if (out.empty()) out = positional_out;
  if (out.empty()) {
    std::cerr << "dlgo-init: give the agent file to write: --out FILE\n"
                 "Run with --help for more information.\n";
    return dlgo::cli::kExitUsageError;
  }
  try {
    if (embed_only) {
      dlgo::net::embed_rollout_policy(out, options.rollout_policy);
      std::printf("embedded %s into %s as its rollout policy\n", options.rollout_policy.c_str(),
                  out.c_str());
      return dlgo::cli::kExitOk;
    }
    std::int64_t parameters = dlgo::net::write_fresh_agent(out, options);
    std::printf("wrote %s: %s agent, %s network, %s encoder, %dx%d, %lld parameters\n", out.c_str(),
                options.kind.c_str(), options.network.c_str(), options.encoder.c_str(),
                options.board_size, options.board_size, static_cast<long long>(parameters));
    if (!options.rollout_policy.empty()) {
      std::printf("rollout policy: %s (embedded)\n", options.rollout_policy.c_str());
    }
  } catch (const std::exception& error) {
    return dlgo::cli::report_user_error(app, error.what());
  }
  return dlgo::cli::kExitOk;
}
