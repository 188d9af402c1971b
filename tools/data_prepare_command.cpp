#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "engine/dataset/prepare.h"
#include "engine/encoders/registry.h"
#include "tools/cli_common.h"
#include "tools/data_commands.h"
#include "tools/progress_bar.h"

namespace dlgo::cli {

namespace {

struct PrepareCommandOptions {
  dataset::PrepareOptions prepare;
  std::int64_t games = -1;
  std::int64_t test_games = -1;
  std::string min_rank;
};

void run_prepare(CLI::App& command, PrepareCommandOptions& options) {
  dataset::PrepareOptions& prepare = options.prepare;
  if (options.games >= 0) prepare.train_games = options.games;
  if (options.test_games >= 0) prepare.test_games = options.test_games;
  if (!options.min_rank.empty()) {
    prepare.filter.min_rank = dataset::parse_rank(options.min_rank);
    if (!prepare.filter.min_rank) {
      std::exit(report_user_error(command, "--min-rank: '" + options.min_rank +
                                               "' is not a rank like 6d, 2k or 1p"));
    }
  }
  ProgressBar index_bar("index", "files");
  ProgressBar write_bar("write", "games");
  bool index_done = false;
  dataset::PrepareReport report;
  try {
    report = dataset::prepare_dataset(prepare, [&](const dataset::PrepareProgress& progress) {
      if (progress.phase[0] == 'i') {
        index_bar.update(progress.done, progress.total);
      } else {
        if (!index_done) {
          index_bar.finish();
          index_done = true;
        }
        write_bar.update(progress.done, progress.total);
      }
    });
  } catch (const std::exception& error) {
    std::exit(report_user_error(command, error.what()));
  }
  write_bar.finish();
  for (const auto& warning : report.warnings) std::cerr << "warning: " << warning << "\n";
  std::int64_t rows = report.train_rows + report.test_rows;
  double seconds = report.index_seconds + report.write_seconds;
  std::printf("read %lld SGF files: %lld usable games, %lld filtered out, %lld with illegal moves "
              "(skipped), %lld malformed (skipped)\n",
              static_cast<long long>(report.records), static_cast<long long>(report.usable_games),
              static_cast<long long>(report.filtered_games),
              static_cast<long long>(report.illegal_games),
              static_cast<long long>(report.malformed_files));
  std::printf("%s: %lld games, %lld rows\n", report.train_path.c_str(),
              static_cast<long long>(report.train_games), static_cast<long long>(report.train_rows));
  std::printf("%s: %lld games, %lld rows\n", report.test_path.c_str(),
              static_cast<long long>(report.test_games), static_cast<long long>(report.test_rows));
  if (report.pass_moves_skipped) {
    std::printf("%lld pass moves played but not written (encoder %s has no pass label)\n",
                static_cast<long long>(report.pass_moves_skipped), prepare.encoder.c_str());
  }
  std::printf("%.0f rows/s end to end (index %.1f s, write %.1f s)\n",
              seconds > 0 ? rows / seconds : 0.0, report.index_seconds, report.write_seconds);
}

}  // namespace

void register_prepare_command(CLI::App& app) {
  static PrepareCommandOptions options;
  options.prepare.workers = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  CLI::App* command = app.add_subcommand(
      "prepare", "Turn SGF files and KGS archives into train/test HDF5 datasets");
  command->add_option("--input", options.prepare.inputs,
                      "SGF files, folders, .tar.gz/.tar.bz2/.zip archives")
      ->required();
  std::string encoder_help = "Feature encoder:";
  for (const auto& name : encoder_names()) encoder_help += " " + name;
  command->add_option("--encoder", options.prepare.encoder, encoder_help)
      ->check(CLI::IsMember(encoder_names()))
      ->capture_default_str();
  command->add_option("--out", options.prepare.out_prefix,
                      "Output prefix: writes PREFIX.train.h5 and PREFIX.test.h5")
      ->required();
  command->add_option("--games", options.games,
                      "Training games (default: every usable game not in the test set)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--test-games", options.test_games, "Test games (default: 10% of usable games)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--seed", options.prepare.seed, "Seed of the train/test split")
      ->capture_default_str();
  command->add_option("--board-size", options.prepare.filter.board_size,
                      "Only games on this board size")
      ->check(CLI::Range(2, 25))
      ->capture_default_str();
  command->add_option("--workers", options.prepare.workers, "Worker threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  command->add_flag("--skip-handicap", options.prepare.filter.skip_handicap,
                    "Leave out handicap games");
  command->add_option("--min-rank", options.min_rank,
                      "Only games where both players are at least this rank (e.g. 6d)");
  command->callback([command] { run_prepare(*command, options); });
}

}  // namespace dlgo::cli
