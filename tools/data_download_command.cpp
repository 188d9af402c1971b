#include "tools/data_download_command.h"

#include <cstdlib>
#include <iostream>

#include "tools/cli_common.h"

namespace dlgo::download {
namespace {

struct CommandLine {
  DownloadOptions options;
  long long max_games = 0;
  std::string years;
  std::string progress = "auto";
};

DownloadOptions to_options(const CommandLine& line) {
  DownloadOptions options = line.options;
  if (line.max_games > 0) options.selection.max_games = line.max_games;
  if (!line.years.empty()) options.selection.years = parse_year_range(line.years);
  if (line.progress == "bar") {
    options.progress = ProgressReporter::Style::kBar;
  } else if (line.progress == "lines") {
    options.progress = ProgressReporter::Style::kLines;
  } else if (line.progress == "none") {
    options.progress = ProgressReporter::Style::kQuiet;
  } else {
    options.progress =
        stdout_is_terminal() ? ProgressReporter::Style::kBar : ProgressReporter::Style::kLines;
  }
  // A bar is redrawn often; plain lines (logs, CI) only every few seconds.
  options.progress_interval =
      std::chrono::milliseconds(options.progress == ProgressReporter::Style::kBar ? 200 : 5000);
  return options;
}

}  // namespace

int run_download_command(const DownloadOptions& options, std::ostream& out, std::ostream& err,
                         const std::string& program) {
  try {
    DownloadReport report = run_download(options, out);
    const ArchiveResult* failure = report.first_failure();
    if (failure == nullptr) return cli::kExitOk;
    int failed = report.count(ArchiveStatus::kFailed);
    err << program << ": error: " << failed << " of " << report.results.size() << " archives failed"
        << (failed > 1 ? ", first " : ": ") << failure->archive.name << ": " << failure->error
        << "\n";
  } catch (const DownloadError& error) {
    err << program << ": error: " << error.what() << "\n";
  }
  return cli::kExitUserError;
}

void register_download_command(CLI::App& app) {
  static CommandLine line;
  CLI::App* command = app.add_subcommand(
      "download", "Download KGS game-record archives (.tar.gz) listed on the u-go.net index page");
  command->add_option("--index-url", line.options.index_url, "Index page listing the archives")
      ->capture_default_str();
  command->add_option("--dest", line.options.dest, "Folder for the archives (created if needed)")
      ->capture_default_str();
  command
      ->add_option("--max-games", line.max_games,
                   "Stop adding archives once their games reach N (default: all)")
      ->check(CLI::PositiveNumber);
  command->add_option("--years", line.years, "Only archives of these years: YEAR or FIRST-LAST")
      ->check(CLI::Validator(
          [](std::string& text) {
            try {
              parse_year_range(text);
              return std::string();
            } catch (const std::invalid_argument& error) {
              return std::string(error.what());
            }
          },
          "FIRST-LAST", "year range"));
  command->add_option("--workers", line.options.workers, "Parallel downloads")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  command->add_option("--ca-file", line.options.http.ca_file,
                      "PEM file of CA certificates to trust instead of the system store");
  command
      ->add_option("--retries", line.options.retries,
                   "Further attempts per archive after a network error or 5xx answer")
      ->check(CLI::Range(0, 100))
      ->capture_default_str();
  command
      ->add_option("--progress", line.progress,
                   "auto (a bar on a terminal, plain lines otherwise), bar, lines or none")
      ->check(CLI::IsMember({"auto", "bar", "lines", "none"}))
      ->capture_default_str();
  command->callback([&app] {
    int code = run_download_command(to_options(line), std::cout, std::cerr, app.get_name());
    std::cout.flush();
    if (code != cli::kExitOk) std::exit(code);
  });
}

}  // namespace dlgo::download
