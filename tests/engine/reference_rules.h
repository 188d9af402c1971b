// A deliberately plain second implementation of the rules, for checking the engine: the board
// is a string of '.', 'X', 'O' (one character per point index), groups and liberties come from
// flood fills, captures from scanning neighbours, and every earlier position (or situation) is
// kept as a string. Slow and easy to check by reading; it shares no code with Board or
// GameState beyond the coordinate and rule types.
//
// Contract: a value type; not thread-safe for writes.
#pragma once

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "engine/color.h"
#include "engine/coords.h"
#include "engine/rules.h"

namespace dlgo::test {

class ReferenceGame {
 public:
  ReferenceGame(BoardSize size, Rules rules);

  // Black setup stones; White then moves first (as GameState::place_handicap).
  void place_handicap(const std::vector<int>& points);

  BoardSize size() const { return size_; }
  Color at(int point) const { return color_of(grid_[point]); }
  Color next_player() const { return next_player_; }
  int prisoners(Color c) const { return prisoners_[c == Color::kBlack ? 0 : 1]; }
  int stone_count(Color c) const;
  int moves_played() const { return moves_played_; }
  // Index of the move that put the stone on `point` there; -1 for setup stones.
  int placed_at(int point) const { return placed_at_[point]; }
  const std::string& grid() const { return grid_; }

  struct Group {
    std::vector<int> stones;
    int liberties = 0;
  };
  // The group through `point`; no stones for an empty point.
  Group group_at(int point) const;

  // For the player to move: occupied or suicide (unless allowed), forbidden by the ko rule in
  // force, or legal.
  enum class Legality { kOccupiedOrSuicide, kKo, kLegal };
  Legality legality(int point) const;
  bool is_legal(int point) const { return legality(point) == Legality::kLegal; }
  bool is_eye(int point, Color c) const;
  // The board after the player to move plays `point`, ignoring ko; nullopt when the point is
  // occupied or the move is a forbidden suicide.
  std::optional<std::string> grid_after(int point) const;

  void play(int point);  // the caller checked is_legal
  void pass();

  // Area score: stones plus empty regions bordered by one colour only.
  int area(Color c) const;

 private:
  struct Outcome {
    std::string grid;
    int captured = 0;
  };
  std::optional<Outcome> place(int point, Color c) const;  // nullopt: occupied or suicide
  Group flood(const std::string& grid, int point) const;
  std::string situation(const std::string& grid, Color to_move) const;
  void remember();

  static char symbol_of(Color c) { return c == Color::kBlack ? 'X' : 'O'; }
  static Color color_of(char symbol) {
    return symbol == 'X' ? Color::kBlack : (symbol == 'O' ? Color::kWhite : Color::kEmpty);
  }

  BoardSize size_;
  Rules rules_;
  std::vector<std::vector<int>> neighbours_;
  std::vector<std::vector<int>> diagonals_;
  std::string grid_;
  Color next_player_ = Color::kBlack;
  int prisoners_[2] = {0, 0};
  int moves_played_ = 0;
  std::vector<int> placed_at_;
  std::unordered_set<std::string> seen_;  // positions, or positions plus player to move
  // Simple ko: the position before the last move, if that move captured exactly one stone.
  std::optional<std::string> ko_forbidden_;
  // Scratch space for flood fills (see flood()), so that a fill allocates little.
  mutable std::vector<unsigned> mark_;
  mutable unsigned stamp_ = 0;
  mutable std::vector<int> stack_;
};

}  // namespace dlgo::test
