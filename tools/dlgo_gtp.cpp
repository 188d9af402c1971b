// dlgo-gtp: a GTP engine around any agent, for GNU Go, GoGui, Sabaki, Lizzie and gtp2ogs.
// Reads commands on stdin, answers on stdout; logs (with --verbose) go to stderr only, so the
// protocol stream stays clean.
#include <cstdio>
#include <iostream>
#include <memory>

#include "engine/agents/agent_factory.h"
#include "engine/agents/default_board_side.h"
#include "engine/gtp/gtp_engine.h"
#include "engine/gtp/gtp_session.h"
#include "tools/cli_common.h"

#ifdef DLGO_HAVE_NET
#include "net/agent_files.h"
#endif

int main(int argc, char** argv) {
  CLI::App app{"dlgo-gtp: play any dlgo agent over the Go Text Protocol (stdin/stdout)",
               "dlgo-gtp"};
  std::string agent_file, bot;
  dlgo::AgentOptions options;
  int board_size = 19;
  double komi = 7.5;
  std::string ko_rule = "positional";
  std::string name = "dlgo";
  int max_timed_rounds = 100000;
  bool verbose = false;
  auto* agent_option = app.add_option("--agent", agent_file, "Agent file (HDF5) to play");
  auto* bot_option = app.add_option("--bot", bot, "Built-in bot to play: random or mcts");
  agent_option->excludes(bot_option);
  app.add_option("--mcts-rounds", options.mcts_rounds,
                 "mcts: rollouts per move when there is no time limit")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--mcts-temperature", options.mcts_temperature, "mcts: UCT exploration weight")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--max-timed-rounds", max_timed_rounds,
                 "Search agents: most visits (rollouts) per move under a time limit")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--temperature", options.temperature, "Network agents: sampling temperature")
      ->capture_default_str();
  app.add_flag("--greedy", options.greedy, "Network agents: always play the best move");
  app.add_option("--rounds", options.rounds, "Network search agents: rounds per move (0: default)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--seconds-per-move", options.seconds_per_move,
                 "zero: search this long per move instead of --rounds (0: rounds)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--search-threads", options.search_threads,
                 "zero: threads of one move's search, whose leaves the network evaluates "
                 "together (more than one pays even on one core)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--seed", options.seed, "Random seed")->capture_default_str();
  auto* board_size_option =
      app.add_option("--board-size", board_size,
                     "Board size until the controller sets one (default: the agent file's own "
                     "board, else 19)")
          ->check(CLI::Range(dlgo::kMinBoardSide, dlgo::kMaxBoardSide));
  app.add_option("--komi", komi, "Komi until the controller sets one")->capture_default_str();
  app.add_option("--ko-rule", ko_rule, "simple, positional or situational superko")
      ->check(CLI::IsMember({"simple", "positional", "situational"}))
      ->capture_default_str();
  app.add_option("--name", name, "Name answered to the `name` command")->capture_default_str();
  app.add_flag("--verbose", verbose, "Log each move's diagnostics to stderr");
  dlgo::cli::parse_or_exit(app, argc, argv);

  if (agent_file.empty() && bot.empty()) {
    std::cerr
        << "dlgo-gtp: give --agent FILE or --bot NAME\nRun with --help for more information.\n";
    return dlgo::cli::kExitUsageError;
  }
#ifdef DLGO_HAVE_NET
  dlgo::net::install_agent_file_loader();
#endif
  const std::string spec = agent_file.empty() ? bot : agent_file;
  std::shared_ptr<dlgo::Agent> agent;
  try {
    agent = dlgo::make_agent(spec, options);
  } catch (const std::exception& error) {
    return dlgo::cli::report_user_error(app, error.what());
  }

  if (board_size_option->count() == 0) {
    board_size = dlgo::default_board_side(
        [&](int side) {
          return agent->supports(dlgo::BoardSize{side, side});
        },
        board_size);
  }

  dlgo::GtpEngineOptions engine_options;
  engine_options.name = name;
  engine_options.board_size = board_size;
  engine_options.rules.komi = komi;
  engine_options.rules.ko_rule = *dlgo::parse_ko_rule(ko_rule);
  engine_options.seed = options.seed;
  engine_options.max_timed_rounds = max_timed_rounds;
  if (verbose) engine_options.log = &std::cerr;
  try {
    dlgo::GtpEngine engine(agent, engine_options);
    std::ios::sync_with_stdio(false);
    dlgo::run_gtp_session(engine, std::cin, std::cout);
  } catch (const std::exception& error) {
    return dlgo::cli::report_user_error(app, error.what());
  }
  return dlgo::cli::kExitOk;
}
