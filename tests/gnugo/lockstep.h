// Plays one game in our engine and replays it in GNU Go, comparing the two at every position:
// the legal points of the player to move (GTP all_legal), the stones (list_stones) and the
// prisoners (captures).
//
// Contract: plain functions; the caller owns the GNU Go process, which is reset with boardsize
// and clear_board at the start of every game. The whole game goes to GNU Go as one batch of
// commands, so a game costs one round trip however long it is.
//
// Our legal points must also equal the textbook positional superko rule, computed independently
// from the positions the game has been through. GNU Go must agree with us exactly, with one
// documented exception (docs/rules.md, "GNU Go"): once GNU Go has folded its move history
// (past move 500) its superko test is broken, and there it must instead agree exactly with an
// emulation of that broken test (GnuGoSuperkoModel).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "engine/game_state.h"
#include "engine/gtp/gtp_client.h"

namespace dlgo {

struct LockstepStats {
  int games = 0;
  long positions = 0;             // positions compared (the start and after every move)
  long moves = 0;                 // moves played, passes included
  long capturing_moves = 0;       // moves that removed stones
  long simple_ko_blocks = 0;      // points forbidden as the immediate retake of a ko
  long superko_blocks = 0;        // points forbidden for repeating an older position
  long positions_after_fold = 0;  // positions compared after GNU Go folded its history
  long forgotten_by_gnugo = 0;    // superko points GNU Go allows: it forgot the position
  long refused_by_gnugo = 0;      // legal points GNU Go refuses: a false hash match

  LockstepStats& operator+=(const LockstepStats& other);
  std::string summary() const;
};

struct LockstepResult {
  std::string mismatch;  // empty when GNU Go agreed at every position
  LockstepStats stats;
  GameState final_state;
};

// Picks the next move for `state`, or nullopt to stop the game here. `playable` are the points
// that both we and GNU Go allow (they differ only after GNU Go has folded its history); a move
// GNU Go refuses would put the two games out of step.
using MoveChooser =
    std::function<std::optional<Move>(const GameState& state, const std::vector<int>& playable)>;

// Plays from an empty board of `size` with our default rules (positional superko, no suicide)
// until the chooser stops, the game ends or `max_moves` moves are played; then replays the
// game in `gnugo`. `label` names the game in a mismatch report, which also shows the board,
// both legal sets as GTP vertices and the move list.
LockstepResult play_in_lockstep(GtpClient& gnugo, BoardSize size, const MoveChooser& choose,
                                int max_moves, const std::string& label);

}  // namespace dlgo
