#include "engine/dead_stones/final_status.h"

#include <optional>
#include <utility>

#include "engine/dead_stones/ownership.h"

namespace dlgo {

namespace {

// The points of the chain through `point`.
std::vector<int> chain_points(const Board& board, int point) {
  std::vector<int> chain;
  const int head = board.group_head_loc(board.loc_of_point(point));
  int loc = head;
  do {
    chain.push_back(board.point_of_loc(loc));
    loc = board.next_stone_loc(loc);
  } while (loc != head);
  return chain;
}

// Whether `c` playing at empty `point` leaves its own chain with at most one liberty
// (self-atari, or suicide where the rules allow nothing else) without capturing anything.
bool is_self_atari(const Board& board, int point, Color c) {
  if (!board.is_legal_ignoring_ko(point, c)) return true;  // suicide
  Board after = board;
  after.place_stone(point, c);
  if (after.stone_count(opponent(c)) < board.stone_count(opponent(c))) return false;  // a capture
  return after.liberties(point) <= 1;
}

}  // namespace

std::vector<int> FinalStatus::points_with(StoneStatus wanted) const {
  std::vector<int> points;
  for (int point = 0; point < static_cast<int>(status.size()); ++point) {
    if (status[point] == wanted) points.push_back(point);
  }
  return points;
}

std::vector<char> seki_points(const Board& board) {
  const int n = board.num_points();
  std::vector<char> seki(static_cast<std::size_t>(n), 0);
  std::vector<char> visited(static_cast<std::size_t>(n), 0);
  for (int start = 0; start < n; ++start) {
    if (board.at(start) != Color::kEmpty || visited[start]) continue;
    // The empty region through `start` and the stones around it.
    std::vector<int> region{start}, border;
    visited[start] = 1;
    bool black = false, white = false;
    for (std::size_t next = 0; next < region.size(); ++next) {
      int loc = board.loc_of_point(region[next]);
      for (int offset : Board::kNeighbourOffsets) {
        Color neighbour = board.color_at_loc(loc + offset);
        if (neighbour == Color::kOffBoard) continue;
        int p = board.point_of_loc(loc + offset);
        if (neighbour == Color::kBlack) black = true;
        if (neighbour == Color::kWhite) white = true;
        if (is_stone(neighbour)) border.push_back(p);
        if (neighbour == Color::kEmpty && !visited[p]) {
          visited[p] = 1;
          region.push_back(p);
        }
      }
    }
    if (!black || !white) continue;
    bool fillable = false;
    for (int p : region) {
      if (!is_self_atari(board, p, Color::kBlack) || !is_self_atari(board, p, Color::kWhite)) {
        fillable = true;
        break;
      }
    }
    if (fillable) continue;
    for (int p : border) {
      for (int q : chain_points(board, p)) seki[q] = 1;
    }
  }
  return seki;
}

namespace {

FinalStatus compute_final_status(const GameState& state, const DeadStoneOptions& options) {
  const Board& board = state.board();
  const int n = board.num_points();
  FinalStatus out;
  out.ownership = ownership(state, options.playouts, options.seed);
  out.status.assign(static_cast<std::size_t>(n), StoneStatus::kNone);
  // Decide chain by chain: a chain lives or dies as a whole.
  Board cleared = board;
  for (int point = 0; point < n; ++point) {
    Color c = board.at(point);
    if (!is_stone(c) || out.status[point] != StoneStatus::kNone) continue;
    std::vector<int> chain = chain_points(board, point);
    double opponent_share = 0;
    for (int p : chain) {
      double black_share = (out.ownership[p] + 1) / 2;  // ownership +1 is Black's
      opponent_share += c == Color::kBlack ? 1 - black_share : black_share;
    }
    opponent_share /= static_cast<double>(chain.size());
    bool dead = opponent_share > options.dead_threshold;
    for (int p : chain) out.status[p] = dead ? StoneStatus::kDead : StoneStatus::kAlive;
  }
  for (int point = 0; point < n; ++point) {
    if (out.status[point] == StoneStatus::kDead) cleared.clear_point(point);
  }
  const std::vector<char> seki = seki_points(cleared);
  for (int point = 0; point < n; ++point) {
    if (seki[point]) out.status[point] = StoneStatus::kSeki;
  }
  out.area = area_owners(cleared);
  out.result = score_area(cleared, state.rules().komi);
  return out;
}

// Everything the estimate depends on: the stones, who moves first in the playouts, the rules
// and the options (not the move history: the playouts start from a fresh copy of the board).
struct EstimateInput {
  int width = 0, height = 0;
  std::vector<Color> stones;
  Color next_player = Color::kEmpty;
  Rules rules;
  DeadStoneOptions options;

  EstimateInput() = default;
  EstimateInput(const GameState& state, const DeadStoneOptions& dead_stone_options)
      : width(state.size().width),
        height(state.size().height),
        next_player(state.next_player()),
        rules(state.rules()),
        options(dead_stone_options) {
    const Board& board = state.board();
    stones.resize(static_cast<std::size_t>(board.num_points()));
    for (int point = 0; point < board.num_points(); ++point) stones[point] = board.at(point);
  }

  bool operator==(const EstimateInput& other) const {
    return width == other.width && height == other.height && stones == other.stones &&
           next_player == other.next_player && rules == other.rules && options == other.options;
  }
};

}  // namespace

FinalStatus estimate_final_status(const GameState& state, const DeadStoneOptions& options) {
  // An agent answering a pass asks about the same position more than once (its own pass rule,
  // then the search's); each thread keeps its last answer. The estimate is a pure function of
  // its input, so the answer is the one a new estimate would give.
  thread_local std::optional<std::pair<EstimateInput, FinalStatus>> last;
  EstimateInput input(state, options);
  if (last && last->first == input) return last->second;
  FinalStatus status = compute_final_status(state, options);
  last.emplace(std::move(input), status);
  return status;
}

}  // namespace dlgo
