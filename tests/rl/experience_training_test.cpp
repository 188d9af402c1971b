// Training from experience: each method's loss goes down on a fixed experience file, the
// result is an agent of the same kind that plays, and incompatible inputs are refused.
#include "tests/catch.h"

#include <cmath>
#include <filesystem>

#include "engine/agents/agent.h"
#include "net/agent_file.h"
#include "net/agent_files.h"
#include "net/model.h"
#include "net/rl/experience_trainer.h"
#include "net/rl/self_play.h"
#include "tests/net_agents/agent_support.h"

using namespace dlgo;

namespace {

// Self-play of `agent` written once per process to an experience file.
std::string experience_of(const std::string& agent, int games, int rounds = 16) {
  const std::string path = agent + ".experience.h5";
  net::SelfPlayerOptions options;
  options.seed = 11;
  options.zero_rounds = rounds;
  net::SelfPlayer player = net::load_self_player(agent, options);
  net::SelfPlaySettings settings;
  settings.board_size = 5;
  settings.num_games = games;
  net::SelfPlayResult result = net::run_self_play(player, nullptr, settings);
  write_experience_file(path, result.experience);
  return path;
}

}  // namespace

TEST_CASE("every method's loss goes down on a fixed experience file", "[rl][train]") {
  struct Case {
    const char* method;
    const char* kind;
    const char* encoder;
  };
  for (const Case& c :
       {Case{"pg", "pg", "simple"}, Case{"ac", "ac", "simple"}, Case{"q", "q", "simple"},
        Case{"value", "value", "simple"}, Case{"zero", "zero", "zero"}}) {
    DYNAMIC_SECTION("method " << c.method) {
      const std::string agent = test::fresh_agent_file(c.kind, c.encoder, 5);
      const std::string experience = experience_of(agent, 6);
      const Experience data = read_experience_file(experience);
      const double before = net::experience_loss(agent, data, c.method);

      net::ExperienceTrainOptions options;
      options.experience_paths = {experience};
      options.method = c.method;
      options.agent_path = agent;
      options.out_path = test::test_folder() + "/trained_" + c.method + ".h5";
      options.optimizer = "adam";
      options.learning_rate = 3e-3;
      options.batch_size = 32;
      options.epochs = 6;
      options.device = "cpu";
      net::ExperienceTrainResult result = net::train_from_experience(options);
      REQUIRE(result.rows == static_cast<std::int64_t>(data.rows()));
      REQUIRE(result.epoch_losses.size() == 6);
      const double after = net::experience_loss(options.out_path, data, c.method);
      INFO("loss before " << before << ", after " << after);
      REQUIRE(after < before - 0.01 * std::abs(before) - 1e-3);
      REQUIRE(result.epoch_losses.back() < result.epoch_losses.front());

      // The trained file is an agent of the same kind, encoder and network that plays.
      const net::AgentFileInfo in = net::read_agent_info(agent),
                               out = net::read_agent_info(options.out_path);
      REQUIRE(out.metadata.kind == in.metadata.kind);
      REQUIRE(out.metadata.encoder == in.metadata.encoder);
      REQUIRE(out.metadata.network == in.metadata.network);
      REQUIRE(out.training);
      REQUIRE(out.training->metrics.size() == 6);
      AgentOptions agent_options;
      agent_options.rounds = 8;
      auto trained = net::load_agent_file(options.out_path, agent_options, "cpu");
      GameState state = GameState::new_game(5);
      REQUIRE_FALSE(trained->select_move(state).move.is_resign());
    }
  }
}

