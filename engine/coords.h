// The one place that converts between coordinate systems.
//
//   point index  row * width + col, row 0 = bottom line; pass = width * height
//   GTP vertex   "A1" bottom-left, letters skip I ("J" follows "H"), case-insensitive
//   SGF point    "aa" top-left, column letter first; "" or "tt" is a pass on boards up to 19
//
// Contract: pure functions, safe from any thread. Parsers return std::nullopt for text that does
// not name a point on the given board; they never throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/move.h"

namespace dlgo {

struct BoardSize {
  int width = 19;
  int height = 19;
  constexpr int num_points() const { return width * height; }
  constexpr int pass_index() const { return width * height; }
  constexpr bool contains(int row, int col) const {
    return row >= 0 && row < height && col >= 0 && col < width;
  }
  friend constexpr bool operator==(BoardSize a, BoardSize b) {
    return a.width == b.width && a.height == b.height;
  }
};

// Largest side the engine supports; GTP letters run out at 25 (A..Z without I).
inline constexpr int kMaxBoardSide = 25;
inline constexpr int kMinBoardSide = 2;

constexpr int point_of(BoardSize size, int row, int col) {
  return row * size.width + col;
}
constexpr int row_of(BoardSize size, int point) {
  return point / size.width;
}
constexpr int col_of(BoardSize size, int point) {
  return point % size.width;
}

// GTP column letter for a zero-based column (0 -> 'A', 8 -> 'J').
char gtp_column_letter(int col);

// "D4" for a point; the caller passes a point on the board.
std::string point_to_gtp(BoardSize size, int point);
std::optional<int> gtp_to_point(BoardSize size, std::string_view vertex);

// Moves as GTP text: a vertex, "pass" or "resign".
std::string move_to_gtp(BoardSize size, Move move);
std::optional<Move> gtp_to_move(BoardSize size, std::string_view text);

// SGF points: "pd" etc. A pass is written as "" (FF[4]); "tt" is read as a pass on boards up
// to 19x19, where it cannot name a point.
std::string point_to_sgf(BoardSize size, int point);
std::optional<Move> sgf_to_move(BoardSize size, std::string_view text);

}  // namespace dlgo
