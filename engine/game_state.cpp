#include "engine/game_state.h"

namespace dlgo {

GameState::GameState(BoardSize size, Rules rules)
    : board_(size),
      rules_(rules),
      placed_at_(static_cast<std::size_t>(size.num_points()), -1),
      history_(static_cast<std::size_t>(size.num_points()) * 2) {
  remember_position();
}

std::optional<Move> GameState::last_move() const {
  if (moves_.empty()) return std::nullopt;
  return moves_.back();
}

std::uint64_t GameState::situation_hash(std::uint64_t board_hash, Color to_move) const {
  if (rules_.ko_rule != KoRule::kSituational || to_move != Color::kWhite) return board_hash;
  return board_hash ^ zobrist().white_to_move;
}

void GameState::remember_position() {
  if (rules_.ko_rule == KoRule::kSimple) return;
  history_.insert(situation_hash(board_.hash(), next_player_));
}

void GameState::set_next_player(Color c) {
  next_player_ = c;
  if (moves_.empty()) {
    history_.reset(static_cast<std::size_t>(board_.num_points()) * 2);
    remember_position();
  }
}

void GameState::place_handicap(const std::vector<int>& points) {
  for (int point : points) add_setup_stone(point, Color::kBlack);
  if (!points.empty()) next_player_ = Color::kWhite;
  history_.reset();
  remember_position();
}

void GameState::add_setup_stone(int point, Color c) {
  if (!moves_.empty()) throw IllegalMoveError("setup stones must come before the first move");
  if (point < 0 || point >= board_.num_points()) {
    throw IllegalMoveError("setup stone off the board: point " + std::to_string(point));
  }
  if (board_.at(point) != Color::kEmpty) {
    throw IllegalMoveError("setup stone on an occupied point: " + point_to_gtp(size(), point));
  }
  board_.place_stone(point, c);
  // All setup stones together make one starting position; the partial positions on the way
  // never occurred in the game, so superko must not forbid returning to them.
  history_.reset(static_cast<std::size_t>(board_.num_points()) * 2);
  remember_position();
}

bool GameState::violates_ko_loc(int loc) const {
  switch (rules_.ko_rule) {
    case KoRule::kSimple:
      return loc == ko_loc_;
    case KoRule::kPositional:
      return history_.contains(board_.hash_after_loc(loc, next_player_));
    case KoRule::kSituational:
      return history_.contains(
          situation_hash(board_.hash_after_loc(loc, next_player_), opponent(next_player_)));
  }
  return false;
}

bool GameState::is_legal(Move move) const {
  if (is_over()) return false;
  if (!move.is_play()) return true;
  if (move.point < 0 || move.point >= board_.num_points()) return false;
  return is_legal_loc(board_.loc_of_point(move.point));
}

// Why a move that is_legal() rejected is illegal, for the error message.
static std::string illegal_reason(const GameState& state, Move move) {
  if (!move.is_play()) return "";
  if (move.point < 0 || move.point >= state.board().num_points()) return " (off the board)";
  if (state.board().at(move.point) != Color::kEmpty) return " (the point is occupied)";
  if (!state.board().is_legal_ignoring_ko(move.point, state.next_player(),
                                          state.rules().suicide_allowed)) {
    return " (suicide)";
  }
  if (state.rules().ko_rule == KoRule::kSimple) return " (ko: an immediate retake)";
  return " (ko: it repeats a position, " + std::string(ko_rule_name(state.rules().ko_rule)) +
         " superko)";
}

void GameState::play(Move move) {
  if (!is_legal(move)) {
    std::string what = is_over() ? "the game is over" : "illegal move";
    std::string where =
        move.is_play() && move.point >= 0 && move.point < board_.num_points()
            ? point_to_gtp(size(), move.point)
            : (move.is_play() ? "point " + std::to_string(move.point) : move_to_gtp(size(), move));
    std::string why = is_over() ? "" : illegal_reason(*this, move);
    throw IllegalMoveError(what + ": " + std::string(color_name(next_player_)) + " " + where + why);
  }
  play_unchecked(move);
}

void GameState::play_unchecked(Move move) {
  if (move.is_play()) {
    play_loc_unchecked(board_.loc_of_point(move.point));
    return;
  }
  if (move.is_pass()) {
    pass_unchecked();
    return;
  }
  resigned_ = next_player_;
  moves_.push_back(move);
}

void GameState::play_loc_unchecked(int loc) {
  PlacementResult placed = board_.place_stone_loc(loc, next_player_);
  prisoners_[static_cast<int>(next_player_) - 1] += placed.captured_stones;
  ko_loc_ = placed.ko_loc;
  consecutive_passes_ = 0;
  int point = board_.point_of_loc(loc);
  placed_at_[point] = static_cast<int>(moves_.size());
  moves_.push_back(Move::play(point));
  next_player_ = opponent(next_player_);
  remember_position();
}

void GameState::pass_unchecked() {
  ko_loc_ = 0;
  ++consecutive_passes_;
  moves_.push_back(Move::pass());
  next_player_ = opponent(next_player_);
  remember_position();
}

std::vector<int> GameState::legal_points() const {
  std::vector<int> points;
  if (is_over()) return points;
  for (int point = 0; point < board_.num_points(); ++point) {
    if (is_legal_loc(board_.loc_of_point(point))) points.push_back(point);
  }
  return points;
}

std::vector<Move> GameState::legal_moves() const {
  std::vector<Move> result;
  if (is_over()) return result;
  for (int point : legal_points()) result.push_back(Move::play(point));
  result.push_back(Move::pass());
  result.push_back(Move::resign());
  return result;
}

GameResult GameState::result() const {
  if (resigned_) return GameResult::by_resignation(opponent(*resigned_));
  return score_area(board_, rules_.komi);
}

}  // namespace dlgo
