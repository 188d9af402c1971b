#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "engine/coords.h"
#include "engine/dataset/dataset_file.h"
#include "tools/cli_common.h"
#include "tools/data_commands.h"

namespace dlgo::cli {

namespace {

void print_stats(const std::string& path) {
  dataset::DatasetReader reader(path);
  const dataset::DatasetHeader& header = reader.header();
  const BoardSize size{header.board_width, header.board_height};
  std::printf("%s\n", path.c_str());
  std::printf("  split          %s\n", header.split.c_str());
  std::printf("  encoder        %s (%d planes, %dx%d)\n", header.encoder.c_str(), header.planes,
              header.board_width, header.board_height);
  std::printf("  packing        %s\n", header.bit_packed ? "bits" : "none");
  std::printf("  rows           %lld\n", static_cast<long long>(reader.rows()));
  std::printf("  games          %zu (%lld skipped while preparing)\n", reader.game_names().size(),
              static_cast<long long>(reader.skipped_games()));
  std::printf("  seed           %llu\n", static_cast<unsigned long long>(header.seed));
  std::uintmax_t bytes = std::filesystem::file_size(path);
  std::printf("  size on disk   %.1f MB (%.0f bytes/row)\n", bytes / 1e6,
              reader.rows() ? static_cast<double>(bytes) / reader.rows() : 0.0);
  for (const auto& source : header.sources) std::printf("  source         %s\n", source.c_str());

  std::vector<std::int64_t> histogram(header.label_space, 0);
  std::vector<std::int16_t> labels;
  std::vector<std::int8_t> outcomes;
  std::int64_t outcome_counts[3] = {0, 0, 0};  // loss, unknown, win
  const std::size_t block = 1 << 16;
  for (std::int64_t start = 0; start < reader.rows(); start += block) {
    std::size_t count =
        static_cast<std::size_t>(std::min<std::int64_t>(block, reader.rows() - start));
    labels.resize(count);
    outcomes.resize(count);
    reader.read(start, count, nullptr, labels.data(), nullptr, outcomes.data());
    for (std::int8_t outcome : outcomes) ++outcome_counts[outcome + 1];
    for (std::int16_t label : labels) {
      if (label >= 0 && label < header.label_space) ++histogram[label];
    }
  }
  int distinct = static_cast<int>(
      std::count_if(histogram.begin(), histogram.end(), [](std::int64_t n) { return n > 0; }));
  std::printf("  labels         %d of %d label values used\n", distinct, header.label_space);
  if (header.has_outcomes) {
    std::printf("  outcomes       %lld won, %lld lost, %lld unknown (for the player to move)\n",
                static_cast<long long>(outcome_counts[2]),
                static_cast<long long>(outcome_counts[0]),
                static_cast<long long>(outcome_counts[1]));
  } else {
    std::printf("  outcomes       none stored (format version 1)\n");
  }
  std::vector<int> order(header.label_space);
  for (int i = 0; i < header.label_space; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](int a, int b) { return histogram[a] > histogram[b]; });
  std::printf("  most frequent ");
  for (int i = 0; i < std::min(10, distinct); ++i) {
    int label = order[i];
    std::string name = label == size.pass_index() ? "pass" : point_to_gtp(size, label);
    std::printf(" %s:%.2f%%", name.c_str(),
                100.0 * histogram[label] / std::max<std::int64_t>(1, reader.rows()));
  }
  std::printf("\n");
}

}  // namespace

void register_stats_command(CLI::App& app) {
  static std::vector<std::string> paths;
  CLI::App* command = app.add_subcommand("stats", "Describe HDF5 datasets: rows, games, labels");
  command->add_option("files", paths, "Dataset files (.h5)")->required();
  command->callback([command] {
    for (const auto& path : paths) {
      try {
        print_stats(path);
      } catch (const std::exception& error) {
        std::exit(report_user_error(*command, error.what()));
      }
    }
  });
}

}  // namespace dlgo::cli
