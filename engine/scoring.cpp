#include "engine/scoring.h"

#include <array>
#include <cmath>
#include <cstdio>

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

GameResult score_area(const Board& board, double komi) {
  GameResult result;
  result.komi = komi;
  result.black_stones = board.stone_count(Color::kBlack);
  result.white_stones = board.stone_count(Color::kWhite);

  std::array<bool, Board::kLocs> visited{};
  std::array<int, Board::kLocs> stack;
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
      ++region_size;
      for (int offset : Board::kNeighbourOffsets) {
        int n = loc + offset;
        Color c = board.color_at_loc(n);
        if (c == Color::kBlack) borders_black = true;
        else if (c == Color::kWhite) borders_white = true;
        else if (c == Color::kEmpty && !visited[n]) {
          visited[n] = true;
          stack[top++] = n;
        }
      }
    }
    if (borders_black && !borders_white) result.black_territory += region_size;
    else if (borders_white && !borders_black) result.white_territory += region_size;
    else result.dame += region_size;
  }
  return result;
}

}  // namespace dlgo
