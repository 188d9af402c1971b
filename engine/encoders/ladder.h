// Ladder reading: can a group be chased to its capture by one atari after another?
//
// The model is the usual one for ladder features. The defender, to move with a group in atari,
// may extend at its liberty or capture a chasing group that is itself in atari and touches the
// defending group. After the defender's move the group has escaped with 3 or more liberties,
// is lost with 1, and with 2 the attacker tries an atari at each of the two liberties. A group
// is captured when every defence fails against some atari. Inside the read suicide is illegal
// and so is retaking a ko at once (otherwise capture and recapture would loop); longer cycles
// are cut by the depth budget. A read that runs past its node or depth budget counts as not
// captured: an unreadable ladder is not trusted.
//
// The reader works on its own copy of the stone colours, playing and taking back moves (groups
// and liberties are traced as needed), so a read copies 729 bytes once instead of a board per
// ply. Positions reached twice in one read (moves in another order) are looked up, not re-read.
//
// Contract: a LadderReader owns its scratch space; it is not thread-safe, use one per thread.
// It allocates only when constructed. Functions taking a point expect it on the board; the
// game-level ones return false for illegal moves and points off the board.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "engine/board.h"
#include "engine/game_state.h"
#include "engine/zobrist.h"

namespace dlgo {

class LadderReader {
 public:
  static constexpr int kDefaultMaxNodes = 2000;
  // Deep enough for a ladder across a 25x25 board and back.
  static constexpr int kDefaultMaxDepth = 160;

  explicit LadderReader(int max_nodes = kDefaultMaxNodes, int max_depth = kDefaultMaxDepth);

  // The group through `point` has exactly one liberty and its owner is to move: true when it
  // cannot escape the ladder. False for groups not in atari.
  bool is_lost_in_atari(const Board& board, int point);
  // The group through `point` has exactly two liberties and the opponent is to move: true when
  // an atari at one of them starts a ladder that captures it. False for other groups.
  bool is_capturable_by_ladder(const Board& board, int point);

  // The AlphaGo "ladder capture" feature: the player to move playing at `point` (legally)
  // puts an opponent group that had two liberties into atari, and that group is lost.
  bool is_ladder_capture(const GameState& state, int point);
  // The AlphaGo "ladder escape" feature: the player to move has a group in atari, and playing
  // at `point` (legally) either extends it or captures a chasing group in atari that touches
  // it, after which the group has 3+ liberties, or 2 that no ladder can take.
  bool is_ladder_escape(const GameState& state, int point);

  // The same for padded locs (board.h), for encoders' hot loops.
  bool is_ladder_capture_loc(const GameState& state, int loc);
  bool is_ladder_escape_loc(const GameState& state, int loc);

  // Positions read by the last call, for tests and tuning.
  int last_read_nodes() const { return nodes_; }

 private:
  struct MemoEntry {
    std::uint64_t key = 0;
    std::uint32_t read = 0;  // which read stored it; entries of older reads are stale
    bool result = false;
  };
  static constexpr int kMemoSize = 1 << 12;

  void load(const Board& board);
  void start_read();
  bool spend_node(int depth);
  int empty_neighbours(int loc) const;
  // Up to `limit` distinct liberties of the group through `loc`, into `out`; returns the count.
  int liberties_of(int loc, int* out, int limit);
  // Plays `c` at `loc` with captures; false (and nothing changed) when occupied or suicide.
  // Sets ko_after_play_ to the point the opponent may not retake at once (0 for none).
  bool play(int loc, Color c);
  void take_back();

  // `ko` is the point the player to move may not play (0 for none).
  bool defender_lost(int depth, int group_loc, int ko);
  bool read_defences(int depth, int group_loc, int ko);
  // `liberties` are the group's two liberties.
  bool attacker_captures(int depth, int group_loc, const int* liberties, int ko);
  bool read_ataris(int depth, int group_loc, const int* liberties, int ko);

  std::uint64_t memo_key(int group_loc, int ko, bool defender_to_move) const;
  bool recall(std::uint64_t key, bool* result) const;
  void remember(std::uint64_t key, bool result);

  int max_nodes_;
  int max_depth_;
  int nodes_ = 0;
  bool exhausted_ = false;
  int ko_after_play_ = 0;
  const ZobristKeys& keys_;
  std::uint64_t hash_ = 0;  // of color_, kept up to date by play() and take_back()
  std::array<Color, Board::kLocs> color_;
  // Flood-fill scratch: one set for tracing liberties and captures, one for walking a
  // defending group (which traces its chasers' liberties as it goes). Marks hold stamps.
  std::array<std::uint32_t, Board::kLocs> mark_;
  std::uint32_t stamp_ = 0;
  std::array<std::int16_t, Board::kLocs> fill_stack_;
  std::array<std::uint32_t, Board::kLocs> group_mark_;
  std::uint32_t group_stamp_ = 0;
  std::array<std::int16_t, Board::kLocs> group_stack_;
  // Per move played: the captured stones' locs, their count, the move's loc.
  std::vector<std::int16_t> undo_;
  std::vector<MemoEntry> memo_;
  std::uint32_t read_ = 0;
};

}  // namespace dlgo
