// A game in progress: the board plus whose turn it is, the ko rule with its position history,
// prisoners, passes and resignation.
//
// Contract: a value type (copy to branch a search; the copy owns its history). Not thread-safe
// for writes. play() checks legality and throws IllegalMoveError; the *_unchecked and loc
// functions are for callers that have checked already (playouts, search).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/board.h"
#include "engine/move.h"
#include "engine/position_history.h"
#include "engine/rules.h"
#include "engine/scoring.h"

namespace dlgo {

class IllegalMoveError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class GameState {
 public:
  explicit GameState(BoardSize size = {19, 19}, Rules rules = {});
  static GameState new_game(int board_size, Rules rules = {}) {
    return GameState(BoardSize{board_size, board_size}, rules);
  }

  const Board& board() const { return board_; }
  BoardSize size() const { return board_.size(); }
  const Rules& rules() const { return rules_; }
  void set_komi(double komi) { rules_.komi = komi; }

  Color next_player() const { return next_player_; }
  const std::vector<Move>& moves() const { return moves_; }
  std::optional<Move> last_move() const;
  bool is_over() const { return consecutive_passes_ >= 2 || resigned_.has_value(); }
  int consecutive_passes() const { return consecutive_passes_; }
  std::optional<Color> resigned() const { return resigned_; }
  // Stones captured by `c` so far (GTP `captures`).
  int prisoners(Color c) const { return prisoners_[static_cast<int>(c) - 1]; }
  // Index into moves() of the move that put the stone now on `point` there; -1 for setup
  // stones. Meaningless for an empty point. Encoders use it for "turns since" planes.
  int move_index_of_stone(int point) const { return placed_at_[point]; }

  // Setup before the first move. Handicap stones are Black; White then moves first.
  void place_handicap(const std::vector<int>& points);
  // A setup stone of either colour (SGF AB/AW); does not change whose turn it is.
  void add_setup_stone(int point, Color c);
  // Before the first move this also re-records the starting situation (situational superko
  // tells the players to move apart).
  void set_next_player(Color c);

  bool is_legal(Move move) const;
  // True when `next_player()` playing at `point` would break the ko rule in force.
  bool violates_ko(int point) const { return violates_ko_loc(board_.loc_of_point(point)); }
  void play(Move move);  // throws IllegalMoveError naming the move
  void play_unchecked(Move move);

  // Every point the player to move may play (not pass or resign), in point order.
  std::vector<int> legal_points() const;
  // legal_points() as moves, plus pass and resign, as the original's legal_moves().
  std::vector<Move> legal_moves() const;

  // Area score with the game's komi; for a resigned game, the resignation.
  GameResult result() const;

  // Hot-loop interface over padded locs (see board.h).
  bool is_legal_loc(int loc) const {
    return board_.is_legal_ignoring_ko_loc(loc, next_player_, rules_.suicide_allowed) &&
           !violates_ko_loc(loc);
  }
  bool violates_ko_loc(int loc) const;
  void play_loc_unchecked(int loc);
  void pass_unchecked();

 private:
  std::uint64_t situation_hash(std::uint64_t board_hash, Color to_move) const;
  void remember_position();

  Board board_;
  Rules rules_;
  Color next_player_ = Color::kBlack;
  int consecutive_passes_ = 0;
  int ko_loc_ = 0;
  int prisoners_[2] = {0, 0};
  std::optional<Color> resigned_;
  std::vector<Move> moves_;
  std::vector<int> placed_at_;
  PositionHistory history_;
};

}  // namespace dlgo