TEST_CASE("training from experience refuses what does not fit", "[rl][train]") {
  const std::string pg = test::fresh_agent_file("pg", "simple", 5);
  const std::string experience = experience_of(pg, 2);
  net::ExperienceTrainOptions options;
  options.experience_paths = {experience};
  options.agent_path = pg;
  options.out_path = test::test_folder() + "/refused.h5";
  options.device = "cpu";

  options.method = "ac";
  REQUIRE_THROWS_WITH(net::train_from_experience(options),
                      Catch::Contains("needs a network with a value head"));
  options.method = "zero";
  options.agent_path = test::fresh_agent_file("zero", "simple", 5);
  REQUIRE_THROWS_WITH(net::train_from_experience(options), Catch::Contains("visit counts"));
  options.method = "pg";
  options.agent_path = test::fresh_agent_file("pg", "sevenplane", 5);
  REQUIRE_THROWS_WITH(net::train_from_experience(options),
                      Catch::Contains("does not match the experience"));
  options.agent_path = test::fresh_agent_file("pg", "simple", 9);
  REQUIRE_THROWS_WITH(net::train_from_experience(options),
                      Catch::Contains("does not match the experience"));
  options.agent_path = pg;
  options.method = "reinforce";
  REQUIRE_THROWS_WITH(net::train_from_experience(options),
                      Catch::Contains("unknown method 'reinforce'"));
  options.method = "pg";
  options.experience_paths = {test::test_folder() + "/nothing_here.h5"};
  REQUIRE_THROWS_WITH(net::train_from_experience(options),
                      Catch::Contains("nothing_here.h5: no such file"));
  REQUIRE_FALSE(std::filesystem::exists(options.out_path));
}

TEST_CASE(
    "a training step of nothing leaves the agent's play unchanged (batch-norm statistics kept)",
    "[rl][train]") {
  // The resnet has batch norm; a fresh file's running statistics are the defaults, far from the
  // statistics of real positions. Recomputing them during training would change the agent
  // even with a learning rate of ~0.
  const std::string agent = test::fresh_agent_file("pg", "simple", 5);
  const std::string experience = experience_of(agent, 3);
  net::ExperienceTrainOptions options;
  options.experience_paths = {experience};
  options.method = "pg";
  options.agent_path = agent;
  options.out_path = test::test_folder() + "/untouched.h5";
  options.learning_rate = 1e-12;
  options.momentum = 0;
  options.device = "cpu";
  net::train_from_experience(options);
  auto before = net::Model::load(agent, "cpu"), after = net::Model::load(options.out_path, "cpu");
  const Experience data = read_experience_file(experience);
  const int rows = static_cast<int>(std::min<size_t>(data.rows(), 16));
  std::vector<float> p_before(rows * 25), p_after(rows * 25);
  before->predict(data.states.data(), rows, p_before.data(), nullptr);
  after->predict(data.states.data(), rows, p_after.data(), nullptr);
  for (size_t i = 0; i < p_before.size(); ++i)
    REQUIRE(p_after[i] == Approx(p_before[i]).margin(1e-5));
}

namespace {

// `rows` copies of the empty 5x5 board with action `action` and reward `reward`, in `model`'s
// encoding, written to a file.
// With `choices`, every row's move mask allows exactly those labels.
std::string constant_experience(const net::Model& model, int action, float reward,
                                const std::string& name, const std::vector<int>& choices = {}) {
  Experience e;
  e.encoder = model.metadata().encoder;
  e.board_width = e.board_height = 5;
  e.channels = model.encoder().num_input_channels();
  e.action_space = model.encoder().num_moves();
  std::vector<float> input(model.input_size());
  model.encode_input(GameState::new_game(5), input.data());
  for (int r = 0; r < 32; ++r) {
    e.states.insert(e.states.end(), input.begin(), input.end());
    e.actions.push_back(action);
    e.rewards.push_back(reward);
    e.advantages.push_back(reward);
    e.games.push_back(r);
    if (!choices.empty()) {
      std::vector<std::uint8_t> mask(static_cast<size_t>(e.action_space), 0);
      for (int label : choices) mask[label] = 1;
      e.move_masks.insert(e.move_masks.end(), mask.begin(), mask.end());
    }
  }
  const std::string path = test::test_folder() + "/" + name;
  write_experience_file(path, e);
  return path;
}

struct Outputs {
  float probability, value;
};

Outputs outputs_on_empty_board(const std::string& agent, int action) {
  auto model = net::Model::load(agent, "cpu");
  std::vector<float> input(model->input_size()), policy(model->spec().policy_outputs);
  model->encode_input(GameState::new_game(5), input.data());
  float value = 0;
  model->predict(input.data(), 1, policy.data(), model->has_value_head() ? &value : nullptr);
  return {policy[action], value};
}

std::string train_on(const std::string& agent, const std::string& experience,
                     const std::string& method, const std::string& out) {
  net::ExperienceTrainOptions options;
  options.experience_paths = {experience};
  options.method = method;
  options.agent_path = agent;
  options.out_path = test::test_folder() + "/" + out;
  options.learning_rate = 0.05;
  options.batch_size = 8;
  options.epochs = 2;
  options.device = "cpu";
  net::train_from_experience(options);
  return options.out_path;
}

}  // namespace

