// Self-play experience: every recorded row is checked against the game it came from (replayed
// from the SGF the same run wrote): the position's network input, the move, the outcome.
#include "tests/catch.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>

#include "engine/dead_stones/adjudication.h"
#include "engine/sgf/game_record.h"
#include "net/agents/move_choice.h"
#include "net/model.h"
#include "net/rl/self_play.h"
#include "tests/net_agents/agent_support.h"

namespace fs = std::filesystem;
using namespace dlgo;

namespace {

GameRecord read_sgf(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  auto records = read_game_records(text.str(), path);
  REQUIRE(records.size() == 1);
  return records.front();
}

// Replays game `index` and checks its rows (which start at `row`) move by move; returns the
// first row after them. `recorded(color)` says whose moves were recorded.
template <typename Recorded>
size_t check_game(const Experience& e, size_t row, const net::SelfPlayGame& game,
                  const std::string& sgf_path, const net::Model& model, Recorded recorded) {
  GameRecord record = read_sgf(sgf_path);
  GameReplay replay(record);
  std::vector<float> input(model.input_size());
  while (!replay.done()) {
    const RecordMove& move = replay.next_move();
    const bool labelled = !move.move.is_pass() || model.encoder().predicts_pass();
    if (recorded(move.color) && labelled) {
      REQUIRE(row < e.rows());
      REQUIRE(e.games[row] == game.index);
      REQUIRE(e.actions[row] == model.encoder().encode_move(move.move));
      model.encode_input(replay.state(), input.data());
      REQUIRE(std::equal(input.begin(), input.end(), e.states.begin() + row * e.state_size()));
      const float reward =
          game.winner == Color::kEmpty ? 0.0f : (move.color == game.winner ? 1.0f : -1.0f);
      REQUIRE(e.rewards[row] == reward);
      if (e.has_move_masks()) {  // the points the policy could have played here, nothing else
        const std::uint8_t* mask = e.move_masks.data() + row * e.action_space;
        const GameState& state = replay.state();
        for (int point = 0; point < model.encoder().num_points(); ++point) {
          INFO("row " << row << ", point " << point);
          REQUIRE(mask[model.encoder().encode_point(point)] ==
                  (net::is_playable_point(state, point) ? 1 : 0));
          if (state.board().at(point) != Color::kEmpty)
            REQUIRE(mask[model.encoder().encode_point(point)] == 0);
        }
      }
      ++row;
    }
    replay.step();
  }
  // The outcome is the referee's count of the final position (dead stones taken off), and the
  // SGF says the same.
  CHECK(adjudicate(replay.state()).winner() == game.winner);
  CHECK(record.info.result == game.result);
  return row;
}

}  // namespace

TEST_CASE("self-play records every decision of both sides with the game's outcome",
          "[rl][selfplay]") {
  const std::string agent = test::fresh_agent_file("pg", "simple", 5);
  net::SelfPlayerOptions player_options;
  player_options.seed = 3;
  net::SelfPlayer player = net::load_self_player(agent, player_options);
  net::SelfPlaySettings settings;
  settings.board_size = 5;
  settings.num_games = 6;
  settings.workers = 2;
  settings.sgf_dir = test::test_folder() + "/selfplay_sgf";
  net::SelfPlayResult result = net::run_self_play(player, nullptr, settings);
  const Experience& e = result.experience;
  REQUIRE_NOTHROW(e.check());
  REQUIRE(e.encoder == "simple");
  REQUIRE(e.action_space == 25);
  REQUIRE_FALSE(e.has_visit_counts());
  REQUIRE(e.has_move_masks());
  REQUIRE(result.games.size() == 6);
  REQUIRE(result.first_wins + result.second_wins + result.draws == 6);
  // pg has no value head: the advantage is the reward itself.
  REQUIRE(e.advantages == e.rewards);

  size_t row = 0;
  for (const auto& game : result.games) {
    char name[32];
    std::snprintf(name, sizeof name, "/game_%04d.sgf", game.index + 1);
    row = check_game(e, row, game, settings.sgf_dir + name, *player.model,
                     [](Color) { return true; });
  }
  REQUIRE(row == e.rows());  // nothing extra, nothing dropped
  REQUIRE(e.rows() > 6 * 5);
}

