// Network agents from agent files: reads the file's kind and makes the matching agent
// (predict, pg, q, ac, value, zero, alphago; net/agents/). Programs call
// install_agent_file_loader() once at start so make_agent() (engine/agents/agent_factory.h)
// accepts agent file paths.
//
// AgentOptions map onto the agents as follows: `seed` seeds every agent; `greedy` makes
// predict, pg, q, value and ac play their best-ranked move; `temperature` is the sampling
// temperature of pg, q, value and ac; `rounds` (0: the agent's default) sizes the zero and
// alphago searches; `sampled_opening_moves` makes zero agents draw their first moves in
// proportion to visits. Zero agents resign when clearly lost (clear_loss_resignation() in
// net/agents/resign_judge.h). Everything else (epsilon, other agents' resignation, search
// threads, noise, ...) keeps the agents' defaults; programs that need them build the agents
// directly.
//
// Contract: thread-safe. Errors throw std::runtime_error (AgentFileError for file problems)
// whose message names the file.
#pragma once

#include <memory>
#include <string>

#include "engine/agents/agent.h"
#include "engine/agents/agent_factory.h"

namespace dlgo::net {

// `device`: "auto" (CUDA when present), "cpu", "cuda", "cuda:N".
std::unique_ptr<Agent> load_agent_file(const std::string& path, const AgentOptions& options,
                                       const std::string& device = "auto");

class Model;

// An agent with the network it plays by, for programs that encode positions for it
// (self-play records them).
struct LoadedAgent {
  std::unique_ptr<Agent> agent;
  std::shared_ptr<const Model> model;
};
LoadedAgent load_agent_and_model(const std::string& path, const AgentOptions& options,
                                 const std::string& device = "auto");

// set_agent_file_loader() with load_agent_file on the default device.
void install_agent_file_loader();

}  // namespace dlgo::net
