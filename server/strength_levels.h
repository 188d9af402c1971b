// How strong a bot plays: the named levels GET /bots lists, and the budget of one request
// (`level`, `seconds_per_move`, `visits`), held to the server's cap.
//
// The cap is the agent's own setting (Agent::strength(): what dlgo-serve's --mcts-rounds,
// --seconds-per-move or the agent file gave it), which is also its top level and its default.
//   - Search bots by count (mcts; zero and alphago files without --seconds-per-move): levels 1-4
//     search 1/8, 1/4, 1/2 and all of the cap's visits per move.
//   - Search bots by time (zero files with --seconds-per-move): 1/8 .. all of the seconds.
//   - Policy bots (predict, pg, q, value, ac): level 1 samples its move from the policy, level 2
//     plays the best move; the default is the agent file's own choice.
//   - Other bots (random): no levels.
// A request may name a level or a budget of its own (a budget field overrides that field of
// the level). More than the cap is clamped, not obeyed; a budget the bot has no use for (time
// for a bot that counts visits) is ignored. Either way the answer says so in `limits`.
//
// Contract: pure functions; safe from any thread. resolve_strength() throws HttpError(400) for
// a level the bot does not have, naming the levels it has.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/agents/agent.h"
#include "server/select_move_api.h"

namespace dlgo::server {

struct StrengthLevel {
  int level = 0;  // 1 = weakest
  std::string name;
  std::string description;  // "0.5 s a move", "100 visits a move", "plays the best move"
  MoveBudget budget;
};

// Weakest first; empty for a bot without a choice.
std::vector<StrengthLevel> strength_levels(const StrengthSettings& settings);

// The level that matches the agent's own settings (the top for search bots); 0 without levels.
int default_level(const StrengthSettings& settings);

struct ResolvedStrength {
  MoveBudget budget;
  // {"level", "seconds_per_move" | "visits" | "greedy", "clamped", "message"}; null when the
  // request asked for nothing.
  nlohmann::json limits;
};

// The budget for `request` on a bot named `bot_name` with `settings`.
ResolvedStrength resolve_strength(const StrengthSettings& settings, const MoveRequest& request,
                                  const std::string& bot_name);

}  // namespace dlgo::server
