// Choosing among moves the network scored one by one (the q and value agents): each
// candidate's value v in -1..1 for the player to move becomes a win rate w = (1 + v) / 2, the
// candidates are ranked by SamplingOptions over w (epsilon: uniform order; greedy: best w;
// otherwise sampled without replacement from w^(1/T), the original's "weighted" policy), and
// the first is played. The decision carries every candidate's win rate in its diagnostics
// (best first, at most 10) and the best win rate as the position's.
//
// Contract: pure apart from the caller's Rng; safe from any thread.
#pragma once

#include <vector>

#include "engine/agents/agent.h"
#include "engine/game_state.h"
#include "engine/rng.h"
#include "net/agents/move_choice.h"

namespace dlgo::net {

// The points the q and value agents score: legal, and not filling one of the player's eyes.
std::vector<int> playable_points(const GameState& state);

// `values[i]` is the value of playing `points[i]`, for the player to move. A pass when there
// are no points.
MoveDecision choose_scored_move(const std::vector<int>& points, const std::vector<float>& values,
                                const SamplingOptions& options, Rng& rng);

}  // namespace dlgo::net
