// What an agent's move decision carries, and how hard it may search for it: the chosen move
// with the candidates, win rates and principal variation the agent knew of (AgentDiagnostics),
// and the per-move budget a strength level sets (MoveBudget, StrengthSettings). Plain data,
// below both the agents (engine/agents/agent.h) and the search that fills them
// (engine/search/), so that neither includes the other's folder.
//
// Contract: value types only; no behaviour beyond win_rate_of_value() and budget_left().
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "engine/move.h"

namespace dlgo {

// One candidate move as the agent sees it; fields an agent does not know stay empty.
struct MoveCandidate {
  Move move;
  std::optional<double> prior;     // policy probability, 0..1
  std::optional<int> visits;       // search visits
  std::optional<double> win_rate;  // for the player to move, 0..1
};

struct AgentDiagnostics {
  std::vector<MoveCandidate> top_moves;   // best first
  std::optional<double> win_rate;         // of the position, for the player to move, 0..1
  std::optional<double> value;            // raw value head output, -1..1, where an agent has one
  std::optional<int> visits;              // total search visits
  std::vector<Move> principal_variation;  // the expected continuation, from the chosen move
  double seconds = 0;                     // time the decision took
};

// A value in -1..1 for the player to move as a win rate in 0..1.
inline double win_rate_of_value(double value) {
  return 0.5 * (value + 1.0);
}

struct MoveDecision {
  Move move;
  AgentDiagnostics diagnostics;
};

// How hard an agent plays one move (a strength level); an empty field keeps the agent's own
// setting. Only the fields its StrengthSettings name apply; the others are ignored.
struct MoveBudget {
  std::optional<int> visits;      // search agents by count: simulations (rollouts) this move
  std::optional<double> seconds;  // search agents by time: seconds of search this move
  std::optional<bool> greedy;     // policy agents: the best move (true) or a sample (false)
};

// What is left of a move's budget for the next step of choosing it: a timed agent's seconds
// (the budget's, else `own_seconds`, the agent's own) less the time since `start`, so that
// work before the search counts. Unchanged for an agent that is not timed (no `own_seconds`).
inline MoveBudget budget_left(const MoveBudget& budget, std::optional<double> own_seconds,
                              std::chrono::steady_clock::time_point start) {
  MoveBudget left = budget;
  if (own_seconds) {
    left.seconds = budget.seconds.value_or(*own_seconds) -
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return left;
}

// What a MoveBudget can change in an agent, and the agent's own settings. A server takes them
// as its cap: a request may ask for less, never for more.
struct StrengthSettings {
  std::optional<int> visits;      // set for agents that search a number of visits per move
  std::optional<double> seconds;  // set for agents that search for a time per move
  std::optional<bool> greedy;     // set for agents that sample a policy or play its best move
};

}  // namespace dlgo
