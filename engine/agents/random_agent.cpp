#include "engine/agents/random_agent.h"

#include <chrono>

#include "engine/agents/pass_policy.h"
#include "engine/playout.h"

namespace dlgo {

MoveDecision RandomAgent::select_move(const GameState& state) const {
  auto start = std::chrono::steady_clock::now();
  MoveDecision decision;
  if (should_pass(state)) {
    decision.move = Move::pass();
  } else {
    Rng rng = calls_.next_rng();
    decision.move = select_random_move(state, rng);
  }
  decision.diagnostics.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return decision;
}

}  // namespace dlgo
