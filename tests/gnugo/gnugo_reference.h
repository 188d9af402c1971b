// GNU Go as a reference rules engine for tests: starting it, reading its vertex lists, and the
// one documented way in which its positional superko differs from the textbook rule
// (docs/rules.md, "GNU Go").
//
// Contract: plain functions and a value type; GnuGoSuperkoModel is not thread-safe for writes.
// Nothing here skips a test: a missing GNU Go is an error.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/game_state.h"
#include "engine/gtp/gtp_client.h"

namespace dlgo {

// The GNU Go binary: $DLGO_GNUGO if set, else `gnugo` in PATH, else /usr/games (where Debian
// installs it, a directory often missing from root's PATH). Throws std::runtime_error telling
// the user to install the `gnugo` package when there is none.
std::string locate_gnugo();

// GNU Go in GTP mode with the rules we compare against: area scoring and positional superko.
std::unique_ptr<GtpClient> start_gnugo();

// Reads a GTP vertex list ("A1 C3 ..."; "" for none) as sorted point indices. Throws
// std::runtime_error naming a word that is not a vertex of this board.
std::vector<int> parse_vertex_list(BoardSize size, std::string_view text);

// Points as a GTP vertex list, in point order.
std::string vertex_list(BoardSize size, std::vector<int> points);

// Sorted points holding stones of colour `c`.
std::vector<int> stones_of(const Board& board, Color c);

// GNU Go 3.8's positional superko, emulated, so that a comparison can tell our engine's errors
// from GNU Go's own. Until its 501st move GNU Go follows the textbook rule exactly. It keeps at
// most 500 moves of history, though (MAX_MOVE_HISTORY in GNU Go's engine/board.c): when that is
// full, play_move() folds the oldest 51 moves into its "initial position" by replaying them from
// the old initial position. The replay updates the board hash incrementally as if the board were
// the current one, and nothing recomputes the hash afterwards, so from then on every hash GNU Go
// computes is off by a constant (initial position before XOR after the fold, ko point
// included) from the hashes stored before the fold. Two consequences, both reproduced here and
// shown in superko_memory_test.cpp:
//   - a repetition of a position from before the latest fold goes unnoticed (folds come before
//     moves 501, 552, 603, ... so past move 500 GNU Go looks back only 1 to 51 moves);
//   - a new position whose hash happens to equal (offset included) that of a stored position is
//     refused although it repeats nothing. With Zobrist hashing that is no rare accident: it
//     happens whenever the new position differs from an older one by the same stones as GNU Go's
//     two initial positions differ.
// Feed the model every move (passes included) since clear_board.
class GnuGoSuperkoModel {
 public:
  static constexpr std::size_t kMaxMoveHistory = 500;
  static constexpr std::size_t kFoldedMoves = 1 + kMaxMoveHistory / 10;

  // `start` is the position right after clear_board.
  explicit GnuGoSuperkoModel(const GameState& start);

  // Call after every move played on `state`, passes included.
  void on_move(const GameState& state);

  // The points GNU Go lists in `all_legal` for the player to move.
  std::vector<int> gnugo_legal_points(const GameState& state) const;

  // The textbook rule: the points the player to move may play under positional superko (legal
  // ignoring ko, and the resulting position never occurred). Computed from this model's own
  // record of positions, independently of GameState's ko bookkeeping.
  std::vector<int> textbook_legal_points(const GameState& state) const;

  // Moves since the position that playing `point` would create last occurred; -1 if never.
  int age_of_repetition(const GameState& state, int point) const;

  int moves_played() const { return static_cast<int>(stone_hashes_.size()) - 1; }
  // Whether GNU Go has folded its history yet; until then it follows the textbook rule.
  bool has_folded() const { return folds_ > 0; }

 private:
  // GNU Go's hash of the position after `move_number` moves: stones and ko point.
  std::uint64_t full_hash(int move_number) const;

  std::vector<std::uint64_t> stone_hashes_;  // Board::hash() after each number of moves
  std::vector<int> ko_points_;               // GNU Go's board_ko_pos after each; -1 for none
  std::vector<int> prisoners_;               // both colours' prisoners after each
  std::deque<std::uint64_t> history_;        // GNU Go's move_history_hash, oldest first
  std::unordered_map<std::uint64_t, int> history_count_;
  std::uint64_t offset_ = 0;  // what GNU Go's board hash is off by since its folds
  int initial_position_ = 0;  // move number of GNU Go's "initial position"
  int folds_ = 0;
  std::unordered_map<std::uint64_t, int> last_seen_;  // true position -> latest move number
};

}  // namespace dlgo
