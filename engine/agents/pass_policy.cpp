#include "engine/agents/pass_policy.h"

#include <algorithm>
#include <cmath>

#include "engine/dead_stones/final_status.h"

namespace dlgo {

bool should_pass(const GameState& state) {
  if (state.is_over()) return false;
  const Color me = state.next_player();
  auto last = state.last_move();
  // Passing now ends the game: count it as the referee will, without the dead stones. On the
  // bare area count a dead group of ours left standing in the opponent's area would turn that
  // area into dame, and a pass that "wins" there loses the game.
  if (last && last->is_pass()) {
    if (estimate_final_status(state).result.winner() == me) return true;
  }

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
        if (c == me)
          touches_me = true;
        else if (c == opponent(me))
          touches_opponent = true;
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

bool settled_after_opponent_pass(const GameState& state, double confidence) {
  if (state.is_over()) return false;
  auto last = state.last_move();
  if (!last || !last->is_pass()) return false;
  const FinalStatus status = estimate_final_status(state);
  const Board& board = state.board();
  // Area points whose owner is in doubt could each go to the other side (2 points of margin);
  // a dame that is not a seki's liberty could still be filled by either (1 point).
  int doubtful_area = 0, open_dame = 0;
  for (int point = 0; point < board.num_points(); ++point) {
    if (status.area[point] != Color::kEmpty) {
      if (std::fabs(status.ownership[point]) < confidence) ++doubtful_area;
      continue;
    }
    if (is_stone(board.at(point))) continue;
    bool seki_liberty = false;
    const int loc = board.loc_of_point(point);
    for (int offset : Board::kNeighbourOffsets) {
      Color neighbour = board.color_at_loc(loc + offset);
      if (is_stone(neighbour) &&
          status.status[board.point_of_loc(loc + offset)] == StoneStatus::kSeki) {
        seki_liberty = true;
      }
    }
    if (!seki_liberty) ++open_dame;
  }
  if (doubtful_area == 0 && open_dame == 0) return true;
  const double my_margin = state.next_player() == Color::kBlack ? status.result.black_margin()
                                                                : -status.result.black_margin();
  return my_margin > 2.0 * doubtful_area + open_dame;
}

}  // namespace dlgo
