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
#include "engine/move_decision.h"

namespace dlgo {

class GamePlayer;

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
