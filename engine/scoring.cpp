#include "engine/scoring.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

namespace dlgo {

Color GameResult::winner() const {
  if (resignation_winner) return *resignation_winner;
  double margin = black_margin();
  if (margin > 0) return Color::kBlack;
  if (margin < 0) return Color::kWhite;
  return Color::kEmpty;
}

std::string GameResult::to_string() const {
  Color who = winner();
  if (resignation_winner) return who == Color::kBlack ? "B+R" : "W+R";
  if (who == Color::kEmpty) return "0";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%c+%g", who == Color::kBlack ? 'B' : 'W',
                std::fabs(black_margin()));
  return buffer;
}

namespace {

// Calls visit(region_locs, region_size, borders_black, borders_white) for every maximal region
// of empty points (4-connected), in the order of its first point. No allocation: score_area
// runs at the end of every playout.
template <typename Visit>
void for_each_empty_region(const Board& board, Visit visit) {
  std::array<bool, Board::kLocs> visited{};
  std::array<int, Board::kLocs> stack;
  std::array<int, Board::kLocs> region;
  for (int point = 0; point < board.num_points(); ++point) {
    int start = board.loc_of_point(point);
    if (board.color_at_loc(start) != Color::kEmpty || visited[start]) continue;
    int region_size = 0;
    bool borders_black = false, borders_white = false;
    int top = 0;
    stack[top++] = start;
    visited[start] = true;
    while (top > 0) {
      int loc = stack[--top];
      region[region_size++] = loc;
      for (int offset : Board::kNeighbourOffsets) {
        int n = loc + offset;
        Color c = board.color_at_loc(n);
        if (c == Color::kBlack)
          borders_black = true;
        else if (c == Color::kWhite)
          borders_white = true;
        else if (c == Color::kEmpty && !visited[n]) {
          visited[n] = true;
          stack[top++] = n;
        }
      }
    }
    visit(region.data(), region_size, borders_black, borders_white);
  }
}

}  // namespace

GameResult score_area(const Board& board, double komi) {
  GameResult result;
  result.komi = komi;
  result.black_stones = board.stone_count(Color::kBlack);
  result.white_stones = board.stone_count(Color::kWhite);
  for_each_empty_region(board, [&](const int*, int size, bool black, bool white) {
    if (black && !white)
      result.black_territory += size;
    else if (white && !black)
      result.white_territory += size;
    else
      result.dame += size;
  });
  return result;
}

std::vector<Color> area_owners(const Board& board) {
  std::vector<Color> owners(static_cast<std::size_t>(board.num_points()), Color::kEmpty);
  for (int point = 0; point < board.num_points(); ++point) {
    if (is_stone(board.at(point))) owners[point] = board.at(point);
  }
  for_each_empty_region(board, [&](const int* region, int size, bool black, bool white) {
    if (black == white) return;
    const Color owner = black ? Color::kBlack : Color::kWhite;
    for (int i = 0; i < size; ++i) owners[board.point_of_loc(region[i])] = owner;
  });
  return owners;
}

}  // namespace dlgo
