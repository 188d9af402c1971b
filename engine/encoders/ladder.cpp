#include "engine/encoders/ladder.h"

#include <algorithm>

namespace dlgo {

namespace {

constexpr int kMaxDefences = 32;

bool contains(const int* begin, int count, int value) {
  return std::find(begin, begin + count, value) != begin + count;
}

bool adjacent(int a, int b) {
  const int d = a > b ? a - b : b - a;
  return d == 1 || d == Board::kStride;
}

// A fresh stamp for a marks array; on wrap-around the marks are cleared so that no stale mark
// equals a new stamp.
std::uint32_t next_stamp(std::array<std::uint32_t, Board::kLocs>& marks, std::uint32_t& stamp) {
  if (++stamp == 0) {
    marks.fill(0);
    stamp = 1;
  }
  return stamp;
}

}  // namespace

LadderReader::LadderReader(int max_nodes, int max_depth)
    : max_nodes_(max_nodes), max_depth_(max_depth), keys_(zobrist()), memo_(kMemoSize) {
  color_.fill(Color::kOffBoard);
  mark_.fill(0);
  group_mark_.fill(0);
  // A read plays at most max_depth moves, each capturing at most the whole board.
  undo_.reserve(static_cast<std::size_t>(max_depth + 2) * 3 + Board::kLocs);
}

// --- the reader's own board ---------------------------------------------------------------

void LadderReader::load(const Board& board) {
  for (int loc = 0; loc < Board::kLocs; ++loc) color_[loc] = board.color_at_loc(loc);
  hash_ = board.hash();
  undo_.clear();
}

int LadderReader::empty_neighbours(int loc) const {
  int count = 0;
  for (int offset : Board::kNeighbourOffsets) count += color_[loc + offset] == Color::kEmpty;
  return count;
}

int LadderReader::liberties_of(int loc, int* out, int limit) {
  const Color c = color_[loc];
  const std::uint32_t stamp = next_stamp(mark_, stamp_);
  int count = 0;
  int top = 0;
  fill_stack_[top++] = static_cast<std::int16_t>(loc);
  mark_[loc] = stamp;
  while (top > 0) {
    const int stone = fill_stack_[--top];
    for (int offset : Board::kNeighbourOffsets) {
      const int n = stone + offset;
      const Color nc = color_[n];
      if (nc == Color::kEmpty) {
        if (!contains(out, count, n)) {
          out[count++] = n;
          if (count == limit) return count;
        }
      } else if (nc == c && mark_[n] != stamp) {
        mark_[n] = stamp;
        fill_stack_[top++] = static_cast<std::int16_t>(n);
      }
    }
  }
  return count;
}

bool LadderReader::play(int loc, Color c) {
  if (color_[loc] != Color::kEmpty) return false;
  const Color opp = opponent(c);
  color_[loc] = c;
  hash_ ^= keys_.key(loc, c);
  const std::size_t frame = undo_.size();
  int liberty = 0;
  for (int offset : Board::kNeighbourOffsets) {
    const int n = loc + offset;
    if (color_[n] != opp || liberties_of(n, &liberty, 1) != 0) continue;
    // Remove the captured group; emptying stones as they are found keeps the walk finite.
    int top = 0;
    fill_stack_[top++] = static_cast<std::int16_t>(n);
    color_[n] = Color::kEmpty;
    hash_ ^= keys_.key(n, opp);
    undo_.push_back(static_cast<std::int16_t>(n));
    while (top > 0) {
      const int stone = fill_stack_[--top];
      for (int offset2 : Board::kNeighbourOffsets) {
        const int m = stone + offset2;
        if (color_[m] != opp) continue;
        color_[m] = Color::kEmpty;
        hash_ ^= keys_.key(m, opp);
        undo_.push_back(static_cast<std::int16_t>(m));
        fill_stack_[top++] = static_cast<std::int16_t>(m);
      }
    }
  }
  const int captured = static_cast<int>(undo_.size() - frame);
  if (captured == 0 && liberties_of(loc, &liberty, 1) == 0) {
    color_[loc] = Color::kEmpty;
    hash_ ^= keys_.key(loc, c);
    return false;
  }
  // A lone stone that took one stone and has that point as its only liberty: a ko.
  ko_after_play_ = 0;
  if (captured == 1) {
    int own_neighbours = 0;
    for (int offset : Board::kNeighbourOffsets) own_neighbours += color_[loc + offset] == c;
    int liberties[2] = {};
    if (own_neighbours == 0 && liberties_of(loc, liberties, 2) == 1) ko_after_play_ = undo_.back();
  }
  undo_.push_back(static_cast<std::int16_t>(captured));
  undo_.push_back(static_cast<std::int16_t>(loc));
  return true;
}

void LadderReader::take_back() {
  const int loc = undo_.back();
  undo_.pop_back();
  const int captured = undo_.back();
  undo_.pop_back();
  const Color restored = opponent(color_[loc]);
  hash_ ^= keys_.key(loc, color_[loc]);
  color_[loc] = Color::kEmpty;
  for (int i = 0; i < captured; ++i) {
    color_[undo_.back()] = restored;
    hash_ ^= keys_.key(undo_.back(), restored);
    undo_.pop_back();
  }
}

// --- reading --------------------------------------------------------------------------------

void LadderReader::start_read() {
  nodes_ = 0;
  exhausted_ = false;
  if (++read_ == 0) {  // wrapped: clear, so that no stale entry matches a new read number
    for (MemoEntry& entry : memo_) entry = MemoEntry{};
    read_ = 1;
  }
}

bool LadderReader::spend_node(int depth) {
  if (exhausted_) return false;
  if (++nodes_ > max_nodes_ || depth >= max_depth_) {
    exhausted_ = true;
    return false;
  }
  return true;
}

std::uint64_t LadderReader::memo_key(int group_loc, int ko, bool defender_to_move) const {
  return hash_ ^ (static_cast<std::uint64_t>(group_loc) * 0x9E3779B97F4A7C15ull) ^
         (static_cast<std::uint64_t>(ko) * 0xC2B2AE3D27D4EB4Full) ^
         (defender_to_move ? 0x5851F42D4C957F2Dull : 0);
}

bool LadderReader::recall(std::uint64_t key, bool* result) const {
  const MemoEntry& entry = memo_[key & (kMemoSize - 1)];
  if (entry.read != read_ || entry.key != key) return false;
  *result = entry.result;
  return true;
}

void LadderReader::remember(std::uint64_t key, bool result) {
  if (exhausted_) return;  // a read cut short has no result to keep
  memo_[key & (kMemoSize - 1)] = MemoEntry{key, read_, result};
}

bool LadderReader::defender_lost(int depth, int group_loc, int ko) {
  const std::uint64_t key = memo_key(group_loc, ko, true);
  bool known = false;
  if (recall(key, &known)) return known;
  if (!spend_node(depth)) return false;
  const bool lost = read_defences(depth, group_loc, ko);
  remember(key, lost);
  return lost;
}

// The group at `group_loc` has one liberty; its owner is to move.
bool LadderReader::read_defences(int depth, int group_loc, int ko) {
  const Color defender = color_[group_loc];
  const Color attacker = opponent(defender);

  // Defences: capture a chasing group in atari that touches the group (at its liberty), or
  // extend. The walk over the group has its own stack and marks, because tracing a chaser's
  // liberties inside it uses the shared ones.
  int defences[kMaxDefences + 1];
  int defence_count = 0;
  int extension = 0;
  const std::uint32_t walk = next_stamp(group_mark_, group_stamp_);
  int top = 0;
  group_stack_[top++] = static_cast<std::int16_t>(group_loc);
  group_mark_[group_loc] = walk;
  while (top > 0) {
    const int stone = group_stack_[--top];
    for (int offset : Board::kNeighbourOffsets) {
      const int n = stone + offset;
      const Color nc = color_[n];
      if (nc == Color::kEmpty) {
        extension = n;
      } else if (nc == defender && group_mark_[n] != walk) {
        group_mark_[n] = walk;
        group_stack_[top++] = static_cast<std::int16_t>(n);
      } else if (nc == attacker && defence_count < kMaxDefences) {
        int chaser_liberties[2] = {};
        if (liberties_of(n, chaser_liberties, 2) == 1 &&
            !contains(defences, defence_count, chaser_liberties[0])) {
          defences[defence_count++] = chaser_liberties[0];
        }
      }
    }
  }
  if (extension != 0 && !contains(defences, defence_count, extension)) {
    defences[defence_count++] = extension;
  }

  for (int i = 0; i < defence_count; ++i) {
    if (defences[i] == ko || !play(defences[i], defender)) continue;
    const int next_ko = ko_after_play_;
    int liberties[3] = {};
    const int count = liberties_of(group_loc, liberties, 3);
    const bool escaped =
        count >= 3 || (count == 2 && !attacker_captures(depth + 1, group_loc, liberties, next_ko));
    take_back();
    if (escaped) return false;
  }
  return !exhausted_;
}

bool LadderReader::attacker_captures(int depth, int group_loc, const int* liberties, int ko) {
  const std::uint64_t key = memo_key(group_loc, ko, false);
  bool known = false;
  if (recall(key, &known)) return known;
  if (!spend_node(depth)) return false;
  const bool captured = read_ataris(depth, group_loc, liberties, ko);
  remember(key, captured);
  return captured;
}

// The group at `group_loc` has exactly the two `liberties`; the attacker is to move.
bool LadderReader::read_ataris(int depth, int group_loc, const int* liberties, int ko) {
  const Color attacker = opponent(color_[group_loc]);
  for (int i = 0; i < 2; ++i) {
    const int atari = liberties[i];
    const int extension = liberties[1 - i];
    // Extending onto a point with three empty neighbours escapes at once: nothing to read.
    if (empty_neighbours(extension) - (adjacent(atari, extension) ? 1 : 0) >= 3) continue;
    if (atari == ko || !play(atari, attacker)) continue;
    const int next_ko = ko_after_play_;
    int remaining = 0;
    const bool captured =
        liberties_of(group_loc, &remaining, 2) == 1 && defender_lost(depth + 1, group_loc, next_ko);
    take_back();
    if (captured) return true;
    if (exhausted_) return false;
  }
  return false;
}

// --- entry points ---------------------------------------------------------------------------

bool LadderReader::is_lost_in_atari(const Board& board, int point) {
  nodes_ = 0;
  const int loc = board.loc_of_point(point);
  if (!is_stone(board.color_at_loc(loc)) || board.group_liberties_loc(loc) != 1) return false;
  load(board);
  start_read();
  return defender_lost(0, loc, 0);
}

bool LadderReader::is_capturable_by_ladder(const Board& board, int point) {
  nodes_ = 0;
  const int loc = board.loc_of_point(point);
  if (!is_stone(board.color_at_loc(loc)) || board.group_liberties_loc(loc) != 2) return false;
  load(board);
  start_read();
  int liberties[2] = {};
  liberties_of(loc, liberties, 2);
  return attacker_captures(0, loc, liberties, 0);
}

bool LadderReader::is_ladder_capture(const GameState& state, int point) {
  if (point < 0 || point >= state.board().num_points()) return false;
  return is_ladder_capture_loc(state, state.board().loc_of_point(point));
}

bool LadderReader::is_ladder_escape(const GameState& state, int point) {
  if (point < 0 || point >= state.board().num_points()) return false;
  return is_ladder_escape_loc(state, state.board().loc_of_point(point));
}

bool LadderReader::is_ladder_capture_loc(const GameState& state, int loc) {
  nodes_ = 0;
  const Board& board = state.board();
  const Color me = state.next_player();
  const Color opp = opponent(me);
  // Targets: opponent groups with exactly two liberties next to the move.
  int targets[4] = {};
  int target_count = 0;
  for (int offset : Board::kNeighbourOffsets) {
    const int n = loc + offset;
    if (board.color_at_loc(n) != opp || board.group_liberties_loc(n) != 2) continue;
    const int head = board.group_head_loc(n);
    if (contains(targets, target_count, head)) continue;
    // The target's other liberty is where it will extend; with three empty neighbours there
    // (after this move) it escapes at once, and no read is needed.
    int extension = 0;
    int stone = head;
    do {
      for (int offset2 : Board::kNeighbourOffsets) {
        const int m = stone + offset2;
        if (m != loc && board.color_at_loc(m) == Color::kEmpty) extension = m;
      }
      stone = board.next_stone_loc(stone);
    } while (stone != head && extension == 0);
    int free_around = 0;
    for (int offset2 : Board::kNeighbourOffsets) {
      const int m = extension + offset2;
      free_around += extension != 0 && m != loc && board.color_at_loc(m) == Color::kEmpty;
    }
    if (free_around < 3) targets[target_count++] = head;
  }
  if (target_count == 0 || board.color_at_loc(loc) != Color::kEmpty || !state.is_legal_loc(loc)) {
    return false;
  }
  load(board);
  if (!play(loc, me)) return false;
  const int ko = ko_after_play_;
  for (int i = 0; i < target_count; ++i) {
    int liberty[2] = {};
    if (color_[targets[i]] != opp || liberties_of(targets[i], liberty, 2) != 1) continue;
    start_read();
    if (defender_lost(0, targets[i], ko)) return true;
  }
  return false;
}

bool LadderReader::is_ladder_escape_loc(const GameState& state, int loc) {
  nodes_ = 0;
  const Board& board = state.board();
  const Color me = state.next_player();
  // Groups in atari this move could save: ones it extends, and ones touching a chasing group
  // in atari that it captures.
  int groups[16] = {};
  int group_count = 0;
  auto add_group = [&](int stone_loc) {
    const int head = board.group_head_loc(stone_loc);
    if (!contains(groups, group_count, head) && group_count < 16) groups[group_count++] = head;
  };
  for (int offset : Board::kNeighbourOffsets) {
    const int n = loc + offset;
    const Color nc = board.color_at_loc(n);
    if (!is_stone(nc) || board.group_liberties_loc(n) != 1) continue;
    if (nc == me) {
      add_group(n);
      continue;
    }
    int stone = n;
    do {
      for (int offset2 : Board::kNeighbourOffsets) {
        const int m = stone + offset2;
        if (board.color_at_loc(m) == me && board.group_liberties_loc(m) == 1) add_group(m);
      }
      stone = board.next_stone_loc(stone);
    } while (stone != n);
  }
  if (group_count == 0 || board.color_at_loc(loc) != Color::kEmpty || !state.is_legal_loc(loc)) {
    return false;
  }
  load(board);
  if (!play(loc, me)) return false;
  const int ko = ko_after_play_;
  for (int i = 0; i < group_count; ++i) {
    if (color_[groups[i]] != me) continue;
    int liberties[3] = {};
    const int count = liberties_of(groups[i], liberties, 3);
    start_read();
    if (count >= 3 || (count == 2 && !attacker_captures(0, groups[i], liberties, ko))) {
      return true;
    }
  }
  return false;
}

}  // namespace dlgo
