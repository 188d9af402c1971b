// progress.svg of a dlgo-rl work dir: per round, the candidate's win rate against the best
// (with its 95% interval, filled dots where it was promoted), its win rate against the
// reference when measured, and the best agent's Elo relative to the initial one.
//
// Contract: a pure function; the SVG is self-contained (no scripts, no external files).
#pragma once

#include <string>
#include <vector>

#include "net/rl/rl_loop.h"

namespace dlgo::net {

// `gate`: the promotion threshold, drawn as a dashed line.
std::string rl_progress_svg(const std::vector<RlRoundRecord>& rounds, double gate);

}  // namespace dlgo::net
