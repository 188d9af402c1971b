#include "engine/board.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace dlgo {

Board::Board(BoardSize size) : size_(size), keys_(&zobrist()) {
  if (size.width < kMinBoardSide || size.height < kMinBoardSide || size.width > kMaxBoardSide ||
      size.height > kMaxBoardSide) {
    throw std::invalid_argument("board size " + std::to_string(size.width) + "x" +
                                std::to_string(size.height) + " is outside 2x2..25x25");
  }
  hash_ = keys_->empty_board;
  color_.fill(Color::kOffBoard);
  head_.fill(0);
  next_.fill(0);
  liberties_.fill(0);
  stones_.fill(0);
  empty_index_.fill(-1);
  for (int row = 0; row < size.height; ++row) {
    for (int col = 0; col < size.width; ++col) {
      int loc = loc_of(row, col);
      color_[loc] = Color::kEmpty;
      add_empty(loc);
    }
  }
}

void Board::add_empty(int loc) {
  empty_index_[loc] = static_cast<std::int16_t>(empty_count_);
  empties_[empty_count_++] = static_cast<std::int16_t>(loc);
}

void Board::remove_empty(int loc) {
  int index = empty_index_[loc];
  int last = empties_[--empty_count_];
  empties_[index] = static_cast<std::int16_t>(last);
  empty_index_[last] = static_cast<std::int16_t>(index);
  empty_index_[loc] = -1;
}

bool Board::is_legal_ignoring_ko_loc(int loc, Color c, bool suicide_allowed) const {
  if (color_[loc] != Color::kEmpty) return false;
  if (suicide_allowed) return true;
  const Color opp = opponent(c);
  for (int offset : kNeighbourOffsets) {
    int n = loc + offset;
    Color nc = color_[n];
    if (nc == Color::kEmpty) return true;
    if (nc == c && liberties_[head_[n]] > 1) return true;
    if (nc == opp && liberties_[head_[n]] == 1) return true;
  }
  return false;
}

bool Board::is_eye_loc(int loc, Color c) const {
  if (color_[loc] != Color::kEmpty) return false;
  for (int offset : kNeighbourOffsets) {
    Color nc = color_[loc + offset];
    if (nc != c && nc != Color::kOffBoard) return false;
  }
  int friendly = 0;
  int off_board = 0;
  for (int offset : kDiagonalOffsets) {
    Color dc = color_[loc + offset];
    if (dc == c)
      ++friendly;
    else if (dc == Color::kOffBoard)
      ++off_board;
  }
  if (off_board > 0) return off_board + friendly == 4;
  return friendly >= 3;
}

bool Board::is_adjacent_to_group(int loc, int head) const {
  for (int offset : kNeighbourOffsets) {
    if (head_[loc + offset] == head) return true;
  }
  return false;
}

std::uint64_t Board::hash_after_loc(int loc, Color c) const {
  std::uint64_t result = hash_ ^ keys_->key(loc, c);
  const Color opp = opponent(c);
  int seen[4];
  int seen_count = 0;
  bool captures = false;
  bool has_liberty = false;
  for (int offset : kNeighbourOffsets) {
    int n = loc + offset;
    Color nc = color_[n];
    if (nc == Color::kEmpty)
      has_liberty = true;
    else if (nc == c && liberties_[head_[n]] > 1)
      has_liberty = true;
    if (nc != opp || liberties_[head_[n]] != 1) continue;
    int head = head_[n];
    if (std::find(seen, seen + seen_count, head) != seen + seen_count) continue;
    seen[seen_count++] = head;
    captures = true;
    int stone = head;
    do {
      result ^= keys_->key(stone, opp);
      stone = next_[stone];
    } while (stone != head);
  }
  if (captures || has_liberty) return result;
  // Suicide (only reachable when the rules allow it): the stone and its neighbours vanish.
  result ^= keys_->key(loc, c);
  seen_count = 0;
  for (int offset : kNeighbourOffsets) {
    int n = loc + offset;
    if (color_[n] != c) continue;
    int head = head_[n];
    if (std::find(seen, seen + seen_count, head) != seen + seen_count) continue;
    seen[seen_count++] = head;
    int stone = head;
    do {
      result ^= keys_->key(stone, c);
      stone = next_[stone];
    } while (stone != head);
  }
  return result;
}

// Moves the stones of `other_head` into `head`, counting each liberty of the merged group once:
// an empty point is new to the group only if no stone already relabelled to `head` touches it.
void Board::merge_into(int head, int other_head) {
  int stone = other_head;
  do {
    for (int offset : kNeighbourOffsets) {
      int n = stone + offset;
      if (color_[n] == Color::kEmpty && !is_adjacent_to_group(n, head)) ++liberties_[head];
    }
    head_[stone] = static_cast<std::int16_t>(head);
    stone = next_[stone];
  } while (stone != other_head);
  std::swap(next_[head], next_[other_head]);  // splice the two circular lists
  stones_[head] = static_cast<std::int16_t>(stones_[head] + stones_[other_head]);
}

