#include "engine/agents/time_control.h"

#include <algorithm>

namespace dlgo {

TimeControl TimeControl::from_gtp(double main, double byo_yomi, int stones) {
  TimeControl control;
  if (byo_yomi > 0 && stones == 0) return control;  // the specification's "no time limit"
  control.main_seconds = std::max(0.0, main);
  control.period_seconds = std::max(0.0, byo_yomi);
  control.stones = std::max(0, stones);
  control.kind = control.stones > 0 ? TimeControl::Kind::kCanadian : TimeControl::Kind::kAbsolute;
  return control;
}

double move_time_budget(const TimeControl& control, const ClockReading& clock, int empty_points,
                        double safety_seconds) {
  constexpr double kMinimum = 0.02;  // always enough for a token search
  if (control.unlimited()) return kUnlimitedSeconds;

  const double left = clock.known ? std::max(0.0, clock.seconds_left) : control.main_seconds;
  const bool in_byo_yomi = clock.known ? clock.stones > 0 : control.main_seconds <= 0;

  // Per-move allowance of the overtime, spendable on every move once main time is gone.
  double overtime = 0;
  if (control.kind == TimeControl::Kind::kCanadian && control.stones > 0) {
    overtime = control.period_seconds / control.stones;
  } else if (control.kind == TimeControl::Kind::kJapanese && control.stones > 0) {
    overtime = control.period_seconds;
  }

  const double moves_to_go = std::max(10.0, empty_points / 3.0);
  double budget;
  if (in_byo_yomi) {
    switch (control.kind) {
      case TimeControl::Kind::kCanadian: {
        int stones = std::max(1, clock.known ? clock.stones : control.stones);
        budget = (clock.known ? left : control.period_seconds) / stones;
        break;
      }
      case TimeControl::Kind::kJapanese:
        // One move per period, whatever the clock shows of the current one.
        budget = clock.known ? std::min(left, control.period_seconds) : control.period_seconds;
        break;
      default:
        budget = left / moves_to_go;
        break;
    }
    budget *= 0.9;
  } else {
    budget = left / moves_to_go + 0.8 * overtime;
    // Never plan to spend more than the main time left plus one overtime allowance.
    budget = std::min(budget, left + 0.8 * overtime);
  }
  return std::max(kMinimum, budget - safety_seconds);
}

}  // namespace dlgo
