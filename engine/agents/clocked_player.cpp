#include "engine/agents/clocked_player.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace dlgo {

namespace {

constexpr int kCalibrationVisits = 64;  // the short search that measures a player's speed
constexpr int kMinTimedVisits = 16;

}  // namespace

ClockedPlayer::ClockedPlayer(std::unique_ptr<GamePlayer> player, StrengthSettings strength,
                             int max_visits)
    : player_(std::move(player)), strength_(strength), max_visits_(max_visits) {}

void ClockedPlayer::set_clock(const TimeControl& control, const ClockReading& clock) {
  control_ = control;
  clock_ = clock;
}

MoveDecision ClockedPlayer::select_move(const GameState& state, const MoveBudget& budget) {
  last_timed_move_.reset();
  const double seconds = move_time_budget(control_, clock_, state.board().empty_count());
  if (!std::isfinite(seconds) || (!strength_.seconds && !strength_.visits)) {
    MoveDecision decision = player_->select_move(state, budget);
    note_speed(decision);
    return decision;
  }
  TimedMove timed{seconds, budget};
  if (strength_.seconds) {
    timed.budget.seconds = seconds;
  } else {
    const auto start = std::chrono::steady_clock::now();
    if (!visits_per_second_) {
      MoveBudget calibration;
      calibration.visits = kCalibrationVisits;
      note_speed(player_->select_move(state, calibration));
    }
    const double spent =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double visits = visits_per_second_.value_or(1000.0) * std::max(0.0, seconds - spent);
    timed.budget.visits = static_cast<int>(
        std::min(static_cast<double>(max_visits_), std::max<double>(kMinTimedVisits, visits)));
  }
  last_timed_move_ = timed;
  MoveDecision decision = player_->select_move(state, timed.budget);
  note_speed(decision);
  return decision;
}

void ClockedPlayer::note_speed(const MoveDecision& decision) {
  const AgentDiagnostics& d = decision.diagnostics;
  if (!d.visits || *d.visits < kMinTimedVisits || d.seconds <= 0) return;
  const double speed = *d.visits / d.seconds;
  visits_per_second_ = visits_per_second_ ? 0.5 * *visits_per_second_ + 0.5 * speed : speed;
}

}  // namespace dlgo
