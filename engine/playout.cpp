#include "engine/playout.h"

#include <algorithm>
#include <cstring>

namespace dlgo {

// Returns the loc of a uniformly random acceptable move, or 0 for a pass. Candidates are drawn
// without replacement from a copy of the empty-point list; rejected ones are swapped out, so
// every acceptable point keeps the same chance, as with the original's shuffled scan.
static int select_random_loc(const GameState& state, Rng& rng) {
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
        (!suicide_allowed || board.is_legal_ignoring_ko_loc(loc, me, false))) {
      return loc;
    }
    candidates[index] = candidates[--count];
  }
  return 0;
}

Move select_random_move(const GameState& state, Rng& rng) {
  int loc = select_random_loc(state, rng);
  return loc ? Move::play(state.board().point_of_loc(loc)) : Move::pass();
}

int play_random_game(GameState& state, Rng& rng, int max_moves) {
  int played = 0;
  while (!state.is_over() && played < max_moves) {
    int loc = select_random_loc(state, rng);
    if (loc) state.play_loc_unchecked(loc);
    else state.pass_unchecked();
    ++played;
  }
  return played;
}

}  // namespace dlgo
