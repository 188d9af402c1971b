#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <thread>
#include <vector>

#include "engine/dataset/prepare.h"
#include "engine/encoders/registry.h"
#include "tools/cli_common.h"
#include "tools/data_commands.h"
#include "tools/progress_bar.h"

namespace dlgo::cli {

namespace {

// Unusable files and games named on the terminal; --report lists them all.
constexpr std::size_t kSkippedShown = 20;

struct PrepareCommandOptions {
  dataset::PrepareOptions prepare;
  std::int64_t games = -1;
  std::int64_t test_games = -1;
  std::string min_rank;
  std::string report_path;
};

// Collects what the index pass skipped: every record into the --report file, the first
// unusable ones (malformed, illegal) for the terminal. Filtered games are the user's choice and
// only counted there.
class SkippedRecords {
 public:
  // An empty path: no report file. Returns an error message, or "".
  std::string open_report(const std::string& path) {
    path_ = path;
    if (path.empty()) return "";
    report_.open(path, std::ios::trunc);
    if (!report_) return "--report " + path + ": cannot write: " + std::strerror(errno);
    return "";
  }
  void add(const dataset::SkippedRecord& record) {
    if (report_.is_open()) report_ << record.message << "\n";
    if (record.why == dataset::SkippedRecord::Why::kFiltered) return;
    if (shown_.size() < kSkippedShown) shown_.push_back(record.message);
    ++unusable_;
  }
  // Names the first unusable records on stderr and says where the rest are; returns an error
  // message when the report could not be written, or "".
  std::string finish() {
    for (const auto& message : shown_) std::cerr << "warning: " << message << "\n";
    const std::int64_t unnamed = unusable_ - static_cast<std::int64_t>(shown_.size());
    if (!report_.is_open()) {
      if (unnamed > 0) {
        std::cerr << "warning: " << unnamed
                  << " more unusable files and games are not named here; --report FILE lists "
                     "them all\n";
      }
      return "";
    }
    report_.close();
    if (!report_) return "--report " + path_ + ": cannot write: " + std::strerror(errno);
    if (unnamed > 0) {
      std::cerr << "warning: " << unnamed << " more unusable files and games are listed in "
                << path_ << "\n";
    }
    return "";
  }

 private:
  std::string path_;
  std::ofstream report_;
  std::vector<std::string> shown_;
  std::int64_t unusable_ = 0;
};

int run_prepare(CLI::App& command, PrepareCommandOptions& options) {
  dataset::PrepareOptions& prepare = options.prepare;
  if (options.games >= 0) prepare.train_games = options.games;
  if (options.test_games >= 0) prepare.test_games = options.test_games;
  if (!options.min_rank.empty()) {
    prepare.filter.min_rank = dataset::parse_rank(options.min_rank);
    if (!prepare.filter.min_rank) {
      return report_user_error(
          command, "--min-rank: '" + options.min_rank + "' is not a rank like 6d, 2k or 1p");
    }
  }
  SkippedRecords skipped;
  if (std::string error = skipped.open_report(options.report_path); !error.empty()) {
    return report_user_error(command, error);
  }
  prepare.on_skipped = [&skipped](const dataset::SkippedRecord& record) { skipped.add(record); };
  ProgressBar index_bar("index", "files");
  ProgressBar write_bar("write", "games");
  bool index_started = false, index_done = false;
  dataset::PrepareReport report;
  try {
    report = dataset::prepare_dataset(prepare, [&](const dataset::PrepareProgress& progress) {
      if (progress.phase[0] == 'i') {
        index_started = true;
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
    // End the bar's line before the messages.
    if (index_done) {
      write_bar.finish();
    } else if (index_started) {
      index_bar.finish();
    }
    skipped.finish();
    return report_user_error(command, error.what());
  }
  write_bar.finish();
  if (std::string error = skipped.finish(); !error.empty()) {
    return report_user_error(command, error);
  }
  std::int64_t rows = report.train_rows + report.test_rows;
  double seconds = report.index_seconds + report.write_seconds;
  std::printf("%s\n", dataset::record_counts(report).c_str());
  std::printf("%s: %lld games, %lld rows\n", report.train_path.c_str(),
              static_cast<long long>(report.train_games),
              static_cast<long long>(report.train_rows));
  std::printf("%s: %lld games, %lld rows\n", report.test_path.c_str(),
              static_cast<long long>(report.test_games), static_cast<long long>(report.test_rows));
  if (report.pass_moves_skipped) {
    std::printf("%lld pass moves played but not written (encoder %s has no pass label)\n",
                static_cast<long long>(report.pass_moves_skipped), prepare.encoder.c_str());
  }
  std::printf("%.0f rows/s end to end (index %.1f s, write %.1f s)\n",
              seconds > 0 ? rows / seconds : 0.0, report.index_seconds, report.write_seconds);
  return kExitOk;
}

}  // namespace

void register_prepare_command(CLI::App& app) {
  static PrepareCommandOptions options;
  options.prepare.workers = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  CLI::App* command = app.add_subcommand(
      "prepare", "Turn SGF files and KGS archives into train/test HDF5 datasets");
  command
      ->add_option("--input", options.prepare.inputs,
                   "SGF files, folders, .tar.gz/.tar.bz2/.zip archives")
      ->required();
  std::string encoder_help = "Feature encoder:";
  for (const auto& name : encoder_names()) encoder_help += " " + name;
  command->add_option("--encoder", options.prepare.encoder, encoder_help)
      ->check(CLI::IsMember(encoder_names()))
      ->capture_default_str();
  command
      ->add_option("--out", options.prepare.out_prefix,
                   "Output prefix: writes PREFIX.train.h5 and PREFIX.test.h5")
      ->required();
  command
      ->add_option("--games", options.games,
                   "Training games (default: every usable game not in the test set)")
      ->check(CLI::NonNegativeNumber);
  command
      ->add_option("--test-games", options.test_games, "Test games (default: 10% of usable games)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--seed", options.prepare.seed, "Seed of the train/test split")
      ->capture_default_str();
  command
      ->add_option("--board-size", options.prepare.filter.board_size,
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
  command->add_option("--report", options.report_path,
                      "Write every skipped file and game, with its reason, to this file (the "
                      "terminal names the first " +
                          std::to_string(kSkippedShown) + ")");
  command->callback([command] { std::exit(run_prepare(*command, options)); });
}

}  // namespace dlgo::cli
