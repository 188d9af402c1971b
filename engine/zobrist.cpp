#include "engine/zobrist.h"

#include "engine/rng.h"

namespace dlgo {

static ZobristKeys make_keys() {
  ZobristKeys keys{};
  std::uint64_t seed = 0xD1600B0A4Dull;
  for (auto& per_loc : keys.stone) {
    for (auto& key : per_loc) key = splitmix64(seed);
  }
  keys.empty_board = splitmix64(seed) | 1;
  keys.white_to_move = splitmix64(seed);
  return keys;
}

const ZobristKeys& zobrist() {
  static const ZobristKeys keys = make_keys();
  return keys;
}

}  // namespace dlgo
