// dlgo-rl: the reinforcement-learning loop. Self-play with the best agent, train a candidate on
// that experience, evaluate the candidate against the best, promote it only when it wins.
// Run the same command again after a stop and it resumes from the work dir. With
// --remote-self-play the self-play games come from dlgo-selfplay --worker processes.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "net/agent_file.h"
#include "net/agent_files.h"
#include "net/rl/rl_loop.h"
#include "net/training/trainer.h"
#include "tools/cli_common.h"

int main(int argc, char** argv) {
  CLI::App app{
      "dlgo-rl: self-play -> train -> evaluate against the best -> promote on a win; resumable",
      "dlgo-rl"};
  dlgo::net::RlLoopOptions options;
  double learning_rate = -1;
  app.add_option("--agent", options.agent_path, "Initial agent file (e.g. from dlgo-init)")
      ->required();
  app.add_option("--work-dir", options.work_dir,
                 "Folder for the loop's files; an existing loop there resumes")
      ->required();
  auto* board_size_option = app.add_option("--board-size", options.board_size,
                                           "Board side (default: the agent file's own board)")
                                ->check(CLI::Range(2, 25));
  app.add_option("--komi", options.komi, "Komi")->capture_default_str();
  app.add_option("--rounds", options.rounds,
                 "Rounds in total (a resumed loop continues to this many)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--games-per-round", options.games_per_round, "Self-play games per round")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--eval-games", options.eval_games, "Games of each candidate against the best")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--promote-threshold", options.promote_threshold,
                 "Score the candidate needs to become the best")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--experience-window", options.experience_window,
                 "Rounds of the best's experience a candidate trains on")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  std::string learner = "best";
  app.add_option(
         "--learner", learner,
         "Who plays and trains: best (candidates start from the best) or continue (the latest "
         "candidate keeps training; the gate only picks the best)")
      ->check(CLI::IsMember({"best", "continue"}))
      ->capture_default_str();
  app.add_option("--method", options.train.method, "pg, ac, q, value or zero")
      ->check(CLI::IsMember(dlgo::net::rl_method_names()))
      ->capture_default_str();
  app.add_option("--optimizer", options.train.optimizer, "sgd or adam")
      ->check(CLI::IsMember({"sgd", "adam"}))
      ->capture_default_str();
  app.add_option("--lr", learning_rate, "Learning rate (default: sgd 0.01, adam 0.001)")
      ->check(CLI::PositiveNumber);
  app.add_option("--batch-size,--bs", options.train.batch_size, "Batch size")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--epochs", options.train.epochs, "Passes over the experience per round")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--clip-grad", options.train.clip_grad_norm, "Maximum gradient norm (0: none)")
      ->capture_default_str();
  app.add_option("--ppo-clip", options.train.ppo_clip,
                 "pg and ac: PPO's clipped loss, no move's probability moved by more than the "
                 "factor 1 +- this "
                 "per round (0: the book's loss; 0.2 is usual)")
      ->check(CLI::Range(0.0, 0.99))
      ->capture_default_str();
  app.add_flag("--augment", options.train.augment,
               "Train on every row under a random board symmetry (rotations and mirrors)");
  app.add_option("--temperature", options.player.temperature,
                 "Self-play sampling temperature (pg, ac, q, value)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--rounds-per-move", options.player.zero_rounds,
                 "zero: search simulations per self-play move")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--eval-rounds", options.eval_rounds,
                 "zero: simulations per move in evaluation (0: default)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--reference", options.reference,
                 "Also measure each candidate against this bot (e.g. random)");
  app.add_option("--reference-games", options.reference_games,
                 "Games against the reference per round")
      ->check(CLI::NonNegativeNumber);
  app.add_flag("--remote-self-play", options.remote_self_play,
               "Play no self-play games here: wait for shards from dlgo-selfplay --worker "
               "--work-dir WORK_DIR processes (any machine that mounts WORK_DIR) and train on at "
               "least --games-per-round games of the current agent a round "
               "(docs/selfplay-workers.md)");
  app.add_option("--partial-timeout", options.partial_timeout_seconds,
                 "Remote self-play: seconds a shard temporary may stay unchanged before it "
                 "counts as a killed worker's and is removed")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--workers", options.workers,
                 "Games played at once (self-play here, and the evaluation matches)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--device", options.train.device, "Training device: auto, cpu, cuda, cuda:N")
      ->capture_default_str();
  app.add_option("--threads", options.train.threads, "CPU threads for libtorch (0: its default)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--seed", options.player.seed, "Seed of the loop")->capture_default_str();
  dlgo::cli::parse_or_exit(app, argc, argv);
  options.train.learning_rate =
      learning_rate > 0 ? learning_rate : dlgo::net::default_learning_rate(options.train.optimizer);
  options.train.seed = options.player.seed;
  options.learner =
      learner == "continue" ? dlgo::net::RlLearner::kContinue : dlgo::net::RlLearner::kBest;
  if (!options.reference.empty() && options.reference_games == 0)
    options.reference_games = options.eval_games;

  try {
    dlgo::net::install_agent_file_loader();
    if (board_size_option->count() == 0) {
      // The agent the loop goes on from: its own initial copy when it resumes.
      const std::filesystem::path initial = std::filesystem::path(options.work_dir) / "initial.h5";
      const std::string agent =
          std::filesystem::exists(initial) ? initial.string() : options.agent_path;
      options.board_size = dlgo::net::read_agent_info(agent).metadata.board_width;
    }
    auto result = dlgo::net::run_rl_loop(options, [](const std::string& line) {
      std::printf("%s\n", line.c_str());
      std::fflush(stdout);
    });
    int promotions = 0;
    for (const auto& round : result.rounds) promotions += round.promoted;
    std::printf(
        "%zu rounds, %d promotions; best agent %s; metrics.csv, progress.svg and log.txt in %s\n",
        result.rounds.size(), promotions, result.best_path.c_str(), options.work_dir.c_str());
  } catch (const std::exception& error) {
    return dlgo::cli::report_user_error(app, error.what());
  }
  return dlgo::cli::kExitOk;
}
