#include "tools/eval_common.h"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "engine/agents/default_board_side.h"
#include "engine/coords.h"
#include "engine/rng.h"

namespace dlgo::cli {

void add_eval_options(CLI::App& command, EvalOptions& options) {
  MatchSettings& settings = options.settings;
  command
      .add_option("--board-size", settings.board_size,
                  "Board size (default: the agent files' own board, else " +
                      std::to_string(settings.board_size) + ")")
      ->check(CLI::Range(kMinBoardSide, kMaxBoardSide));
  command.add_option("--komi", settings.komi, "Komi")->capture_default_str();
  command.add_option("--workers", settings.workers, "Games played at once")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  command.add_option("--sgf-dir", settings.sgf_dir, "Write every game as SGF into this directory");
  command
      .add_option("--max-moves", settings.max_moves,
                  "Score a game as it stands after this many moves (0: 3 x points)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  command.add_option("--mcts-rounds", options.agent.mcts_rounds, "mcts: rollouts per move")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command
      .add_option("--temperature", options.agent.temperature,
                  "Network agents (pg, q, value, ac): sampling temperature")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command.add_flag("--greedy", options.agent.greedy,
                   "Network agents (predict, pg, q, value, ac): always play the best-ranked move");
  command
      .add_option("--rounds", options.agent.rounds,
                  "zero, alphago: simulations per move (0: the agent's default)")
      ->check(CLI::NonNegativeNumber);
  command
      .add_option("--seconds-per-move", options.agent.seconds_per_move,
                  "zero: search this long per move instead of --rounds (0: rounds)")
      ->check(CLI::NonNegativeNumber);
  command
      .add_option("--search-threads", options.agent.search_threads,
                  "zero: threads of one move's search, whose leaves the network evaluates "
                  "together (more than one pays even on one core)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  command
      .add_option("--sampled-opening-moves", options.agent.sampled_opening_moves,
                  "zero: draw each game's first N moves of every zero player in proportion to "
                  "its search's visit counts, so that games between deterministic players (a "
                  "search and GNU Go) do not repeat (0: always the most visited)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  command.add_option("--seed", options.seed, "Random seed (0: from the clock)")
      ->capture_default_str();
  command
      .add_option("--move-timeout", options.move_timeout,
                  "Seconds a GTP engine may take for one answer")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command.add_option("--referee", options.settings.referee,
                     "GTP engine whose final_status_list decides dead stones, e.g. "
                     "\"gnugo --mode gtp --level 10\" (default: playout estimate)");
  command
      .add_option("--engine-restarts", options.settings.engine_restarts,
                  "Times one game is replayed from the start, with the engines restarted, after "
                  "an external engine failed in it (died, hung, broke the protocol); then the "
                  "run stops")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  command.add_flag("--show-engine-stderr", options.engine_stderr,
                   "Pass GTP engines' error output through (default: quoted only on failure)");
}

std::string finish_eval_options(EvalOptions& options) {
  if (options.seed == 0) {
    options.seed =
        static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }
  options.settings.dead_stones.seed = options.seed;
  std::string& referee = options.settings.referee;
  if (referee.rfind("gtp:", 0) == 0) referee = referee.substr(4);
  const std::string& dir = options.settings.sgf_dir;
  if (!dir.empty()) {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (!std::filesystem::is_directory(dir)) {
      return "cannot create the SGF directory '" + dir + "'" +
             (error ? ": " + error.message() : std::string());
    }
  }
  return "";
}

void default_board_size_to_players(const CLI::App& command, EvalOptions& options,
                                   const std::vector<const PlayerFactory*>& players) {
  if (command.get_option("--board-size")->count() > 0) return;
  int& side = options.settings.board_size;
  side = default_board_side(
      [&](int s) {
        for (const PlayerFactory* player : players) {
          if (!player->supports(BoardSize{s, s})) return false;
        }
        return true;
      },
      side);
}

GtpClientOptions gtp_options(const EvalOptions& options) {
  GtpClientOptions gtp;
  gtp.response_timeout =
      std::chrono::milliseconds(static_cast<long long>(options.move_timeout * 1000));
  gtp.pass_stderr = options.engine_stderr;
  return gtp;
}

AgentOptions agent_options_for(const EvalOptions& options, int index) {
  AgentOptions agent = options.agent;
  std::uint64_t state = options.seed + static_cast<std::uint64_t>(index) * 0x632BE59BD9B4E019ull;
  agent.seed = splitmix64(state);
  return agent;
}

void print_game_line(const GameOutcome& outcome, int total, const std::vector<std::string>& names) {
  // A progress bar being redrawn on a terminal would share the line: clear it first.
  if (isatty(STDERR_FILENO)) std::fputs("\r\033[K", stderr);
  const std::string& black = names[outcome.game.black];
  const std::string& white = names[outcome.game.white];
  int winner = outcome.winner_index();
  std::printf("game %d/%d: %s (B) vs %s (W): %s after %d moves, %.1f s, %s\n",
              outcome.game.index + 1, total, black.c_str(), white.c_str(), outcome.result.c_str(),
              outcome.moves, outcome.seconds,
              winner < 0 ? "draw" : (names[winner] + " wins").c_str());
  if (!outcome.note.empty()) std::printf("  %s\n", outcome.note.c_str());
  for (const std::string& failure : outcome.engine_failures)
    std::printf("  replayed from the start after an engine failure: %s\n", failure.c_str());
  std::fflush(stdout);
}

std::vector<std::string> display_names(const std::vector<const PlayerFactory*>& players) {
  std::vector<std::string> names;
  for (const PlayerFactory* player : players) {
    std::string name = player->label();
    int copies = 1;
    for (const std::string& other : names) {
      if (other == name || other.rfind(name + "#", 0) == 0) ++copies;
    }
    names.push_back(copies == 1 ? name : name + "#" + std::to_string(copies));
  }
  return names;
}

std::string format_elo(double elo) {
  if (std::isinf(elo)) return elo > 0 ? "+inf" : "-inf";
  char text[32];
  std::snprintf(text, sizeof text, "%+.0f", elo);
  return text;
}

}  // namespace dlgo::cli
