#include "engine/agents/agent_kind.h"

#include <algorithm>
#include <stdexcept>

namespace dlgo {

std::string_view agent_kind_name(AgentKind kind) {
  switch (kind) {
    case AgentKind::kRandom:
      return "random";
    case AgentKind::kMcts:
      return "mcts";
    case AgentKind::kPredict:
      return "predict";
    case AgentKind::kPg:
      return "pg";
    case AgentKind::kQ:
      return "q";
    case AgentKind::kAc:
      return "ac";
    case AgentKind::kValue:
      return "value";
    case AgentKind::kZero:
      return "zero";
    case AgentKind::kAlphaGo:
      return "alphago";
  }
  return "unknown";
}

const std::vector<AgentKind>& all_agent_kinds() {
  static const std::vector<AgentKind> kinds = {
      AgentKind::kRandom, AgentKind::kMcts,  AgentKind::kPredict, AgentKind::kPg,     AgentKind::kQ,
      AgentKind::kAc,     AgentKind::kValue, AgentKind::kZero,    AgentKind::kAlphaGo};
  return kinds;
}

std::vector<std::string> agent_kind_names(const std::vector<AgentKind>& kinds) {
  std::vector<std::string> names;
  for (AgentKind kind : kinds) names.emplace_back(agent_kind_name(kind));
  return names;
}

AgentKind parse_agent_kind(std::string_view text, const std::vector<AgentKind>& valid) {
  auto found = std::find_if(valid.begin(), valid.end(),
                            [&](AgentKind kind) { return agent_kind_name(kind) == text; });
  if (found != valid.end()) return *found;
  std::string known;
  for (const std::string& name : agent_kind_names(valid)) {
    known += (known.empty() ? "" : ", ") + name;
  }
  throw std::invalid_argument("unknown agent kind '" + std::string(text) + "' (known: " + known +
                              ")");
}

}  // namespace dlgo
