#include "tools/bench_experience_train.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "net/agent_files.h"
#include "net/model.h"
#include "net/rl/experience_trainer.h"
#include "net/rl/self_play.h"
#include "tools/cli_common.h"

namespace dlgo::bench {

namespace {

struct ExperienceTrainBenchOptions {
  std::string agent;
  std::string method = "pg";
  int games = 20;
  int repeats = 2;
  int batch_size = 128;
  int threads = 0;
  double ppo_clip = 0.2;
  std::string device = "cpu";
};

void run_experience_train_bench(const CLI::App& command,
                                const ExperienceTrainBenchOptions& options) {
  namespace fs = std::filesystem;
  const fs::path folder =
      fs::temp_directory_path() / ("dlgo-bench-experience-" + std::to_string(::getpid()));
  try {
    net::install_agent_file_loader();
    fs::create_directories(folder);
    net::SelfPlayer player = net::load_self_player(options.agent, net::SelfPlayerOptions{});
    if (!player.model)
      throw std::runtime_error(options.agent + ": needs an agent file with a network");
    net::SelfPlaySettings settings;
    settings.board_size = player.model->encoder().width();
    settings.num_games = options.games;
    settings.workers = 2;
    net::SelfPlayResult played = net::run_self_play(player, nullptr, settings);
    const std::string experience = (folder / "experience.h5").string();
    write_experience_file(experience, played.experience);
    std::printf(
        "experience training: %s, method %s, %zu decisions of %d self-play games, batch %d, %s\n",
        options.agent.c_str(), options.method.c_str(), played.experience.rows(), options.games,
        options.batch_size, options.device.c_str());
    struct Mode {
      const char* name;
      bool augment;
      double ppo_clip;
      double rate;
    };
    Mode modes[] = {
        {"plain", false, 0, 0}, {"augment", true, 0, 0}, {"ppo-clip", false, options.ppo_clip, 0}};
    for (int repeat = 0; repeat < options.repeats; ++repeat) {
      for (Mode& mode : modes) {
        net::ExperienceTrainOptions train;
        train.experience_paths = {experience};
        train.method = options.method;
        train.agent_path = options.agent;
        train.out_path = (folder / "trained.h5").string();
        train.batch_size = options.batch_size;
        train.device = options.device;
        train.threads = options.threads;
        train.augment = mode.augment;
        train.ppo_clip = mode.ppo_clip;
        const net::ExperienceTrainResult result = net::train_from_experience(train);
        // Loading and writing the agent are part of a real run; they are small next to the rows.
        const double per_second = result.rows / result.seconds;
        std::printf("  %-10s run %d: %10.0f decisions/s\n", mode.name, repeat + 1, per_second);
        mode.rate += per_second / options.repeats;
      }
    }
    std::printf("  --augment / plain: %.2f; --ppo-clip %.2f / plain: %.2f\n",
                modes[1].rate / modes[0].rate, options.ppo_clip, modes[2].rate / modes[0].rate);
  } catch (const std::exception& error) {
    std::error_code ignored;
    fs::remove_all(folder, ignored);
    std::exit(cli::report_user_error(command, error.what()));
  }
  std::error_code ignored;
  fs::remove_all(folder, ignored);
}

}  // namespace

void register_experience_train_benchmark(CLI::App& app) {
  static ExperienceTrainBenchOptions options;
  CLI::App* command = app.add_subcommand("experience-train",
                                         "Decisions/s of training from self-play experience: "
                                         "plain, --augment and --ppo-clip side by side");
  command->add_option("--agent", options.agent, "Agent file that plays the games and is trained")
      ->required();
  command->add_option("--method", options.method, "pg, ac, q, value or zero")
      ->check(CLI::IsMember(net::rl_method_names()))
      ->capture_default_str();
  command->add_option("--games", options.games, "Self-play games of experience")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--repeats", options.repeats, "Measurements of each mode")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--batch-size", options.batch_size, "Batch size")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--ppo-clip", options.ppo_clip, "pg/ac: the clip of the --ppo-clip mode")
      ->check(CLI::Range(0.01, 0.99))
      ->capture_default_str();
  command->add_option("--device", options.device, "cpu, cuda or cuda:N")->capture_default_str();
  command->add_option("--threads", options.threads, "CPU threads (0: libtorch's default)")
      ->capture_default_str();
  command->callback([command] { run_experience_train_bench(*command, options); });
}

}  // namespace dlgo::bench
