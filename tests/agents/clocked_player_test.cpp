// The clock in the per-game player (engine/agents/clocked_player.h).
#include "engine/agents/clocked_player.h"

#include <memory>

#include "engine/game_state.h"
#include "tests/catch.h"

using namespace dlgo;

namespace {

// Passes, remembering the budget of its last move; searches as `strength` says.
class BudgetRecordingAgent : public Agent {
 public:
  explicit BudgetRecordingAgent(StrengthSettings strength) : strength_(strength) {}
  AgentKind kind() const override { return AgentKind::kMcts; }
  bool supports(BoardSize) const override { return true; }
  MoveDecision select_move(const GameState& state) const override {
    return select_move_within(state, {});
  }
  StrengthSettings strength() const override { return strength_; }
  MoveDecision select_move_within(const GameState&, const MoveBudget& budget) const override {
    last_budget = budget;
    ++moves;
    MoveDecision decision{Move::pass(), {}};
    decision.diagnostics.visits = budget.visits.value_or(100);
    decision.diagnostics.seconds = 0.01;  // 10,000 visits a second at 100 visits
    return decision;
  }
  void set_seed(std::uint64_t) override {}

  mutable MoveBudget last_budget;
  mutable int moves = 0;

 private:
  StrengthSettings strength_;
};

}  // namespace

TEST_CASE("a clocked player gives a time-searching agent its share of the time left") {
  BudgetRecordingAgent agent({std::nullopt, 5.0, std::nullopt});
  ClockedPlayer player(agent.new_game_player(1), agent.strength(), 1000);
  const GameState state = GameState::new_game(9);
  player.select_move(state);
  CHECK_FALSE(agent.last_budget.seconds);  // no time control: the agent's own setting
  CHECK_FALSE(player.last_timed_move());

  player.set_clock(TimeControl::from_gtp(0, 3, 1), ClockReading{});
  player.select_move(state);
  REQUIRE(agent.last_budget.seconds);
  CHECK(*agent.last_budget.seconds == Approx(2.4));  // 90% of 3 s less 0.3 s for lag
  CHECK_FALSE(agent.last_budget.visits);
  REQUIRE(player.last_timed_move());
  CHECK(player.last_timed_move()->seconds == Approx(2.4));
}

TEST_CASE("a clocked player turns the time into visits at the speed it measured") {
  BudgetRecordingAgent agent({500, std::nullopt, std::nullopt});
  ClockedPlayer player(agent.new_game_player(1), agent.strength(), 1000);
  player.set_clock(TimeControl::from_gtp(0, 0.4, 1), ClockReading{});
  const GameState state = GameState::new_game(9);
  player.select_move(state);
  CHECK(agent.moves == 2);  // a short search measured the speed first
  REQUIRE(agent.last_budget.visits);
  // 0.06 s at about 6,400 visits a second (64 visits in 0.01 s): a few hundred, within bounds.
  CHECK(*agent.last_budget.visits >= 16);
  CHECK(*agent.last_budget.visits <= 1000);
  player.set_clock(TimeControl::from_gtp(0, 30, 1), ClockReading{});
  player.select_move(state);
  CHECK(agent.moves == 3);                   // the speed is known now
  CHECK(*agent.last_budget.visits == 1000);  // capped at max_visits
}

TEST_CASE("a clocked player leaves an agent without a search budget alone") {
  BudgetRecordingAgent agent({std::nullopt, std::nullopt, true});
  ClockedPlayer player(agent.new_game_player(1), agent.strength(), 1000);
  player.set_clock(TimeControl::from_gtp(0, 3, 1), ClockReading{});
  player.select_move(GameState::new_game(9));
  CHECK_FALSE(agent.last_budget.seconds);
  CHECK_FALSE(agent.last_budget.visits);
  CHECK_FALSE(player.last_timed_move());
}