int Board::remove_group(int head) {
  const Color removed = color_[head];
  const Color capturer = opponent(removed);
  int count = 0;
  int stone = head;
  do {
    int following = next_[stone];
    color_[stone] = Color::kEmpty;
    head_[stone] = 0;
    hash_ ^= keys_->key(stone, removed);
    add_empty(stone);
    // The emptied point is a new liberty of each distinct neighbouring group.
    int seen[4];
    int seen_count = 0;
    for (int offset : kNeighbourOffsets) {
      int n = stone + offset;
      if (color_[n] != capturer) continue;
      int h = head_[n];
      if (std::find(seen, seen + seen_count, h) != seen + seen_count) continue;
      seen[seen_count++] = h;
      ++liberties_[h];
    }
    ++count;
    stone = following;
  } while (stone != head);
  stone_count_[static_cast<int>(removed) - 1] -= count;
  return count;
}

PlacementResult Board::place_stone_loc(int loc, Color c) {
  PlacementResult result;
  const Color opp = opponent(c);
  remove_empty(loc);
  color_[loc] = c;
  hash_ ^= keys_->key(loc, c);
  ++stone_count_[static_cast<int>(c) - 1];

  int own[4], opps[4];
  int own_count = 0, opp_count = 0;
  for (int offset : kNeighbourOffsets) {
    int n = loc + offset;
    Color nc = color_[n];
    if (nc == c) {
      int h = head_[n];
      if (std::find(own, own + own_count, h) == own + own_count) own[own_count++] = h;
    } else if (nc == opp) {
      int h = head_[n];
      if (std::find(opps, opps + opp_count, h) == opps + opp_count) opps[opp_count++] = h;
    }
  }

  int head;
  if (own_count == 0) {
    head = loc;
    head_[loc] = static_cast<std::int16_t>(loc);
    next_[loc] = static_cast<std::int16_t>(loc);
    stones_[loc] = 1;
    int libs = 0;
    for (int offset : kNeighbourOffsets) libs += color_[loc + offset] == Color::kEmpty;
    liberties_[loc] = static_cast<std::int16_t>(libs);
  } else {
    head = own[0];
    for (int i = 1; i < own_count; ++i) {
      if (stones_[own[i]] > stones_[head]) head = own[i];
    }
    --liberties_[head];  // the new stone filled one of its liberties
    for (int offset : kNeighbourOffsets) {
      int n = loc + offset;
      if (color_[n] == Color::kEmpty && !is_adjacent_to_group(n, head)) ++liberties_[head];
    }
    head_[loc] = static_cast<std::int16_t>(head);
    next_[loc] = next_[head];
    next_[head] = static_cast<std::int16_t>(loc);
    ++stones_[head];
    for (int i = 0; i < own_count; ++i) {
      if (own[i] != head) merge_into(head, own[i]);
    }
  }

  int last_captured = 0;
  for (int i = 0; i < opp_count; ++i) {
    int h = opps[i];
    if (--liberties_[h] == 0) {
      last_captured = h;
      result.captured_stones += remove_group(h);
    }
  }

  if (liberties_[head] == 0) {
    result.suicide = true;
    remove_group(head);
  } else if (result.captured_stones == 1 && stones_[head] == 1 && liberties_[head] == 1) {
    result.ko_loc = last_captured;
  }
  return result;
}

void Board::clear_point(int point) {
  int loc = loc_of_point(point);
  Color c = color_[loc];
  if (!is_stone(c)) return;
  color_[loc] = Color::kEmpty;
  hash_ ^= keys_->key(loc, c);
  --stone_count_[static_cast<int>(c) - 1];
  add_empty(loc);
  rebuild_groups();
}

// Recomputes every group from the colours alone; used only by rare edits (clear_point).
void Board::rebuild_groups() {
  std::array<Color, kLocs> colors = color_;
  BoardSize size = size_;
  *this = Board(size);
  for (int row = 0; row < size.height; ++row) {
    for (int col = 0; col < size.width; ++col) {
      int loc = loc_of(row, col);
      if (is_stone(colors[loc])) place_stone_loc(loc, colors[loc]);
    }
  }
}

bool operator==(const Board& a, const Board& b) {
  if (!(a.size_ == b.size_) || a.hash_ != b.hash_) return false;
  return a.color_ == b.color_;
}

}  // namespace dlgo
