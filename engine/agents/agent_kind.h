// The kinds of agent, and their one spelling as text: what agent files store, command lines
// take and the server reports. Code asks an agent what it can do (Agent's capabilities), not
// which kind it is; only the factories (engine/agents/agent_factory.cpp, net/agent_files.cpp)
// turn a kind into an agent.
//
// Contract: parse_agent_kind() accepts exactly the names agent_kind_name() gives and throws
// std::invalid_argument naming the text and the valid kinds for anything else.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dlgo {

enum class AgentKind { kRandom, kMcts, kPredict, kPg, kQ, kAc, kValue, kZero, kAlphaGo };

// "random", "mcts", "predict", "pg", "q", "ac", "value", "zero", "alphago".
std::string_view agent_kind_name(AgentKind kind);

// Every kind, in the order above.
const std::vector<AgentKind>& all_agent_kinds();

// The names of `kinds`, in their order.
std::vector<std::string> agent_kind_names(const std::vector<AgentKind>& kinds);

// The kind spelled `text`, which must be one of `valid` (e.g. the kinds an agent file holds).
AgentKind parse_agent_kind(std::string_view text,
                           const std::vector<AgentKind>& valid = all_agent_kinds());

}  // namespace dlgo
