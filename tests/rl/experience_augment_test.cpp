// Augmented experience training: every row is moved by one board symmetry as a whole (state,
// action, visit counts, move mask), and training with --augment spreads what one move taught
// to its symmetric images.
#include "tests/catch.h"

#include "net/model.h"
#include "net/rl/experience_trainer.h"
#include "net/torch/experience_batch.h"
#include "net/training/symmetry.h"
#include "tests/net_agents/agent_support.h"

using namespace dlgo;

namespace {

// Rows with distinct values everywhere, so any misplaced entry shows.
Experience distinct_rows(int width, int height, int rows) {
  Experience e;
  e.encoder = "simple";
  e.board_width = width;
  e.board_height = height;
  e.channels = 2;
  e.action_space = width * height + 1;  // with a pass label
  for (int r = 0; r < rows; ++r) {
    for (size_t i = 0; i < e.state_size(); ++i)
      e.states.push_back(static_cast<float>(1000 * r + i));
    e.actions.push_back(r == rows - 1 ? width * height : (7 * r + 3) % (width * height));
    e.rewards.push_back(r % 2 ? 1.0f : -1.0f);
    e.advantages.push_back(0.5f * r);
    e.games.push_back(r);
    for (int a = 0; a < e.action_space; ++a) {
      e.visit_counts.push_back(static_cast<float>(a + 1));
      e.move_masks.push_back(a == e.actions.back() || (a + r) % 3 == 0 ? 1 : 0);
    }
  }
  e.check();
  return e;
}

}  // namespace

TEST_CASE("a board symmetry moves a row's planes, action, visit targets and mask together",
          "[rl][augment]") {
  for (auto [width, height, count] : {std::tuple{5, 5, 8}, std::tuple{5, 4, 4}}) {
    DYNAMIC_SECTION(width << "x" << height) {
      const int points = width * height;
      const Experience e = distinct_rows(width, height, 2 * count);
      const net::ExperienceBatch rows = net::experience_tensors(e);
      net::ExperienceBatch batch =
          net::gather_rows(rows, torch::arange(2 * count, torch::kLong), torch::kCPU);
      net::BoardSymmetries symmetries(width, height, e.action_space);
      REQUIRE(symmetries.count() == count);
      std::vector<int> which(2 * count);
      std::vector<int> kept;  // the shape-keeping symmetries in symmetry.h's numbering
      for (int s = 0; s < net::kSymmetries; ++s) {
        if (net::symmetry_keeps_shape(s, width, height)) kept.push_back(s);
      }
      for (int r = 0; r < 2 * count; ++r) which[r] = r % count;
      std::vector<std::int64_t> which64(which.begin(), which.end());
      symmetries.apply(batch, torch::tensor(which64, torch::kLong));

      const auto states = batch.states.contiguous();
      for (int r = 0; r < 2 * count; ++r) {
        const int s = kept[which[r]];
        INFO("row " << r << ", symmetry " << s);
        const float* in = e.states.data() + r * e.state_size();
        for (int plane = 0; plane < 2; ++plane) {
          for (int p = 0; p < points; ++p) {
            const int q = net::transform_label(s, width, height, p);
            REQUIRE(states[r][plane].reshape({points})[q].item<float>() == in[plane * points + p]);
          }
        }
        REQUIRE(batch.actions[r].item<std::int64_t>() ==
                net::transform_label(s, width, height, e.actions[r]));
        const float* visits = e.visit_counts.data() + r * e.action_space;
        const std::uint8_t* mask = e.move_masks.data() + r * e.action_space;
        const float total = static_cast<float>(e.action_space * (e.action_space + 1) / 2);
        for (int a = 0; a < e.action_space; ++a) {
          const int moved = net::transform_label(s, width, height, a);
          REQUIRE(batch.visit_targets[r][moved].item<float>() == Approx(visits[a] / total));
          REQUIRE(batch.move_masks[r][moved].item<bool>() == (mask[a] == 1));
        }
        REQUIRE(batch.rewards[r].item<float>() == e.rewards[r]);
        REQUIRE(batch.advantages[r].item<float>() == e.advantages[r]);
      }
      // The rows the batch was gathered from are untouched.
      REQUIRE(torch::equal(rows.states, net::experience_tensors(e).states));
    }
  }
}

TEST_CASE("pg training with --augment lifts every corner when one corner won", "[rl][augment]") {
  // The empty board is symmetric, so the augmented rows teach the same for all four corners.
  const std::string agent = test::fresh_agent_file("pg", "simple", 5);
  auto model = net::Model::load(agent, "cpu");
  Experience e;
  e.encoder = "simple";
  e.board_width = e.board_height = 5;
  e.channels = model->encoder().num_input_channels();
  e.action_space = model->encoder().num_moves();
  std::vector<float> input(model->input_size());
  model->encode_input(GameState::new_game(5), input.data());
  for (int r = 0; r < 64; ++r) {
    e.states.insert(e.states.end(), input.begin(), input.end());
    e.actions.push_back(0);  // A1
    e.rewards.push_back(1.0f);
    e.advantages.push_back(1.0f);
    e.games.push_back(r);
  }
  const std::string experience = test::test_folder() + "/corner_won.h5";
  write_experience_file(experience, e);

  auto corners_after = [&](bool augment, const std::string& name) {
    net::ExperienceTrainOptions options;
    options.experience_paths = {experience};
    options.method = "pg";
    options.agent_path = agent;
    options.out_path = test::test_folder() + "/" + name;
    options.learning_rate = 0.05;
    options.batch_size = 16;
    options.epochs = 2;
    options.device = "cpu";
    options.augment = augment;
    net::train_from_experience(options);
    auto trained = net::Model::load(options.out_path, "cpu");
    std::vector<float> policy(trained->spec().policy_outputs);
    trained->predict(input.data(), 1, policy.data(), nullptr);
    return std::vector<float>{policy[0], policy[4], policy[20], policy[24]};
  };
  std::vector<float> before(model->spec().policy_outputs);
  model->predict(input.data(), 1, before.data(), nullptr);
  const std::vector<float> plain = corners_after(false, "corner_plain.h5");
  const std::vector<float> augmented = corners_after(true, "corner_augmented.h5");
  const int corner[4] = {0, 4, 20, 24};
  for (int i = 1; i < 4; ++i) {
    INFO("corner " << corner[i] << ": before " << before[corner[i]] << ", plain " << plain[i]
                   << ", augmented " << augmented[i]);
    REQUIRE(augmented[i] > 1.5f * before[corner[i]]);
    REQUIRE(augmented[i] > 1.5f * plain[i]);
  }
  REQUIRE(plain[0] > 1.5f * before[0]);
}
