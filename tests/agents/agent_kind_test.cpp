#include "engine/agents/agent_kind.h"

#include <stdexcept>

#include "tests/catch.h"

using namespace dlgo;

TEST_CASE("every agent kind reads back from its name") {
  REQUIRE(all_agent_kinds().size() == 9);
  for (AgentKind kind : all_agent_kinds()) {
    INFO(agent_kind_name(kind));
    CHECK(parse_agent_kind(agent_kind_name(kind)) == kind);
  }
  CHECK(agent_kind_names({AgentKind::kZero, AgentKind::kMcts}) ==
        std::vector<std::string>{"zero", "mcts"});
}

TEST_CASE("an unknown kind, or one outside the valid set, names the text and the valid kinds") {
  CHECK_THROWS_MATCHES(
      parse_agent_kind("Zero"), std::invalid_argument,
      Catch::Message("unknown agent kind 'Zero' (known: random, mcts, predict, pg, q, ac, value, "
                     "zero, alphago)"));
  CHECK_THROWS_MATCHES(parse_agent_kind("mcts", {AgentKind::kPredict, AgentKind::kZero}),
                       std::invalid_argument,
                       Catch::Message("unknown agent kind 'mcts' (known: predict, zero)"));
}
