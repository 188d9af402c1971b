#include "engine/playout.h"

#include <algorithm>
#include <cstring>

namespace dlgo {

namespace {

// Self-atari that leaves a chain smaller than this is allowed in scoring playouts: sacrifices
// of one or two stones are how dead shapes (a straight three with a stone on its vital point)
// are killed; larger chains in atari are seki liberties filled by mistake.
constexpr int kMinProtectedChain = 3;

// Whether `c` playing at the empty `loc` would leave a chain of kMinProtectedChain or more
// stones with one liberty without capturing anything.
bool is_chain_self_atari(const Board& board, int loc, Color c) {
  // Initialised although only liberties[0..found) is read: GCC 14 cannot see that and warns.
  int liberties[2] = {0, 0};
  int found = 0;
  // Records a liberty of the new chain; true once there are two.
  auto add_liberty = [&](int liberty) {
    if (liberty == loc) return false;
    for (int i = 0; i < found; ++i) {
      if (liberties[i] == liberty) return false;
    }
    liberties[found++] = liberty;
    return found >= 2;
  };
  int heads[4];
  int joined = 0;
  int chain_size = 1;
  for (int offset : Board::kNeighbourOffsets) {
    int next = loc + offset;
    Color neighbour = board.color_at_loc(next);
    if (neighbour == Color::kEmpty && add_liberty(next)) return false;
    if (neighbour == opponent(c) && board.group_liberties_loc(next) == 1) return false;
    if (neighbour != c) continue;
    const int head = board.group_head_loc(next);
    if (std::find(heads, heads + joined, head) != heads + joined) continue;
    heads[joined++] = head;
    chain_size += board.group_stones_loc(next);
  }
  if (chain_size < kMinProtectedChain) return false;
  for (int offset : Board::kNeighbourOffsets) {
    int next = loc + offset;
    if (board.color_at_loc(next) != c) continue;
    if (board.group_liberties_loc(next) >= 3) return false;  // at least two remain
    const int head = board.group_head_loc(next);
    int stone = head;
    do {
      for (int around : Board::kNeighbourOffsets) {
        if (board.color_at_loc(stone + around) == Color::kEmpty && add_liberty(stone + around)) {
          return false;
        }
      }
      stone = board.next_stone_loc(stone);
    } while (stone != head);
  }
  return true;
}

// Returns the loc of a uniformly random acceptable move, or 0 for a pass. Candidates are drawn
// without replacement from a copy of the empty-point list; rejected ones are swapped out, so
// every acceptable point keeps the same chance, as with the original's shuffled scan.
template <bool kAvoidChainSelfAtari>
int select_random_loc(const GameState& state, Rng& rng) {
  const Board& board = state.board();
  const Color me = state.next_player();
  const bool suicide_allowed = state.rules().suicide_allowed;
  int count = board.empty_count();
  std::int16_t candidates[Board::kLocs];
  std::memcpy(candidates, board.empty_locs(), sizeof(std::int16_t) * count);
  while (count > 0) {
    int index = static_cast<int>(rng.below(static_cast<std::uint32_t>(count)));
    int loc = candidates[index];
    // Suicide is never chosen, even where the rules allow it: it changes nothing for the
    // random player and would keep a playout going without end.
    if (!board.is_eye_loc(loc, me) && state.is_legal_loc(loc) &&
        (!suicide_allowed || board.is_legal_ignoring_ko_loc(loc, me, false)) &&
        (!kAvoidChainSelfAtari || !is_chain_self_atari(board, loc, me))) {
      return loc;
    }
    candidates[index] = candidates[--count];
  }
  return 0;
}

template <bool kAvoidChainSelfAtari>
int play_game(GameState& state, Rng& rng, int max_moves) {
  int played = 0;
  while (!state.is_over() && played < max_moves) {
    int loc = select_random_loc<kAvoidChainSelfAtari>(state, rng);
    if (loc)
      state.play_loc_unchecked(loc);
    else
      state.pass_unchecked();
    ++played;
  }
  return played;
}

}  // namespace

Move select_random_move(const GameState& state, Rng& rng) {
  int loc = select_random_loc<false>(state, rng);
  return loc ? Move::play(state.board().point_of_loc(loc)) : Move::pass();
}

int play_random_game(GameState& state, Rng& rng, int max_moves) {
  return play_game<false>(state, rng, max_moves);
}

int play_scoring_game(GameState& state, Rng& rng, int max_moves) {
  return play_game<true>(state, rng, max_moves);
}

}  // namespace dlgo
