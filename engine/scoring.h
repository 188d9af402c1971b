// Area (Chinese) scoring and game results.
//
// Contract: pure functions over a board; safe from any thread.
//
// An empty region counts for a colour when every stone bordering it is that colour; regions
// bordered by both colours (dame, and the shared liberties of a seki) count for nobody. Stones
// on the board always count, so groups in seki score for their owner. Dead stones are not
// removed: callers play games out (as the book's bots do) before scoring.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/board.h"
#include "engine/color.h"

namespace dlgo {

struct GameResult {
  int black_stones = 0;
  int white_stones = 0;
  int black_territory = 0;
  int white_territory = 0;
  int dame = 0;
  double komi = 0.0;
  std::optional<Color> resignation_winner;  // set when the game ended by resignation

  static GameResult by_resignation(Color winner) {
    GameResult result;
    result.resignation_winner = winner;
    return result;
  }

  double black_area() const { return black_stones + black_territory; }
  double white_area() const { return white_stones + white_territory; }
  // Black's lead after komi; positive means Black wins. Meaningless for a resignation.
  double black_margin() const { return black_area() - white_area() - komi; }
  // Black, White, or kEmpty for a tie.
  Color winner() const;
  // "B+3.5", "W+0.5", "0" for a tie, "B+R"/"W+R" for a resignation (SGF RE notation).
  std::string to_string() const;
};

GameResult score_area(const Board& board, double komi);

// Whose area each point counts for in score_area(): a stone's colour, the colour that alone
// borders an empty region, kEmpty for dame. Indexed by point.
std::vector<Color> area_owners(const Board& board);

}  // namespace dlgo
