// One side of one game: what a program that plays a whole game asks for each move (GTP, a
// match, self-play). An Agent is shared and keeps nothing between moves; the GamePlayer it
// hands out for a game may keep what carries over from move to move (a search tree, see
// Agent::new_game_player()).
//
// Contract: a GamePlayer belongs to one game and is used by one thread at a time. It may be
// given any position, in any order (undo, a new game): it keeps its state only where the new
// position continues the last. Its agent must outlive it.
#pragma once

#include <vector>

#include "engine/agents/agent.h"

namespace dlgo {

class GamePlayer {
 public:
  virtual ~GamePlayer() = default;

  // The agent's move for the player to move, within `budget` (see Agent::select_move_within).
  virtual MoveDecision select_move(const GameState& state, const MoveBudget& budget = {}) = 0;

  // The root's visits per network move label after the last select_move(), for players whose
  // search is a training target (zero); empty for the others and for moves chosen unsearched.
  virtual const std::vector<int>& root_visit_counts() const {
    static const std::vector<int> none;
    return none;
  }
};

// The player of an agent that keeps nothing between moves: each move is one select_move call.
class StatelessPlayer : public GamePlayer {
 public:
  explicit StatelessPlayer(const Agent& agent) : agent_(agent) {}
  MoveDecision select_move(const GameState& state, const MoveBudget& budget) override {
    return agent_.select_move_within(state, budget);
  }

 private:
  const Agent& agent_;
};

}  // namespace dlgo
