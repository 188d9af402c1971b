// Supervised value training (--kind zero): the policy and the value head learn together from
// a dataset's game outcomes, and the result is an agent the zero search plays with.
#include <H5Cpp.h>

#include <filesystem>

#include "engine/agents/agent_factory.h"
#include "net/agent_files.h"
#include "net/torch/agent_io.h"
#include "net/training/trainer.h"
#include "net_support.h"

#include "catch_with_torch.h"

using namespace dlgo;
using namespace dlgo::net;
namespace fs = std::filesystem;

namespace {

TrainOptions value_run(const std::string& dir) {
  TrainOptions options;
  options.train_path = dir + "/data.train.h5";
  options.test_path = dir + "/data.test.h5";
  options.network = "pvresnet";
  options.blocks = 1;
  options.filters = 16;
  options.kind = "zero";
  options.optimizer = "adam";
  options.learning_rate = 3e-3;
  options.batch_size = 32;
  options.threads = 1;
  options.device = testing::test_device();
  options.seed = 3;
  options.out_path = dir + "/zero.h5";
  return options;
}

// Makes `path` a version 1 dataset: no /outcomes.
void drop_outcomes(const std::string& path) {
  H5::H5File file(path, H5F_ACC_RDWR);
  file.unlink("outcomes");
  std::int64_t version = 1;
  file.openAttribute("format_version").write(H5::PredType::NATIVE_INT64, &version);
}

// Random 9x9 games with 7.5 komi are nearly all White's, which the komi planes alone predict;
// with half a point either side wins, and the value head must learn the positions.
constexpr double kEvenKomi = 0.5;

}  // namespace

TEST_CASE("value training: the value loss goes down on a fixed file, and the zero agent plays",
          "[device]") {
  std::string dir = testing::make_temp_directory("dlgo-value");
  testing::write_random_dataset(dir + "/data", "history", 9, 6, 1, 21, kEvenKomi);
  TrainOptions options = value_run(dir);
  options.epochs = 12;
  TrainResult result = train_supervised(options);
  REQUIRE(result.metrics.size() == 12);
  const EpochMetrics& first = result.metrics.front();
  const EpochMetrics& last = result.metrics.back();
  // Predicting 0 for every position scores an MSE of 1; random games' outcomes cannot be
  // predicted from their positions, but a few hundred of them can be learnt by heart.
  CHECK(first.train_value_loss > 0.4);
  CHECK(last.train_value_loss < 0.5 * first.train_value_loss);  // 0.65 to 0.17 seen
  CHECK(last.test_value_loss > 0);
  CHECK(last.train_loss < first.train_loss);  // the policy learns alongside

  AgentFileInfo info = read_agent_info(options.out_path);
  CHECK(info.metadata.kind == AgentKind::kZero);
  CHECK(info.metadata.network.value_head);
  CHECK(info.metadata.encoder == "history");
  REQUIRE(info.training);
  CHECK(info.training->metrics.back().train_value_loss == Approx(last.train_value_loss));

  AgentOptions agent_options;
  agent_options.rounds = 16;
  std::unique_ptr<Agent> agent = load_agent_file(options.out_path, agent_options, options.device);
  GameState state = GameState::new_game(9);
  for (int i = 0; i < 4; ++i) {
    Move move = agent->select_move(state).move;
    REQUIRE(state.is_legal(move));
    state.play(move);
  }
  fs::remove_all(dir);
}

TEST_CASE("value training: the value weight scales the value loss's share of the gradient",
          "[device]") {
  std::string dir = testing::make_temp_directory("dlgo-value");
  testing::write_random_dataset(dir + "/data", "history", 9, 6, 1, 21, kEvenKomi);
  TrainOptions learning = value_run(dir);
  learning.epochs = 6;
  TrainOptions ignoring = learning;
  ignoring.value_weight = 0;
  ignoring.out_path = dir + "/ignoring.h5";
  const double learnt = train_supervised(learning).metrics.back().train_value_loss;
  const double ignored = train_supervised(ignoring).metrics.back().train_value_loss;
  // With weight 0 the value head never moves from its initial guess.
  CHECK(learnt < ignored);
  fs::remove_all(dir);
}

TEST_CASE("value training refuses a dataset without outcomes, naming it") {
  std::string dir = testing::make_temp_directory("dlgo-value");
  testing::write_random_dataset(dir + "/data", "history", 9, 1, 1, 5);
  drop_outcomes(dir + "/data.test.h5");
  TrainOptions options = value_run(dir);
  options.epochs = 1;
  CHECK_THROWS_WITH(train_supervised(options),
                    Catch::Contains("data.test.h5") && Catch::Contains("no game outcomes"));
  drop_outcomes(dir + "/data.train.h5");
  CHECK_THROWS_WITH(train_supervised(options),
                    Catch::Contains("data.train.h5") && Catch::Contains("no game outcomes"));
  // A policy-only run still trains on them.
  options.kind = "predict";
  CHECK(train_supervised(options).metrics.size() == 1);
  fs::remove_all(dir);
}

TEST_CASE("test batches: --test-batches measures a fixed sample of the test set", "[device]") {
  std::string dir = testing::make_temp_directory("dlgo-value");
  testing::write_random_dataset(dir + "/data", "history", 9, 1, 4, 8, kEvenKomi);
  TrainOptions options = value_run(dir);
  options.epochs = 2;
  options.test_batches = 1;  // of 256 rows: the test set's four games have more
  std::int64_t most_rows = 0, total = 0;
  TrainResult sampled = train_supervised(options, [&](const TrainProgress& p) {
    if (!p.testing) return;
    most_rows = std::max(most_rows, p.samples);
    total = p.epoch_samples;
  });
  CHECK(total == 256);
  CHECK(most_rows == 256);
  // The whole set measures differently: the sample is a part of it.
  AccuracyResult whole = evaluate_accuracy(options.out_path, options.test_path, "cpu");
  REQUIRE(whole.rows > 256);
  CHECK(whole.loss != Approx(sampled.metrics.back().test_loss).epsilon(1e-9));
  fs::remove_all(dir);
}
