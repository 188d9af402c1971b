// Zobrist keys for hashing positions and situations.
//
// Contract: the key table is built once, at first use, from a fixed seed, so hashes are equal
// across runs and processes (experience files and tests may compare them). Read-only after
// that; safe from any thread.
#pragma once

#include <cstdint>

#include "engine/color.h"

namespace dlgo {

struct ZobristKeys {
  static constexpr int kLocs = 27 * 27;  // padded board, see board.h
  std::uint64_t stone[kLocs][2];         // [loc][color - 1]
  std::uint64_t empty_board;             // non-zero, so no real position hashes to 0
  std::uint64_t white_to_move;           // xor-ed in for situational hashes

  std::uint64_t key(int loc, Color c) const { return stone[loc][static_cast<int>(c) - 1]; }
};

const ZobristKeys& zobrist();

}  // namespace dlgo
