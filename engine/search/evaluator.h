// What a search asks of a position: prior probabilities for its moves and a value for the
// player to move. The search knows nothing of networks or features; an Evaluator turns a
// position into whatever its judge needs (net/agents/network_evaluator.h encodes it for a
// network and batches it with other threads' leaves; tests answer with chosen numbers).
//
// Contract: evaluate() may be called from several search threads at once and must be
// thread-safe. It is never given a finished game. Priors are indexed by point (row * width +
// col), the pass at index width * height; they need not sum to 1 (the search normalises them
// over the moves it keeps) and must not be negative. The value is in -1 (lost) .. 1 (won).
#pragma once

#include <vector>

#include "engine/game_state.h"

namespace dlgo {

struct Evaluation {
  std::vector<float> priors;  // width * height + 1 entries: every point, then the pass
  float value = 0;            // for the player to move
};

class Evaluator {
 public:
  virtual ~Evaluator() = default;

  // Judges `state` (not over), resizing and filling `result`.
  virtual void evaluate(const GameState& state, Evaluation& result) = 0;

  // A search announces its threads for as long as they search (add_clients before they start,
  // remove_client as each stops), so an evaluator that batches knows how many leaves to wait
  // for. Others ignore them.
  virtual void add_clients(int count) { (void)count; }
  virtual void remove_client() {}
};

}  // namespace dlgo
