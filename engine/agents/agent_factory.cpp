#include "engine/agents/agent_factory.h"

#include <stdexcept>

#include "engine/agents/mcts_agent.h"
#include "engine/agents/random_agent.h"

namespace dlgo {

namespace {

AgentFileLoader& file_loader() {
  static AgentFileLoader loader;
  return loader;
}

}  // namespace

void set_agent_file_loader(AgentFileLoader loader) {
  file_loader() = std::move(loader);
}

std::vector<std::string> builtin_agent_names() {
  return {"random", "mcts"};
}

std::unique_ptr<Agent> make_agent(const std::string& spec, const AgentOptions& options) {
  if (spec == "random") return std::make_unique<RandomAgent>(options.seed);
  if (spec == "mcts") {
    if (options.mcts_rounds < 1) throw std::runtime_error("mcts needs at least 1 round");
    return std::make_unique<MctsAgent>(MctsOptions{options.mcts_rounds, options.mcts_temperature},
                                       options.seed);
  }
  if (!file_loader()) {
    throw std::runtime_error("'" + spec +
                             "' is not a built-in bot (random, mcts), and this program was built "
                             "without network support to load agent files");
  }
  return file_loader()(spec, options);
}

}  // namespace dlgo
