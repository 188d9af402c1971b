#include "tests/gnugo/gnugo_reference.h"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "engine/rng.h"

namespace dlgo {

std::string locate_gnugo() {
  if (const char* configured = std::getenv("DLGO_GNUGO"); configured && *configured) {
    if (auto path = find_program(configured)) return *path;
    throw std::runtime_error(std::string("DLGO_GNUGO is set to '") + configured +
                             "', which is not an executable");
  }
  if (auto path = find_program("gnugo", {"/usr/games"})) return *path;
  throw std::runtime_error(
      "GNU Go is not installed: the rules engine is checked against it. Install it with "
      "'sudo apt-get install gnugo' (tools/test does this), or set DLGO_GNUGO to its path.");
}

std::unique_ptr<GtpClient> start_gnugo() {
  return std::make_unique<GtpClient>(std::vector<std::string>{
      locate_gnugo(), "--mode", "gtp", "--chinese-rules", "--positional-superko"});
}

std::vector<int> parse_vertex_list(BoardSize size, std::string_view text) {
  std::vector<int> points;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t begin = text.find_first_not_of(" \t\n", pos);
    if (begin == std::string_view::npos) break;
    size_t end = text.find_first_of(" \t\n", begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(begin, end - begin);
    std::optional<int> point = gtp_to_point(size, word);
    if (!point) {
      throw std::runtime_error("'" + std::string(word) + "' is not a vertex of a " +
                               std::to_string(size.width) + "x" + std::to_string(size.height) +
                               " board (in '" + std::string(text) + "')");
    }
    points.push_back(*point);
    pos = end;
  }
  std::sort(points.begin(), points.end());
  return points;
}

std::string vertex_list(BoardSize size, std::vector<int> points) {
  std::sort(points.begin(), points.end());
  std::string text;
  for (int point : points) {
    if (!text.empty()) text += ' ';
    text += point_to_gtp(size, point);
  }
  return text;
}

std::vector<int> stones_of(const Board& board, Color c) {
  std::vector<int> points;
  for (int point = 0; point < board.num_points(); ++point) {
    if (board.at(point) == c) points.push_back(point);
  }
  return points;
}

namespace {

// Keys for GNU Go's ko point, independent of the stone keys (any random keys will do: only
// which hashes are equal matters).
std::uint64_t ko_key(int point) {
  static const std::vector<std::uint64_t> keys = [] {
    std::vector<std::uint64_t> table(kMaxBoardSide * kMaxBoardSide);
    std::uint64_t seed = 0x6e75676f6b6fULL;
    for (std::uint64_t& key : table) key = splitmix64(seed);
    return table;
  }();
  return keys[static_cast<std::size_t>(point)];
}

}  // namespace

GnuGoSuperkoModel::GnuGoSuperkoModel(const GameState& start) {
  stone_hashes_.push_back(start.board().hash());
  ko_points_.push_back(-1);
  prisoners_.push_back(0);
  last_seen_[start.board().hash()] = 0;
}

std::uint64_t GnuGoSuperkoModel::full_hash(int move_number) const {
  std::size_t index = static_cast<std::size_t>(move_number);
  int ko = ko_points_[index];
  return stone_hashes_[index] ^ (ko >= 0 ? ko_key(ko) : 0);
}

void GnuGoSuperkoModel::on_move(const GameState& state) {
  // GNU Go's play_move(): fold a full history, then store the position before this move
  // (without its ko point).
  if (history_.size() >= kMaxMoveHistory) {
    int folded_initial = initial_position_ + static_cast<int>(kFoldedMoves);
    offset_ ^= full_hash(initial_position_) ^ full_hash(folded_initial);
    initial_position_ = folded_initial;
    for (std::size_t i = 0; i < kFoldedMoves; ++i) {
      auto it = history_count_.find(history_.front());
      if (--it->second == 0) history_count_.erase(it);
      history_.pop_front();
    }
    ++folds_;
  }
  std::uint64_t stored = stone_hashes_.back() ^ offset_;
  history_.push_back(stored);
  ++history_count_[stored];

  // The position after the move. GNU Go marks a ko when a single stone captured exactly one
  // stone and is left with one liberty, the point it captured.
  const Board& board = state.board();
  int prisoners = state.prisoners(Color::kBlack) + state.prisoners(Color::kWhite);
  int ko = -1;
  Move move = state.moves().back();
  if (move.is_play() && prisoners - prisoners_.back() == 1 && board.group_size(move.point) == 1 &&
      board.liberties(move.point) == 1) {
    BoardSize size = board.size();
    int row = row_of(size, move.point);
    int col = col_of(size, move.point);
    const int neighbours[4][2] = {{row - 1, col}, {row + 1, col}, {row, col - 1}, {row, col + 1}};
    for (const auto& [r, c] : neighbours) {
      if (size.contains(r, c) && board.at(r, c) == Color::kEmpty) ko = point_of(size, r, c);
    }
  }
  stone_hashes_.push_back(board.hash());
  ko_points_.push_back(ko);
  prisoners_.push_back(prisoners);
  last_seen_[board.hash()] = moves_played();
}

std::vector<int> GnuGoSuperkoModel::gnugo_legal_points(const GameState& state) const {
  std::vector<int> points;
  const Board& board = state.board();
  Color mover = state.next_player();
  int ko = ko_points_.back();
  std::uint64_t current = stone_hashes_.back() ^ offset_;
  for (int point = 0; point < board.num_points(); ++point) {
    if (board.at(point) != Color::kEmpty || point == ko) continue;
    if (!board.is_legal_ignoring_ko(point, mover)) continue;
    std::uint64_t after = board.hash_after(point, mover) ^ offset_;
    if (after == current || history_count_.count(after) != 0) continue;
    points.push_back(point);
  }
  return points;
}

std::vector<int> GnuGoSuperkoModel::textbook_legal_points(const GameState& state) const {
  std::vector<int> points;
  const Board& board = state.board();
  for (int point = 0; point < board.num_points(); ++point) {
    if (board.at(point) != Color::kEmpty) continue;
    if (!board.is_legal_ignoring_ko(point, state.next_player())) continue;
    if (age_of_repetition(state, point) < 0) points.push_back(point);
  }
  return points;
}

int GnuGoSuperkoModel::age_of_repetition(const GameState& state, int point) const {
  auto it = last_seen_.find(state.board().hash_after(point, state.next_player()));
  return it == last_seen_.end() ? -1 : moves_played() - it->second;
}

}  // namespace dlgo
