// A game player on a clock (GTP time_settings / time_left): before each move it is told the
// time control and the time left, and it turns its share of that time (move_time_budget) into
// the budget of the player it wraps. Agents that search for a time get the seconds; agents
// that search a number of visits get as many as their measured speed fits into those seconds
// (the first timed move measures the speed with a short search, at most `max_visits`). Agents
// without a search budget, and any move without a time limit, play as they would unclocked.
//
// Contract: like every GamePlayer, one game and one thread at a time.
#pragma once

#include <memory>
#include <optional>

#include "engine/agents/game_player.h"
#include "engine/agents/time_control.h"

namespace dlgo {

class ClockedPlayer : public GamePlayer {
 public:
  ClockedPlayer(std::unique_ptr<GamePlayer> player, StrengthSettings strength, int max_visits);

  // The clock of the player to move next; unlimited until first set.
  void set_clock(const TimeControl& control, const ClockReading& clock);

  MoveDecision select_move(const GameState& state, const MoveBudget& budget = {}) override;
  const std::vector<int>& root_visit_counts() const override {
    return player_->root_visit_counts();
  }

  // What the clock gave the last move: its seconds and the budget made of them; nullopt when
  // the last move was not timed.
  struct TimedMove {
    double seconds = 0;
    MoveBudget budget;
  };
  const std::optional<TimedMove>& last_timed_move() const { return last_timed_move_; }

 private:
  void note_speed(const MoveDecision& decision);

  std::unique_ptr<GamePlayer> player_;
  StrengthSettings strength_;
  int max_visits_;
  TimeControl control_;
  ClockReading clock_;
  std::optional<double> visits_per_second_;  // the search speed seen so far
  std::optional<TimedMove> last_timed_move_;
};

}  // namespace dlgo
