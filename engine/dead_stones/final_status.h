// The status of every stone at the end of a game (alive, dead or in seki) and the area score
// that follows: what GTP's final_status_list and final_score, dlgo-eval's referee and the
// server's POST /score all answer, from this one implementation.
//
// Dead stones are found by Monte Carlo ownership (ownership.h): a chain whose points end up
// the opponent's in more than `dead_threshold` of the playouts is dead, and is taken off
// before counting. Groups with two eyes never die in the playouts, so on a played-out board
// nothing is removed and the score is the plain area score.
//
// Seki is found on the board left after removing the dead stones: an empty region bordered by
// both colours in which every point is self-atari (or suicide) for both players can be filled
// by neither side, so the chains around it live in seki. Its points are dame; the seki stones
// count for their owner, as area scoring has it.
//
// Contract: pure functions (randomness from the options' seed, so a position always gets the
// same answer); safe from any thread. Each thread keeps its last estimate and answers the same
// position again from it (agents answering a pass ask more than once).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/game_state.h"
#include "engine/scoring.h"

namespace dlgo {

struct DeadStoneOptions {
  int playouts = 400;
  double dead_threshold = 0.6;
  std::uint64_t seed = 0xD1CE;
};

// Every field (a new option belongs here too).
inline bool operator==(const DeadStoneOptions& a, const DeadStoneOptions& b) {
  return a.playouts == b.playouts && a.dead_threshold == b.dead_threshold && a.seed == b.seed;
}

enum class StoneStatus : std::uint8_t { kNone, kAlive, kDead, kSeki };

struct FinalStatus {
  std::vector<double> ownership;    // per point: Monte Carlo ownership, +1 Black .. -1 White
  std::vector<StoneStatus> status;  // per point: kNone on empty points
  std::vector<Color> area;          // per point, dead stones removed: whose area (kEmpty: dame)
  GameResult result;                // area score without the dead stones, with the game's komi

  // The points whose stones have this status, in point order.
  std::vector<int> points_with(StoneStatus wanted) const;
};

FinalStatus estimate_final_status(const GameState& state, const DeadStoneOptions& options = {});

// The chains that live in seki on `board` (dead stones already removed), as a per-point flag.
std::vector<char> seki_points(const Board& board);

}  // namespace dlgo
