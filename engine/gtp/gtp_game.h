// The game as a GTP controller drives it: any colour may move at any time (`play black` twice
// in a row is allowed), moves go on after two passes (KGS cleanup), `undo` takes moves back, and
// the game may start from a handicap or a loaded SGF position.
//
// The game keeps its starting position and the list of coloured moves; the current GameState
// is that start with the moves replayed (undo replays all but the last). Legality is the
// engine's: the ko rule and suicide rule of the Rules, for the colour that moves.
//
// Contract: a value type; not thread-safe for writes. Functions taking a colour accept only
// Black or White.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/game_state.h"
#include "engine/sgf/game_record.h"

namespace dlgo {

class GtpGame {
 public:
  explicit GtpGame(BoardSize size = {19, 19}, Rules rules = {});

  BoardSize size() const { return start_.size(); }
  const Rules& rules() const { return start_.rules(); }
  const GameState& state() const { return state_; }
  const GameState& start() const { return start_; }
  const std::vector<std::pair<Color, Move>>& moves() const { return moves_; }
  // Handicap stones placed by fixed/free handicap commands (empty otherwise).
  const std::vector<int>& handicap() const { return handicap_; }

  // An empty board of the same size and rules.
  void clear();
  void set_komi(double komi);

  // Setup: only on an empty board with no moves; throws std::invalid_argument otherwise.
  void place_handicap(const std::vector<int>& points);

  bool is_legal(Color color, Move move) const;
  // Plays a point or a pass for `color`; throws IllegalMoveError when the rules forbid it.
  void play(Color color, Move move);
  // Takes back the last move; false when there is none.
  bool undo();

  // The position as an agent should see it to choose a move for `color`: the current state,
  // with `color` to move, and when `drop_trailing_passes` (or when the game has ended by two
  // passes) without the passes at the end, so that a game being cleaned up can be played on.
  GameState position_for(Color color, bool drop_trailing_passes = false) const;

  // Replaces the game with a record's position before move `move_number` (1-based; 0 or
  // anything past the end: after all its moves). Setup stones in the middle of the record
  // become part of the starting position. Throws SgfError for a record that does not replay.
  void load(const GameRecord& record, int move_number);

  // The game as a record (explicit colours, setup as AB/AW), for printsgf.
  GameRecord to_record(const GameInfo& info) const;

 private:
  GameState replay(std::size_t moves) const;

  GameState start_;
  std::vector<int> handicap_;
  std::vector<std::pair<Color, Move>> moves_;
  GameState state_;
};

}  // namespace dlgo
