#include "engine/gtp/gtp_game.h"

#include <stdexcept>

#include "engine/dead_stones/adjudication.h"

namespace dlgo {

GtpGame::GtpGame(BoardSize size, Rules rules) : start_(size, rules), state_(start_) {}

void GtpGame::clear() {
  start_ = GameState(size(), rules());
  handicap_.clear();
  moves_.clear();
  state_ = start_;
}

void GtpGame::set_komi(double komi) {
  start_.set_komi(komi);
  state_.set_komi(komi);
}

void GtpGame::place_handicap(const std::vector<int>& points) {
  const Board& board = state_.board();
  if (!moves_.empty() || board.stone_count(Color::kBlack) + board.stone_count(Color::kWhite) > 0) {
    throw std::invalid_argument("board not empty");
  }
  GameState placed(size(), rules());
  placed.place_handicap(points);  // throws IllegalMoveError for a repeated or outside point
  start_ = placed;
  handicap_ = points;
  state_ = start_;
}

bool GtpGame::is_legal(Color color, Move move) const {
  if (move.is_pass()) return true;
  if (!move.is_play() || move.point < 0 || move.point >= size().num_points()) return false;
  const int loc = state_.board().loc_of_point(move.point);
  if (color == state_.next_player()) return state_.is_legal_loc(loc);
  GameState other = state_;
  other.set_next_player(color);
  return other.is_legal_loc(loc);
}

void GtpGame::play(Color color, Move move) {
  if (!is_legal(color, move)) throw IllegalMoveError("illegal move");
  state_.set_next_player(color);
  state_.play_unchecked(move);
  moves_.emplace_back(color, move);
}

bool GtpGame::undo() {
  if (moves_.empty()) return false;
  moves_.pop_back();
  state_ = replay(moves_.size());
  return true;
}

GameState GtpGame::replay(std::size_t count) const {
  GameState state = start_;
  for (std::size_t i = 0; i < count; ++i) {
    state.set_next_player(moves_[i].first);
    state.play_unchecked(moves_[i].second);
  }
  return state;
}

GameState GtpGame::position_for(Color color, bool drop_trailing_passes) const {
  GameState position = state_;
  if (drop_trailing_passes || state_.is_over()) {
    std::size_t kept = moves_.size();
    while (kept > 0 && moves_[kept - 1].second.is_pass()) --kept;
    if (kept != moves_.size()) position = replay(kept);
  }
  position.set_next_player(color);
  return position;
}

void GtpGame::load(const GameRecord& record, int move_number) {
  GameReplay replay_of_record(record, rules());
  const std::size_t total = record.moves.size();
  std::size_t target = total;
  if (move_number >= 1 && static_cast<std::size_t>(move_number) <= total) {
    target = static_cast<std::size_t>(move_number) - 1;
  }
  bool later_setup = false;
  for (const SetupStone& stone : record.setup) {
    if (stone.moves_before > 0 && static_cast<std::size_t>(stone.moves_before) <= target) {
      later_setup = true;
    }
  }
  GameState start = replay_of_record.state();
  std::vector<std::pair<Color, Move>> moves;
  for (std::size_t i = 0; i < target; ++i) {
    moves.emplace_back(record.moves[i].color, record.moves[i].move);
    replay_of_record.step();  // throws SgfIllegalMoveError
  }
  if (later_setup) {
    // Moves and setup interleave: keep the resulting position as the start.
    start = position_copy(replay_of_record.state());
    moves.clear();
  }
  start_ = start;
  handicap_.clear();
  if (record.info.handicap >= 2 && start_.board().stone_count(Color::kWhite) == 0) {
    for (int point = 0; point < start_.board().num_points(); ++point) {
      if (start_.board().at(point) == Color::kBlack) handicap_.push_back(point);
    }
  }
  moves_ = std::move(moves);
  state_ = replay(moves_.size());
}

GameRecord GtpGame::to_record(const GameInfo& info) const {
  GameRecord record;
  record.size = size();
  record.info = info;
  if (!record.info.komi) record.info.komi = rules().komi;
  if (record.info.handicap == 0 && handicap_.size() >= 2) {
    record.info.handicap = static_cast<int>(handicap_.size());
  }
  const Board& board = start_.board();
  for (int point = 0; point < board.num_points(); ++point) {
    if (is_stone(board.at(point))) record.setup.push_back(SetupStone{point, board.at(point)});
  }
  if (start_.next_player() == Color::kWhite) record.first_player = Color::kWhite;
  for (const auto& [color, move] : moves_) record.moves.push_back(RecordMove{color, move});
  return record;
}

}  // namespace dlgo
