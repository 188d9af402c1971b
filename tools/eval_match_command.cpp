// dlgo-eval match: two players, alternating colours; per-game results, the win rate of the
// first with a 95% Wilson interval, and the Elo difference it implies. With --record, the
// finished games are kept in a file and a stopped match resumes from it.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>

#include "engine/eval/match_record.h"
#include "engine/eval/win_rate.h"
#include "tools/cli_common.h"
#include "tools/eval_commands.h"
#include "tools/eval_common.h"
#include "tools/progress_bar.h"

namespace dlgo::cli {

namespace {

struct MatchCommand {
  std::string agent1, agent2;
  int games = 20;
  std::string record_path;
  EvalOptions options;
};

// What makes two runs the same match: the players (and the contents of their agent files), the
// board and the players' settings. Not the seed, the workers or the time limits.
MatchSettingList match_identity(const MatchCommand& match) {
  MatchSettingList identity;
  bool agent_files = false;
  auto add_player = [&](const std::string& key, const std::string& spec) {
    identity.emplace_back(key, spec);
    std::error_code error;
    if (std::filesystem::is_regular_file(spec, error)) {
      identity.emplace_back(key + " file", file_fingerprint(spec));
      agent_files = true;
    }
  };
  add_player("agent1", match.agent1);
  add_player("agent2", match.agent2);
  const EvalOptions& options = match.options;
  char komi[32];
  std::snprintf(komi, sizeof komi, "%g", options.settings.komi);
  identity.emplace_back("board size", std::to_string(options.settings.board_size));
  identity.emplace_back("komi", komi);
  identity.emplace_back("max moves", std::to_string(options.settings.max_moves));
  identity.emplace_back("referee",
                        options.settings.referee.empty() ? "(playouts)" : options.settings.referee);
  identity.emplace_back("rounds", std::to_string(options.agent.rounds));
  identity.emplace_back("seconds per move", std::to_string(options.agent.seconds_per_move));
  if (options.agent.sampled_opening_moves > 0) {  // older records, made without it, still match
    identity.emplace_back("sampled opening moves",
                          std::to_string(options.agent.sampled_opening_moves));
  }
  // Only agent files search on threads; records made before the setting had one thread.
  if (agent_files && options.agent.search_threads != 1) {
    identity.emplace_back("search threads", std::to_string(options.agent.search_threads));
  }
  identity.emplace_back("mcts rounds", std::to_string(options.agent.mcts_rounds));
  identity.emplace_back("greedy", options.agent.greedy ? "yes" : "no");
  identity.emplace_back("temperature", std::to_string(options.agent.temperature));
  return identity;
}

int run_match(const CLI::App& command, MatchCommand& match) {
  if (std::string error = finish_eval_options(match.options); !error.empty()) {
    return report_user_error(command, error);
  }
  std::unique_ptr<PlayerFactory> first, second;
  try {
    first = std::make_unique<PlayerFactory>(match.agent1, agent_options_for(match.options, 0),
                                            gtp_options(match.options));
    second = std::make_unique<PlayerFactory>(match.agent2, agent_options_for(match.options, 1),
                                             gtp_options(match.options));
  } catch (const std::exception& error) {
    return report_user_error(command, error.what());
  }
  const std::vector<const PlayerFactory*> players = {first.get(), second.get()};
  default_board_size_to_players(command, match.options, players);
  const std::vector<std::string> names = display_names(players);
  const int total = match.games;

  // The record: the games a stopped run of this match already finished.
  MatchRecord record;
  std::set<int> finished;
  if (!match.record_path.empty()) {
    try {
      const MatchSettingList identity = match_identity(match);
      std::error_code error;
      if (std::filesystem::exists(match.record_path, error)) {
        record = read_match_record(match.record_path);
        check_same_match(match.record_path, record.settings, identity);
        for (const GameOutcome& game : record.games) {
          if (game.game.index >= total) {
            return report_user_error(command, "the match record '" + match.record_path +
                                                  "' holds game " +
                                                  std::to_string(game.game.index + 1) +
                                                  ", more than --games " + std::to_string(total));
          }
          finished.insert(game.game.index);
        }
      }
      record.settings = identity;
      write_match_record(match.record_path, record);  // fails now, not after the first game
    } catch (const std::exception& error) {
      return report_user_error(command, error.what());
    }
  }

  int wins[2] = {0, 0}, draws = 0, black_wins[2] = {0, 0}, done = 0, replays = 0;
  ProgressBar bar("match", "games");
  auto count_game = [&](const GameOutcome& outcome) {
    int winner = outcome.winner_index();
    if (winner < 0)
      ++draws;
    else
      ++wins[winner];
    if (winner >= 0 && outcome.game.black == winner) ++black_wins[winner];
    ++done;
    replays += static_cast<int>(outcome.engine_failures.size());
  };
  auto show_progress = [&] {
    bar.update(
        done, total,
        names[0] + " " + std::to_string(wins[0]) + "-" + std::to_string(wins[1]) + " " + names[1]);
  };
  if (!record.games.empty()) {
    std::printf("resuming from %s: %zu of %d games already played\n", match.record_path.c_str(),
                record.games.size(), total);
    for (const GameOutcome& outcome : record.games) {
      count_game(outcome);
      print_game_line(outcome, total, names);
    }
    show_progress();
  }
  auto on_game = [&](const GameOutcome& outcome) {
    count_game(outcome);
    print_game_line(outcome, total, names);
    if (!match.record_path.empty()) {
      record.games.push_back(outcome);
      write_match_record(match.record_path, record);
    }
    show_progress();
  };
  std::vector<ScheduledGame> schedule;
  for (const ScheduledGame& game : alternating_schedule(total)) {
    if (finished.count(game.index) == 0) schedule.push_back(game);
  }
  std::string failure;
  try {
    run_games(players, schedule, match.options.settings, on_game);
  } catch (const std::exception& error) {
    failure = error.what();
  }
  bar.finish();

  const int played = wins[0] + wins[1] + draws;
  WinRateSummary summary = summarize_win_rate(wins[0], draws, wins[1]);
  std::printf("\n%s vs %s on %dx%d, komi %g: %d games\n", names[0].c_str(), names[1].c_str(),
              match.options.settings.board_size, match.options.settings.board_size,
              match.options.settings.komi, played);
  std::printf("%s won %d, %s won %d, %d drawn; %s won %d of its games as Black, %d as White\n",
              names[0].c_str(), wins[0], names[1].c_str(), wins[1], draws, names[0].c_str(),
              black_wins[0], wins[0] - black_wins[0]);
  if (played > 0) {
    std::printf("win rate of %s: %.3f, 95%% interval [%.3f, %.3f] (Wilson)\n", names[0].c_str(),
                summary.win_rate, summary.interval.low, summary.interval.high);
    std::printf("Elo difference %s - %s: %s, 95%% interval [%s, %s]\n", names[0].c_str(),
                names[1].c_str(), format_elo(summary.elo).c_str(),
                format_elo(summary.elo_interval.low).c_str(),
                format_elo(summary.elo_interval.high).c_str());
  }
  if (replays > 0) {
    std::printf("%d game(s) replayed after an engine failure (voided, not counted)\n", replays);
  }
  std::fflush(stdout);
  if (!failure.empty()) {
    return report_user_error(
        command, "match stopped after " + std::to_string(played) + " games: " + failure);
  }
  return kExitOk;
}

}  // namespace

void register_match_command(CLI::App& app) {
  static MatchCommand match;
  CLI::App* command = app.add_subcommand(
      "match", "Play two agents or GTP engines against each other with alternating colours");
  command
      ->add_option("--agent1", match.agent1,
                   "First player: bot name (random, mcts), agent file, or gtp:<command line>")
      ->required();
  command->add_option("--agent2", match.agent2, "Second player, like --agent1")->required();
  command->add_option("--games", match.games, "Number of games")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option(
      "--record", match.record_path,
      "Keep the finished games in this file, rewritten after each one; when it exists (same "
      "players, agent files and settings), only the missing games are played, so a stopped "
      "match resumes by running the same command again");
  add_eval_options(*command, match.options);
  command->callback([command] { std::exit(run_match(*command, match)); });
}

}  // namespace dlgo::cli
