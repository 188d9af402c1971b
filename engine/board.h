// The board: stones, groups (chains) with exact liberty counts, captures and a Zobrist hash.
//
// Contract: a value type (copy it to branch a search); no heap memory, so copies are a flat
// memcpy of a few kilobytes. Not thread-safe for writes; concurrent const use is fine.
// The board knows nothing of whose turn it is or of ko: GameState adds those rules.
//
// Internally points live on a padded grid ("locs") with a fixed stride of 27 and a border of
// off-board cells, so neighbour arithmetic needs no bounds checks. The public interface speaks
// point indices (row * width + col, see coords.h); the *_loc functions are for hot loops.
#pragma once

#include <array>
#include <cstdint>

#include "engine/color.h"
#include "engine/coords.h"
#include "engine/zobrist.h"

namespace dlgo {

// What a stone placement did, for the game's bookkeeping (captures, ko).
struct PlacementResult {
  int captured_stones = 0;
  int ko_loc = 0;  // loc the opponent may not retake at at once (simple ko), 0 for none
  bool suicide = false;
};

class Board {
 public:
  static constexpr int kStride = kMaxBoardSide + 2;
  static constexpr int kLocs = kStride * kStride;
  static constexpr int kNeighbourOffsets[4] = {-kStride, -1, 1, kStride};
  static constexpr int kDiagonalOffsets[4] = {-kStride - 1, -kStride + 1, kStride - 1, kStride + 1};

  explicit Board(BoardSize size = {19, 19});
  Board(int width, int height) : Board(BoardSize{width, height}) {}

  BoardSize size() const { return size_; }
  int width() const { return size_.width; }
  int height() const { return size_.height; }
  int num_points() const { return size_.num_points(); }

  // --- point-index interface -------------------------------------------------------------
  static constexpr int loc_of(int row, int col) { return (row + 1) * kStride + col + 1; }
  int loc_of_point(int point) const { return loc_of(point / size_.width, point % size_.width); }
  int point_of_loc(int loc) const { return (loc / kStride - 1) * size_.width + loc % kStride - 1; }

  Color at(int point) const { return color_[loc_of_point(point)]; }
  Color at(int row, int col) const { return color_[loc_of(row, col)]; }

  // Liberties and stone count of the group through `point` (0 for an empty point).
  int liberties(int point) const { return group_liberties_loc(loc_of_point(point)); }
  int group_size(int point) const { return group_stones_loc(loc_of_point(point)); }

  // True when `c` may play at `point` ignoring ko: the point is empty and the move is not
  // suicide (unless `suicide_allowed`).
  bool is_legal_ignoring_ko(int point, Color c, bool suicide_allowed = false) const {
    return is_legal_ignoring_ko_loc(loc_of_point(point), c, suicide_allowed);
  }

  // Places a stone of colour `c`, removing captured groups (and, if the move is suicide, its
  // own group). The caller guarantees the point is empty.
  PlacementResult place_stone(int point, Color c) {
    return place_stone_loc(loc_of_point(point), c);
  }

  // Empties a point (SGF AE, editing tools); groups around it are rebuilt.
  void clear_point(int point);

  // Zobrist hash of the stone position (not of whose turn it is).
  std::uint64_t hash() const { return hash_; }
  // Hash the position would have after `c` plays at `point` (captures included).
  std::uint64_t hash_after(int point, Color c) const {
    return hash_after_loc(loc_of_point(point), c);
  }

  int stone_count(Color c) const { return stone_count_[static_cast<int>(c) - 1]; }
  int empty_count() const { return empty_count_; }

  // --- loc interface for hot loops ---------------------------------------------------------
  Color color_at_loc(int loc) const { return color_[loc]; }
  int group_liberties_loc(int loc) const {
    return color_[loc] == Color::kEmpty || color_[loc] == Color::kOffBoard ? 0
                                                                           : liberties_[head_[loc]];
  }
  int group_stones_loc(int loc) const {
    return color_[loc] == Color::kEmpty || color_[loc] == Color::kOffBoard ? 0
                                                                           : stones_[head_[loc]];
  }
  int group_head_loc(int loc) const { return head_[loc]; }
  int next_stone_loc(int loc) const { return next_[loc]; }  // circular list through a group
  const std::int16_t* empty_locs() const { return empties_.data(); }

  bool is_legal_ignoring_ko_loc(int loc, Color c, bool suicide_allowed) const;
  PlacementResult place_stone_loc(int loc, Color c);
  std::uint64_t hash_after_loc(int loc, Color c) const;

  // dlgo's eye test: an empty point whose on-board neighbours are all `c`, with all on-board
  // diagonals `c` at the edge or at least three of four diagonals `c` in the centre.
  bool is_eye_loc(int loc, Color c) const;
  bool is_eye(int point, Color c) const { return is_eye_loc(loc_of_point(point), c); }

  friend bool operator==(const Board& a, const Board& b);

 private:
  void add_empty(int loc);
  void remove_empty(int loc);
  bool is_adjacent_to_group(int loc, int head) const;
  void merge_into(int head, int other_head);
  int remove_group(int head);
  void rebuild_groups();

  BoardSize size_;
  const ZobristKeys* keys_;
  std::uint64_t hash_;
  int empty_count_ = 0;
  int stone_count_[2] = {0, 0};
  std::array<Color, kLocs> color_;
  std::array<std::int16_t, kLocs> head_;       // group representative; 0 for no stone
  std::array<std::int16_t, kLocs> next_;       // next stone in the group's circular list
  std::array<std::int16_t, kLocs> liberties_;  // valid at group heads
  std::array<std::int16_t, kLocs> stones_;     // valid at group heads
  std::array<std::int16_t, kLocs> empties_;    // the empty locs, in no particular order
  std::array<std::int16_t, kLocs> empty_index_;
};

}  // namespace dlgo
