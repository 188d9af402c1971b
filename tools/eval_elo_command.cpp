// dlgo-eval elo: a round robin over a pool of players and their Bradley-Terry ratings.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "engine/eval/bradley_terry.h"
#include "engine/eval/win_rate.h"
#include "tools/cli_common.h"
#include "tools/eval_commands.h"
#include "tools/eval_common.h"
#include "tools/progress_bar.h"

namespace dlgo::cli {

namespace {

struct EloCommand {
  std::vector<std::string> agents;
  int games_per_pair = 10;
  double prior_draws = 1.0;
  EvalOptions options;
};

int run_elo(const CLI::App& command, EloCommand& elo) {
  if (std::string error = finish_eval_options(elo.options); !error.empty()) {
    return report_user_error(command, error);
  }
  const int n = static_cast<int>(elo.agents.size());
  std::vector<std::unique_ptr<PlayerFactory>> factories;
  std::vector<const PlayerFactory*> players;
  try {
    for (int i = 0; i < n; ++i) {
      factories.push_back(std::make_unique<PlayerFactory>(
          elo.agents[i], agent_options_for(elo.options, i), gtp_options(elo.options)));
      players.push_back(factories.back().get());
    }
  } catch (const std::exception& error) {
    return report_user_error(command, error.what());
  }
  default_board_size_to_players(command, elo.options, players);
  const std::vector<std::string> names = display_names(players);
  const std::vector<ScheduledGame> schedule = round_robin_schedule(n, elo.games_per_pair);
  const int total = static_cast<int>(schedule.size());

  // score[i][j]: points of i against j (a draw is half a point each); games[i][j].
  std::vector<std::vector<double>> score(n, std::vector<double>(n, 0.0));
  std::vector<std::vector<int>> games(n, std::vector<int>(n, 0));
  int done = 0;
  ProgressBar bar("elo", "games");
  auto on_game = [&](const GameOutcome& outcome) {
    int b = outcome.game.black, w = outcome.game.white, winner = outcome.winner_index();
    ++games[b][w];
    ++games[w][b];
    if (winner < 0) {
      score[b][w] += 0.5;
      score[w][b] += 0.5;
    } else {
      score[winner][winner == b ? w : b] += 1;
    }
    ++done;
    print_game_line(outcome, total, names);
    bar.update(done, total);
  };
  std::string failure;
  try {
    run_games(players, schedule, elo.options.settings, on_game);
  } catch (const std::exception& error) {
    failure = error.what();
  }
  bar.finish();
  if (!failure.empty()) {
    return report_user_error(
        command, "round robin stopped after " + std::to_string(done) + " games: " + failure);
  }

  std::printf("\nresults (row's points against column, of %d games each):\n%-16s",
              elo.games_per_pair, "");
  for (int j = 0; j < n; ++j) std::printf(" %10.10s", names[j].c_str());
  std::printf("\n");
  for (int i = 0; i < n; ++i) {
    std::printf("%-16.16s", names[i].c_str());
    for (int j = 0; j < n; ++j) {
      if (i == j)
        std::printf(" %10s", "-");
      else
        std::printf(" %10g", score[i][j]);
    }
    std::printf("\n");
  }

  std::vector<PairResult> results;
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j) {
      PairResult pair;
      pair.first = i;
      pair.second = j;
      // Points, with a draw as half a win each: the same likelihood as counting draws apart.
      pair.first_wins = score[i][j];
      pair.second_wins = score[j][i];
      results.push_back(pair);
    }
  }
  BradleyTerryRatings ratings;
  try {
    ratings = fit_bradley_terry(n, results, elo.prior_draws);
  } catch (const std::exception& error) {
    return report_user_error(command, error.what());
  }
  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](int a, int b) { return ratings.elo[a] > ratings.elo[b]; });
  std::printf("\nBradley-Terry ratings (Elo, mean 0; %g virtual draws per pair; 95%% intervals):\n",
              elo.prior_draws);
  std::printf("%-4s %-24s %8s %18s %8s %8s\n", "rank", "player", "elo", "interval", "score",
              "games");
  for (int rank = 0; rank < n; ++rank) {
    int i = order[rank];
    double half = kZ95 * ratings.elo_error[i];
    double points = 0;
    int played = 0;
    for (int j = 0; j < n; ++j) {
      points += score[i][j];
      played += games[i][j];
    }
    std::printf("%-4d %-24.24s %8s   [%6s, %6s] %8g %8d\n", rank + 1, names[i].c_str(),
                format_elo(ratings.elo[i]).c_str(), format_elo(ratings.elo[i] - half).c_str(),
                format_elo(ratings.elo[i] + half).c_str(), points, played);
  }
  if (!ratings.converged) std::printf("warning: the rating fit did not converge\n");
  std::fflush(stdout);
  return kExitOk;
}

}  // namespace

void register_elo_command(CLI::App& app) {
  static EloCommand elo;
  CLI::App* command = app.add_subcommand(
      "elo", "Rate a pool of agents and GTP engines by a round robin (Bradley-Terry)");
  command
      ->add_option("--agents", elo.agents,
                   "Players: bot names, agent files, gtp:<command line> (at least two)")
      ->required()
      ->expected(2, 1000);
  command->add_option("--games-per-pair", elo.games_per_pair, "Games between each pair")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command
      ->add_option("--prior-draws", elo.prior_draws,
                   "Virtual drawn games added to every pair, so a clean sweep still gets a "
                   "finite rating (0: plain maximum likelihood)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  add_eval_options(*command, elo.options);
  command->callback([command] { std::exit(run_elo(*command, elo)); });
}

}  // namespace dlgo::cli
