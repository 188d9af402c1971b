#include "engine/agents/pass_policy.h"

#include <algorithm>

namespace dlgo {

bool should_pass(const GameState& state) {
  if (state.is_over()) return false;
  const Color me = state.next_player();
  auto last = state.last_move();
  if (last && last->is_pass() && state.result().winner() == me) return true;

  // Every empty region is territory of `me` when it is bordered only by `me`'s stones and
  // small; the size limit keeps a wide open area (the empty board, a half-built framework)
  // from counting. A legal move outside such regions means there is still something to play.
  const Board& board = state.board();
  const int max_region = std::max(2, board.num_points() / 10);
  bool visited[Board::kLocs] = {};
  int region[Board::kLocs];
  for (int i = 0; i < board.empty_count(); ++i) {
    int start = board.empty_locs()[i];
    if (visited[start]) continue;
    int size = 0;
    bool touches_me = false, touches_opponent = false;
    region[size++] = start;
    visited[start] = true;
    for (int next = 0; next < size; ++next) {
      for (int offset : Board::kNeighbourOffsets) {
        int n = region[next] + offset;
        Color c = board.color_at_loc(n);
        if (c == me) touches_me = true;
        else if (c == opponent(me)) touches_opponent = true;
        else if (c == Color::kEmpty && !visited[n]) {
          visited[n] = true;
          region[size++] = n;
        }
      }
    }
    bool own_territory = touches_me && !touches_opponent && size <= max_region;
    if (own_territory) continue;
    for (int k = 0; k < size; ++k) {
      if (state.is_legal_loc(region[k])) return false;
    }
  }
  return true;
}

}  // namespace dlgo
