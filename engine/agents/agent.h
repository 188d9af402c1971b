// The one interface every bot implements: given a game position, choose a move, and say what
// it knows about the position. The server, GTP, self-play and evaluation all use it.
//
// Contract: an Agent is created once (from a name or an agent file) and then shared. Its
// select_move() is safe to call from several threads at once, each with its own GameState:
// agents keep no per-game state between calls, and their random numbers come from per-call
// generators. What may carry over from move to move in one game (a search tree) lives in the
// GamePlayer an agent hands out for that game (new_game_player()). The agent does not own the state
// it is given. select_move() never returns an illegal move: a play on a legal point, a pass, or a
// resignation.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/agents/agent_kind.h"
#include "engine/coords.h"
#include "engine/game_state.h"
#include "engine/move.h"

namespace dlgo {

class GamePlayer;

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

// What a MoveBudget can change in an agent, and the agent's own settings. A server takes them
// as its cap: a request may ask for less, never for more.
struct StrengthSettings {
  std::optional<int> visits;      // set for agents that search a number of visits per move
  std::optional<double> seconds;  // set for agents that search for a time per move
  std::optional<bool> greedy;     // set for agents that sample a policy or play its best move
};

class Agent {
 public:
  virtual ~Agent() = default;

  // The kind (its name as text: agent_kind_name()).
  virtual AgentKind kind() const = 0;
  // Whether this agent can play on a board of this size (network agents: only their own).
  virtual bool supports(BoardSize size) const = 0;
  // A one-line description for listings (/bots, GTP name): kind, board, network, file.
  virtual std::string description() const { return std::string(agent_kind_name(kind())); }
  // The feature encoder of a network agent ("sevenplane", ...); empty for agents without one.
  virtual std::string encoder_name() const { return ""; }

  // Chooses a move for the player to move. The game must not be over.
  virtual MoveDecision select_move(const GameState& state) const = 0;

  // The agent's own judgement of the position for the player to move, -1 (lost) .. 1 (won), for
  // agents with a value network; nullopt for the others.
  virtual std::optional<double> position_value(const GameState& state) const {
    (void)state;
    return std::nullopt;
  }

  // What a MoveBudget can change (nothing, by default).
  virtual StrengthSettings strength() const { return {}; }
  // select_move() within `budget` (fields the agent's strength() does not name are ignored).
  virtual MoveDecision select_move_within(const GameState& state, const MoveBudget& budget) const {
    (void)budget;
    return select_move(state);
  }

  // A player for one game with this agent (which must outlive it). The default plays every
  // move with select_move_within(); searching agents that keep their tree between moves hand
  // out players that do (zero). `seed` seeds what the player draws for itself.
  virtual std::unique_ptr<GamePlayer> new_game_player(std::uint64_t seed) const;

  // Seeds the agent's random choices, so a run can be repeated. Agents draw a fresh generator
  // per call from this seed and a call counter.
  virtual void set_seed(std::uint64_t seed) = 0;
};

}  // namespace dlgo
