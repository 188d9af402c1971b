#include "tools/eval_accuracy_command.h"

#include <cstdio>
#include <cstdlib>

#include "net/training/trainer.h"
#include "tools/cli_common.h"
#include "tools/progress_bar.h"

namespace dlgo::cli {

void register_accuracy_command(CLI::App& app) {
  struct Options {
    std::string agent, data, device = "auto";
    int batch_size = 256;
  };
  static Options options;
  CLI::App* command = app.add_subcommand(
      "accuracy",
      "Top-1/top-5 accuracy and loss of an agent's policy on a dataset (dlgo-data prepare)");
  command->add_option("--agent", options.agent, "Agent file")->required();
  command->add_option("--data", options.data, "Dataset file (.h5)")->required();
  command->add_option("--device", options.device, "auto, cpu, cuda or cuda:N")
      ->capture_default_str();
  command->add_option("--batch-size", options.batch_size, "Positions per network call")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->callback([command] {
    ProgressBar bar("accuracy", "positions");
    net::AccuracyResult result;
    try {
      result = net::evaluate_accuracy(
          options.agent, options.data, options.device, options.batch_size,
          [&](std::int64_t done, std::int64_t total) { bar.update(done, total); });
    } catch (const std::exception& error) {
      std::exit(report_user_error(*command, error.what()));
    }
    bar.finish();
    std::printf("%s on %s: %lld positions, top-1 %.2f%%, top-5 %.2f%%, loss %.4f\n",
                options.agent.c_str(), options.data.c_str(), static_cast<long long>(result.rows),
                100 * result.top1, 100 * result.top5, result.loss);
  });
}

}  // namespace dlgo::cli
