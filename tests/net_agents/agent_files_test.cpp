// The agent file loader: the file's kind decides the agent, AgentOptions reach it, and bad
// files give errors that name them.
#include "tests/catch.h"

#include <fstream>

#include "engine/agents/agent_factory.h"
#include "net/agent_files.h"
#include "tests/net_agents/agent_support.h"

using namespace dlgo;
using dlgo::test::fresh_agent_file;

TEST_CASE("the loader makes the agent of the file's kind") {
  const std::vector<std::pair<std::string, std::string>> kinds = {
      {"predict", "sevenplane"}, {"pg", "simple"}, {"q", "oneplane"},    {"value", "simple"},
      {"ac", "simple"},          {"zero", "zero"}, {"alphago", "simple"}};
  for (const auto& [kind, encoder] : kinds) {
    INFO(kind);
    const std::string path = fresh_agent_file(kind, encoder, 5);
    std::unique_ptr<Agent> agent = net::load_agent_file(path, AgentOptions{}, "cpu");
    CHECK(agent_kind_name(agent->kind()) == kind);
    CHECK(agent->supports(BoardSize{5, 5}));
    CHECK_THAT(agent->description(), Catch::Contains(path));
    GameState state = GameState::new_game(5);
    CHECK(state.is_legal(agent->select_move(state).move));
  }
}

TEST_CASE("make_agent loads agent files once the loader is installed") {
  net::install_agent_file_loader();
  const std::string path = fresh_agent_file("zero", "zero", 5);
  AgentOptions options;
  options.rounds = 7;
  std::unique_ptr<Agent> agent = make_agent(path, options);
  CHECK(agent->kind() == AgentKind::kZero);
  CHECK_THAT(agent->description(), Catch::Contains("7 rounds"));
  CHECK(make_agent("random")->kind() == AgentKind::kRandom);

  options.greedy = true;
  CHECK_THAT(make_agent(fresh_agent_file("pg", "simple", 5), options)->description(),
             Catch::Contains("greedy"));
  options.greedy = false;
  options.temperature = 0;
  try {
    make_agent(fresh_agent_file("pg", "simple", 5), options);
    FAIL("a temperature of 0 was accepted");
  } catch (const std::runtime_error& error) {
    CHECK_THAT(error.what(), Catch::Contains("pg-simple-5"));
    CHECK_THAT(error.what(), Catch::Contains("temperature"));
  }
}

TEST_CASE("foreign and missing files give errors naming the file") {
  const std::string text = dlgo::test::test_folder() + "/notes.h5";
  std::ofstream(text) << "not an agent file\n";
  try {
    net::load_agent_file(text, AgentOptions{}, "cpu");
    FAIL("a text file loaded as an agent");
  } catch (const std::runtime_error& error) {
    CHECK_THAT(error.what(), Catch::Contains(text));
  }
  const std::string missing = dlgo::test::test_folder() + "/missing.h5";
  try {
    net::load_agent_file(missing, AgentOptions{}, "cpu");
    FAIL("a missing file loaded");
  } catch (const std::runtime_error& error) {
    CHECK_THAT(error.what(), Catch::Contains(missing));
  }
}
