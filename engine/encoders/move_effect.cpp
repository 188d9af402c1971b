#include "engine/encoders/move_effect.h"

#include <algorithm>

namespace dlgo {

MoveEffect MoveEffectCalculator::effect_at_loc(int loc, Color c) {
  const Color opp = opponent(c);
  int own_heads[4] = {};
  int own_count = 0;
  int captured_heads[4] = {};
  int captured_count = 0;
  int empty_neighbours = 0;
  for (int offset : Board::kNeighbourOffsets) {
    const int n = loc + offset;
    const Color nc = board_.color_at_loc(n);
    if (nc == Color::kEmpty) {
      ++empty_neighbours;
    } else if (nc == c) {
      const int head = board_.group_head_loc(n);
      if (std::find(own_heads, own_heads + own_count, head) == own_heads + own_count) {
        own_heads[own_count++] = head;
      }
    } else if (nc == opp && board_.group_liberties_loc(n) == 1) {
      const int head = board_.group_head_loc(n);
      if (std::find(captured_heads, captured_heads + captured_count, head) ==
          captured_heads + captured_count) {
        captured_heads[captured_count++] = head;
      }
    }
  }

  MoveEffect effect;
  for (int i = 0; i < captured_count; ++i) {
    effect.captured_stones += board_.group_stones_loc(captured_heads[i]);
  }
  // The common case: a lone stone, nothing captured; its liberties are its empty neighbours.
  if (own_count == 0 && captured_count == 0) {
    effect.liberties_after = empty_neighbours;
    effect.group_stones_after = empty_neighbours > 0 ? 1 : 0;
    return effect;
  }

  // One group extended, nothing captured: its liberties less the one filled, plus the new
  // stone's empty neighbours that were not liberties of the group already.
  if (own_count == 1 && captured_count == 0) {
    const int head = own_heads[0];
    int liberties = board_.group_liberties_loc(head) - 1;
    for (int offset : Board::kNeighbourOffsets) {
      const int e = loc + offset;
      if (board_.color_at_loc(e) != Color::kEmpty) continue;
      bool touches_group = false;
      for (int offset2 : Board::kNeighbourOffsets) {
        const int m = e + offset2;
        touches_group |= board_.color_at_loc(m) == c && board_.group_head_loc(m) == head;
      }
      liberties += touches_group ? 0 : 1;
    }
    if (liberties > 0) {
      effect.liberties_after = liberties;
      effect.group_stones_after = board_.group_stones_loc(head) + 1;
    }
    return effect;
  }

  // Count each liberty of the merged group once, marking counted points with this call's stamp.
  // The new stone's own point is marked first so it is never counted.
  ++stamp_;
  mark_[loc] = stamp_;
  int liberties = 0;
  int stones = 1;
  auto count_if_new_liberty = [&](int point) {
    if (board_.color_at_loc(point) == Color::kEmpty && mark_[point] != stamp_) {
      mark_[point] = stamp_;
      ++liberties;
    }
  };
  for (int offset : Board::kNeighbourOffsets) count_if_new_liberty(loc + offset);
  for (int i = 0; i < own_count; ++i) {
    int stone = own_heads[i];
    do {
      ++stones;
      for (int offset : Board::kNeighbourOffsets) count_if_new_liberty(stone + offset);
      stone = board_.next_stone_loc(stone);
    } while (stone != own_heads[i]);
  }
  // A captured stone's point becomes a liberty when it touches the new stone or a stone of a
  // merged group.
  for (int i = 0; i < captured_count; ++i) {
    int stone = captured_heads[i];
    do {
      for (int offset : Board::kNeighbourOffsets) {
        const int n = stone + offset;
        const bool touches_group =
            n == loc || (board_.color_at_loc(n) == c &&
                         std::find(own_heads, own_heads + own_count, board_.group_head_loc(n)) !=
                             own_heads + own_count);
        if (touches_group) {
          if (mark_[stone] != stamp_) {
            mark_[stone] = stamp_;
            ++liberties;
          }
          break;
        }
      }
      stone = board_.next_stone_loc(stone);
    } while (stone != captured_heads[i]);
  }
  if (liberties > 0) {
    effect.liberties_after = liberties;
    effect.group_stones_after = stones;
  }
  return effect;
}

}  // namespace dlgo
