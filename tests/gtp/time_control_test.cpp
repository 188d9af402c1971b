// Time budgets per move from GTP time settings and clock readings.
#include "tests/catch.h"

#include <cmath>

#include "engine/agents/time_control.h"

using namespace dlgo;

TEST_CASE("no time settings, or byo-yomi without stones, means no limit") {
  CHECK(std::isinf(move_time_budget(TimeControl{}, ClockReading{}, 81)));
  TimeControl none = TimeControl::from_gtp(0, 10, 0);
  CHECK(none.unlimited());
  CHECK(std::isinf(move_time_budget(none, ClockReading{}, 81)));
}

TEST_CASE("main time is spread over the moves to come") {
  TimeControl control = TimeControl::from_gtp(300, 0, 0);
  CHECK(control.kind == TimeControl::Kind::kAbsolute);
  // 19x19, empty: 361 / 3 = 120.3 moves to go; 300 / 120.33 - 0.3 lag.
  CHECK(move_time_budget(control, ClockReading{}, 361) == Approx(300 / (361 / 3.0) - 0.3));
  // Few points left: at least 10 moves are planned for.
  CHECK(move_time_budget(control, ClockReading{}, 12) == Approx(30 - 0.3));
  ClockReading clock{true, 20, 0};
  CHECK(move_time_budget(control, clock, 90) == Approx(20 / 30.0 - 0.3));
}

TEST_CASE("canadian byo-yomi shares the period among its stones") {
  TimeControl control = TimeControl::from_gtp(0, 60, 10);
  CHECK(control.kind == TimeControl::Kind::kCanadian);
  // No reading yet: a whole period for 10 stones, 90% of it, less the lag.
  CHECK(move_time_budget(control, ClockReading{}, 81) == Approx(6 * 0.9 - 0.3));
  ClockReading clock{true, 12, 4};
  CHECK(move_time_budget(control, clock, 81) == Approx(3 * 0.9 - 0.3));
  // In main time, the overtime allowance is added.
  TimeControl with_main = TimeControl::from_gtp(100, 60, 10);
  ClockReading main_clock{true, 100, 0};
  CHECK(move_time_budget(with_main, main_clock, 90) == Approx(100 / 30.0 + 0.8 * 6 - 0.3));
}

TEST_CASE("japanese byo-yomi spends at most one period per move") {
  TimeControl control;
  control.kind = TimeControl::Kind::kJapanese;
  control.main_seconds = 0;
  control.period_seconds = 30;
  control.stones = 5;
  CHECK(move_time_budget(control, ClockReading{}, 81) == Approx(30 * 0.9 - 0.3));
  ClockReading clock{true, 20, 3};
  CHECK(move_time_budget(control, clock, 81) == Approx(20 * 0.9 - 0.3));
}

TEST_CASE("no time at all still allows a token search") {
  TimeControl control = TimeControl::from_gtp(0, 0, 0);
  CHECK(move_time_budget(control, ClockReading{}, 81) == Approx(0.02));
  ClockReading clock{true, 0.1, 0};
  CHECK(move_time_budget(TimeControl::from_gtp(10, 0, 0), clock, 81) == Approx(0.02));
}