TEST_CASE("the losses push the right way: won moves up, lost moves down, values toward the outcome",
          "[rl][train]") {
  const int center = 12;
  SECTION("pg") {
    const std::string agent = test::fresh_agent_file("pg", "simple", 5);
    auto model = net::Model::load(agent, "cpu");
    const float before = outputs_on_empty_board(agent, center).probability;
    const std::string won =
        train_on(agent, constant_experience(*model, center, 1.0f, "won.h5"), "pg", "pg_won.h5");
    const std::string lost =
        train_on(agent, constant_experience(*model, center, -1.0f, "lost.h5"), "pg", "pg_lost.h5");
    REQUIRE(outputs_on_empty_board(won, center).probability > before * 1.05f);
    REQUIRE(outputs_on_empty_board(lost, center).probability < before * 0.95f);
  }
  SECTION("ac follows the advantage; value and q move toward the outcome") {
    for (const char* kind : {"ac", "value"}) {
      const std::string agent = test::fresh_agent_file(kind, "simple", 5);
      auto model = net::Model::load(agent, "cpu");
      const Outputs before = outputs_on_empty_board(agent, center);
      const std::string won =
          train_on(agent, constant_experience(*model, center, 1.0f, std::string(kind) + "_w.h5"),
                   kind, std::string(kind) + "_won.h5");
      const std::string lost =
          train_on(agent, constant_experience(*model, center, -1.0f, std::string(kind) + "_l.h5"),
                   kind, std::string(kind) + "_lost.h5");
      INFO(kind << ": value before " << before.value);
      REQUIRE(outputs_on_empty_board(won, center).value > before.value + 0.05f);
      REQUIRE(outputs_on_empty_board(lost, center).value < before.value - 0.05f);
      if (std::string(kind) == "ac") {
        REQUIRE(outputs_on_empty_board(won, center).probability > before.probability);
        REQUIRE(outputs_on_empty_board(lost, center).probability < before.probability);
      }
    }
  }
}

TEST_CASE("a lost move is pushed down only to the sampling floor, so the pg loss stays bounded",
          "[rl][train]") {
  // Unbounded, -(-1) * log p runs off to -infinity and drags the whole policy with it.
  const int center = 12;
  const std::string agent = test::fresh_agent_file("pg", "simple", 5);
  auto model = net::Model::load(agent, "cpu");
  const std::string lost = constant_experience(*model, center, -1.0f, "floor_lost.h5");
  net::ExperienceTrainOptions options;
  options.experience_paths = {lost};
  options.method = "pg";
  options.agent_path = agent;
  options.out_path = test::test_folder() + "/floor_pushed.h5";
  options.learning_rate = 2.0;
  options.batch_size = 8;
  options.epochs = 30;
  options.device = "cpu";
  net::train_from_experience(options);
  const float pushed = outputs_on_empty_board(options.out_path, center).probability;
  REQUIRE(pushed < 1e-5f);
  const double floor_loss = std::log(1e-5);  // -r * log(floor) with r = -1
  REQUIRE(net::experience_loss(options.out_path, read_experience_file(lost), "pg") >=
          floor_loss - 1e-4);
  // Below the floor there is no gradient left: more training on the same games changes nothing.
  options.agent_path = options.out_path;
  options.out_path = test::test_folder() + "/floor_again.h5";
  options.epochs = 3;
  net::train_from_experience(options);
  for (int point : {0, 6, center, 18, 24}) {
    INFO("point " << point);
    REQUIRE(outputs_on_empty_board(options.out_path, point).probability ==
            outputs_on_empty_board(test::test_folder() + "/floor_pushed.h5", point).probability);
  }
}

