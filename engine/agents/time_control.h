// Time controls as GTP sets them (time_settings, kgs-time_settings, time_left) and the share of
// the remaining time an engine should spend on its next move.
//
//   time_settings M B S         Canadian byo-yomi: M seconds main time, then B seconds for
//                               every S stones. B > 0 with S = 0 means no time limit; all
//                               zero means "absolute" with no time at all (answer at once).
//   kgs-time_settings none | absolute M | byoyomi M P N | canadian M B S
//                               byoyomi: Japanese, N periods of P seconds each.
//   time_left COLOR T S         T seconds left for COLOR; S > 0 means byo-yomi, with S stones
//                               (Canadian) or periods (Japanese) to go; S = 0 means main time.
//
// Contract: plain value types and pure functions; safe from any thread.
#pragma once

#include <limits>

namespace dlgo {

struct TimeControl {
  enum class Kind { kNone, kAbsolute, kCanadian, kJapanese };
  Kind kind = Kind::kNone;
  double main_seconds = 0;
  double period_seconds = 0;  // Canadian: byo-yomi time for `stones`; Japanese: one period
  int stones = 0;             // Canadian: stones per period; Japanese: number of periods

  bool unlimited() const { return kind == Kind::kNone; }

  // From time_settings M B S (the GTP command's meaning, see above).
  static TimeControl from_gtp(double main, double byo_yomi, int stones);
};

// What the controller last said about one player's clock.
struct ClockReading {
  bool known = false;
  double seconds_left = 0;
  int stones = 0;  // 0: in main time
};

inline constexpr double kUnlimitedSeconds = std::numeric_limits<double>::infinity();

// Seconds to spend on the next move: kUnlimitedSeconds without a time limit, else a share of
// what is left that lasts the game (about empty_points / 3 more moves in main time), kept
// `safety_seconds` short of the limit for transmission lag (gtp2ogs, network latency).
double move_time_budget(const TimeControl& control, const ClockReading& clock, int empty_points,
                        double safety_seconds = 0.3);

}  // namespace dlgo
