// Which empty points the ko rule could possibly bar for the player to move, so that encoders
// run the (hash and history) ko test only where it can come out true.
//
// Why it is exact: a move at p can only recreate an earlier position (or situation) that had
// the mover's stone on p, so p must have held a stone before and been emptied since. Points
// held only by moves are known from the move list; setup stones are still on the board unless
// one was captured, which the stone count reveals (stones + prisoners - plays = setup stones
// still there, as long as no setup stone was captured). When that check fails, or when suicide
// is allowed (suicides remove stones without prisoners), every empty point is a candidate.
// Under simple ko the test is one comparison, so every point is a candidate too. Not covered:
// setup stones that capture other setup stones while the position is set up (an invalid SGF);
// the captured stones' points are then not candidates.
//
// Contract: a value built per position on the stack (no heap memory); it borrows nothing.
#pragma once

#include <array>
#include <cstdint>

#include "engine/coords.h"
#include "engine/game_state.h"

namespace dlgo {

class KoCandidates {
 public:
  explicit KoCandidates(const GameState& state);

  bool may_be_forbidden(int point) const { return all_points_ || held_before_[point] != 0; }

 private:
  bool all_points_ = false;
  std::array<std::uint8_t, kMaxBoardSide * kMaxBoardSide> held_before_{};
};

// True when the player to move may not play at the empty `loc` (with point index `point`)
// because of the ko rule alone: the move is otherwise legal.
inline bool is_ko_forbidden(const GameState& state, const KoCandidates& candidates, int loc,
                            int point) {
  return candidates.may_be_forbidden(point) &&
         state.board().is_legal_ignoring_ko_loc(loc, state.next_player(),
                                                state.rules().suicide_allowed) &&
         state.violates_ko_loc(loc);
}

// True when the player to move may legally play at the empty `loc`, ko included.
inline bool is_legal_move(const GameState& state, const KoCandidates& candidates, int loc,
                          int point) {
  return state.board().is_legal_ignoring_ko_loc(loc, state.next_player(),
                                                state.rules().suicide_allowed) &&
         !(candidates.may_be_forbidden(point) && state.violates_ko_loc(loc));
}

}  // namespace dlgo