TEST_CASE("with move masks, pg and ac score the move against the masked choices only",
          "[rl][train]") {
  // Self-play records which points the policy sampled among; the loss must be -r log of the
  // move's probability renormalised over those, exactly as it was played.
  const int center = 12;
  const std::vector<int> choices = {0, center, 24};
  for (const char* kind : {"pg", "ac"}) {
    INFO(kind);
    const std::string agent = test::fresh_agent_file(kind, "simple", 5);
    auto model = net::Model::load(agent, "cpu");
    const std::string name = std::string(kind) + "_masked.h5";
    const Experience masked =
        read_experience_file(constant_experience(*model, center, 1.0f, name, choices));
    const Experience unmasked = read_experience_file(
        constant_experience(*model, center, 1.0f, std::string(kind) + "_all.h5"));
    double choice_mass = 0;
    for (int label : choices) choice_mass += outputs_on_empty_board(agent, label).probability;
    const double p_center = outputs_on_empty_board(agent, center).probability;
    // ac adds the value term; it is the same with and without masks, so compare differences.
    const double masked_loss = net::experience_loss(agent, masked, kind, 0.0);
    const double unmasked_loss = net::experience_loss(agent, unmasked, kind, 0.0);
    REQUIRE(masked_loss == Approx(-std::log(p_center / choice_mass)).margin(1e-4));
    REQUIRE(unmasked_loss == Approx(-std::log(p_center)).margin(1e-4));
    REQUIRE(masked_loss < unmasked_loss - 1.0);  // three choices, not twenty-five
  }
}

TEST_CASE("with --ppo-clip a training moves a move's probability by at most the clip factor",
          "[rl][train]") {
  // The book's loss pushes a lost move as far as the steps go; PPO's clipped loss stops at
  // (1 - clip) times where the training began (within a step), and likewise for a won move.
  const int center = 12;
  const std::string agent = test::fresh_agent_file("pg", "simple", 5);
  auto model = net::Model::load(agent, "cpu");
  const float start = outputs_on_empty_board(agent, center).probability;
  auto trained = [&](float reward, double clip, const std::string& name) {
    net::ExperienceTrainOptions options;
    options.experience_paths = {constant_experience(*model, center, reward, name + ".exp.h5")};
    options.method = "pg";
    options.agent_path = agent;
    options.out_path = test::test_folder() + "/" + name + ".h5";
    options.learning_rate = 0.05;
    options.momentum = 0;  // no momentum to carry a step past the point where the gradient stops
    options.batch_size = 8;
    options.epochs = 20;
    options.device = "cpu";
    options.ppo_clip = clip;
    net::train_from_experience(options);
    return outputs_on_empty_board(options.out_path, center).probability;
  };
  const float lost_book = trained(-1.0f, 0, "ppo_lost_book"),
              lost_ppo = trained(-1.0f, 0.2, "ppo_lost_clipped");
  const float won_book = trained(1.0f, 0, "ppo_won_book"),
              won_ppo = trained(1.0f, 0.2, "ppo_won_clipped");
  INFO("start " << start << "; lost: book " << lost_book << ", ppo " << lost_ppo << "; won: book "
                << won_book << ", ppo " << won_ppo);
  REQUIRE(lost_book < 0.5f * start);
  REQUIRE(lost_ppo < 0.85f * start);
  REQUIRE(lost_ppo > 0.7f * start);
  REQUIRE(won_book > 1.5f * start);
  REQUIRE(won_ppo > 1.15f * start);
  REQUIRE(won_ppo < 1.3f * start);
}