TEST_CASE("against a second agent only the first agent's moves are recorded, colours alternating",
          "[rl][selfplay]") {
  const std::string agent = test::fresh_agent_file("pg", "simple", 5);
  net::SelfPlayer first = net::load_self_player(agent, {});
  net::SelfPlayer second = net::load_self_player("random", {});
  net::SelfPlaySettings settings;
  settings.board_size = 5;
  settings.num_games = 4;
  settings.sgf_dir = test::test_folder() + "/versus_sgf";
  net::SelfPlayResult result = net::run_self_play(first, &second, settings);
  size_t row = 0;
  for (const auto& game : result.games) {
    REQUIRE(game.first_player_color == (game.index % 2 == 0 ? Color::kBlack : Color::kWhite));
    char name[32];
    std::snprintf(name, sizeof name, "/game_%04d.sgf", game.index + 1);
    const Color mine = game.first_player_color;
    row = check_game(result.experience, row, game, settings.sgf_dir + name, *first.model,
                     [mine](Color color) { return color == mine; });
  }
  REQUIRE(row == result.experience.rows());
}

TEST_CASE("zero self-play records the root's visit counts with the chosen move most visited",
          "[rl][selfplay]") {
  const std::string agent = test::fresh_agent_file("zero", "zero", 5);
  net::SelfPlayerOptions options;
  options.zero_rounds = 24;
  options.zero_temperature_moves = 0;  // always the most visited move
  options.zero_noise = 0.25;
  net::SelfPlayer player = net::load_self_player(agent, options);
  REQUIRE(player.agent->kind() == AgentKind::kZero);
  net::SelfPlaySettings settings;
  settings.board_size = 5;
  settings.num_games = 2;
  settings.workers = 2;
  net::SelfPlayResult result = net::run_self_play(player, nullptr, settings);
  const Experience& e = result.experience;
  REQUIRE(e.has_visit_counts());
  REQUIRE_FALSE(e.has_move_masks());  // the visit counts say what the search chose among
  REQUIRE(e.action_space == 26);      // 25 points and pass
  REQUIRE(e.rows() > 4);
  for (size_t r = 0; r < e.rows(); ++r) {
    const float* visits = e.visit_counts.data() + r * e.action_space;
    const float total = std::accumulate(visits, visits + e.action_space, 0.0f);
    // Only searched decisions: at least the simulations asked for (a rule pass is not recorded),
    // except a forced move (one playable move, no pass allowed), which is played unsearched.
    const auto tried =
        std::count_if(visits, visits + e.action_space, [](float v) { return v > 0; });
    INFO("row " << r << ": " << total << " visits over " << tried << " moves");
    REQUIRE((total >= 24 || tried == 1));
    const int most = static_cast<int>(std::max_element(visits, visits + e.action_space) - visits);
    REQUIRE(visits[e.actions[r]] == visits[most]);
  }
}

TEST_CASE("self-play refuses players it cannot use", "[rl][selfplay]") {
  const std::string agent9 = test::fresh_agent_file("pg", "simple", 9);
  net::SelfPlayer player = net::load_self_player(agent9, {});
  net::SelfPlaySettings settings;
  settings.board_size = 5;
  REQUIRE_THROWS_WITH(net::run_self_play(player, nullptr, settings),
                      Catch::Contains("cannot play on 5x5"));
  net::SelfPlayer random = net::load_self_player("random", {});
  REQUIRE_THROWS_WITH(net::run_self_play(random, nullptr, settings),
                      Catch::Contains("experience needs a network agent"));
  REQUIRE_THROWS(net::load_self_player(test::test_folder() + "/no_such_agent.h5", {}));
}

TEST_CASE(
    "actor-critic self-play records the advantage as outcome minus the mover's own value estimate",
    "[rl][selfplay]") {
  const std::string agent = test::fresh_agent_file("ac", "simple", 5);
  net::SelfPlayer player = net::load_self_player(agent, {});
  net::SelfPlaySettings settings;
  settings.board_size = 5;
  settings.num_games = 2;
  net::SelfPlayResult result = net::run_self_play(player, nullptr, settings);
  const Experience& e = result.experience;
  REQUIRE(e.rows() > 4);
  std::vector<float> value(1);
  for (size_t r = 0; r < e.rows(); ++r) {
    // The value head judges the recorded position for the player to move: the mover.
    player.model->predict(e.states.data() + r * e.state_size(), 1, nullptr, value.data());
    REQUIRE(e.advantages[r] == Approx(e.rewards[r] - value[0]).margin(1e-4));
  }
}
