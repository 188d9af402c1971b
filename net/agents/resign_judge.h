// When an agent resigns: its win rate for the position has stayed below a threshold for
// several of its own consecutive decisions in the same game.
//
// Agents are stateless between calls (agent.h), so the judge remembers low decisions by game
// content, not by caller: a decision is keyed by a hash of the board size, komi and the move
// sequence so far, and the streak of a decision continues the streak recorded for the same
// game two moves earlier (the player's previous turn). Two games with the same moves are the
// same position history, so sharing their streaks is correct. The memory is bounded (it is
// cleared when it grows past a limit; a cleared streak only delays a resignation).
//
// Contract: should_resign() is thread-safe. With threshold 0 (the default) it never resigns
// and remembers nothing.
#pragma once

#include <cstdint>
#include <unordered_map>

#include "engine/game_state.h"
#include "engine/mutex.h"

namespace dlgo::net {

struct ResignOptions {
  double threshold = 0.0;   // win rate 0..1 below which a decision counts as lost; 0: never resign
  int moves = 3;            // consecutive own decisions below the threshold before resigning
  int min_game_moves = 20;  // no resignation before this many moves have been played
};

// The rule of zero agent files loaded as bots (net/agent_files.h): resign when the search's
// win rate has stayed below 5% for 3 of the agent's own moves in a row, and never before move
// max(20, points / 6) (60 on 19x19, 28 on 13x13, 20 on 9x9). 5% is a clear loss to the network,
// not a close game; three moves in a row keep one bad search from ending the game; the opening
// bound keeps an untrained or unsure value head (and a handicap game that starts behind) from
// resigning before the board has taken shape.
ResignOptions clear_loss_resignation(BoardSize size);

class ResignJudge {
 public:
  explicit ResignJudge(ResignOptions options = {});  // throws std::invalid_argument

  const ResignOptions& options() const { return options_; }
  bool enabled() const { return options_.threshold > 0; }

  // Records the win rate the agent found for the player to move in `state`; true when the
  // agent should resign instead of playing.
  bool should_resign(const GameState& state, double win_rate) const DLGO_EXCLUDES(mutex_);

 private:
  ResignOptions options_;
  mutable Mutex mutex_;
  // game-history key -> consecutive low decisions ending at that position.
  mutable std::unordered_map<std::uint64_t, int> low_streaks_ DLGO_GUARDED_BY(mutex_);
};

}  // namespace dlgo::net
