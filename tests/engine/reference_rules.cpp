#include "tests/engine/reference_rules.h"

namespace dlgo::test {

namespace {
constexpr int kSides[4][2] = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
constexpr int kCorners[4][2] = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}};
}  // namespace

ReferenceGame::ReferenceGame(BoardSize size, Rules rules)
    : size_(size),
      rules_(rules),
      neighbours_(static_cast<std::size_t>(size.num_points())),
      diagonals_(static_cast<std::size_t>(size.num_points())),
      grid_(static_cast<std::size_t>(size.num_points()), '.'),
      placed_at_(static_cast<std::size_t>(size.num_points()), -1),
      mark_(static_cast<std::size_t>(size.num_points()), 0) {
  for (int row = 0; row < size.height; ++row) {
    for (int col = 0; col < size.width; ++col) {
      int p = point_of(size, row, col);
      for (int i = 0; i < 4; ++i) {
        if (size.contains(row + kSides[i][0], col + kSides[i][1])) {
          neighbours_[p].push_back(point_of(size, row + kSides[i][0], col + kSides[i][1]));
        }
        if (size.contains(row + kCorners[i][0], col + kCorners[i][1])) {
          diagonals_[p].push_back(point_of(size, row + kCorners[i][0], col + kCorners[i][1]));
        }
      }
    }
  }
  remember();
}

void ReferenceGame::place_handicap(const std::vector<int>& points) {
  for (int p : points) grid_[p] = 'X';
  if (!points.empty()) next_player_ = Color::kWhite;
  seen_.clear();
  remember();
}

int ReferenceGame::stone_count(Color c) const {
  int count = 0;
  for (char symbol : grid_) count += symbol == symbol_of(c);
  return count;
}

ReferenceGame::Group ReferenceGame::flood(const std::string& grid, int point) const {
  Group group;
  const char symbol = grid[point];
  if (symbol == '.') return group;
  // A point is seen in this fill when its mark equals the fill's stamp: stones of the group and
  // liberties already counted (the two never share a point).
  const unsigned stamp = ++stamp_;
  std::vector<int>& stack = stack_;
  stack.assign(1, point);
  mark_[point] = stamp;
  while (!stack.empty()) {
    int p = stack.back();
    stack.pop_back();
    group.stones.push_back(p);
    for (int n : neighbours_[p]) {
      if (mark_[n] == stamp) continue;
      if (grid[n] == symbol) {
        mark_[n] = stamp;
        stack.push_back(n);
      } else if (grid[n] == '.') {
        mark_[n] = stamp;
        ++group.liberties;
      }
    }
  }
  return group;
}

ReferenceGame::Group ReferenceGame::group_at(int point) const {
  return flood(grid_, point);
}

std::optional<ReferenceGame::Outcome> ReferenceGame::place(int point, Color c) const {
  if (grid_[point] != '.') return std::nullopt;
  Outcome outcome{grid_, 0};
  std::string& grid = outcome.grid;
  grid[point] = symbol_of(c);
  for (int n : neighbours_[point]) {
    if (grid[n] != symbol_of(opponent(c))) continue;
    Group group = flood(grid, n);
    if (group.liberties > 0) continue;
    for (int stone : group.stones) grid[stone] = '.';
    outcome.captured += static_cast<int>(group.stones.size());
  }
  Group own = flood(grid, point);
  if (own.liberties == 0) {
    if (!rules_.suicide_allowed) return std::nullopt;
    for (int stone : own.stones) grid[stone] = '.';
  }
  return outcome;
}

std::string ReferenceGame::situation(const std::string& grid, Color to_move) const {
  if (rules_.ko_rule != KoRule::kSituational) return grid;
  return grid + (to_move == Color::kBlack ? 'b' : 'w');
}

void ReferenceGame::remember() {
  seen_.insert(situation(grid_, next_player_));
}

ReferenceGame::Legality ReferenceGame::legality(int point) const {
  std::optional<Outcome> outcome = place(point, next_player_);
  if (!outcome) return Legality::kOccupiedOrSuicide;
  bool repeat = rules_.ko_rule == KoRule::kSimple
                    ? ko_forbidden_ && outcome->grid == *ko_forbidden_
                    : seen_.count(situation(outcome->grid, opponent(next_player_))) > 0;
  return repeat ? Legality::kKo : Legality::kLegal;
}

std::optional<std::string> ReferenceGame::grid_after(int point) const {
  std::optional<Outcome> outcome = place(point, next_player_);
  if (!outcome) return std::nullopt;
  return outcome->grid;
}

bool ReferenceGame::is_eye(int point, Color c) const {
  if (grid_[point] != '.') return false;
  for (int n : neighbours_[point]) {
    if (grid_[n] != symbol_of(c)) return false;
  }
  int friendly = 0;
  for (int d : diagonals_[point]) friendly += grid_[d] == symbol_of(c);
  const int on_board = static_cast<int>(diagonals_[point].size());
  return on_board < 4 ? friendly == on_board : friendly >= 3;
}

void ReferenceGame::play(int point) {
  std::optional<Outcome> outcome = place(point, next_player_);
  ko_forbidden_.reset();
  if (outcome->captured == 1) ko_forbidden_ = grid_;
  prisoners_[next_player_ == Color::kBlack ? 0 : 1] += outcome->captured;
  grid_ = outcome->grid;
  placed_at_[point] = moves_played_++;
  next_player_ = opponent(next_player_);
  remember();
}

void ReferenceGame::pass() {
  ko_forbidden_.reset();
  ++moves_played_;
  next_player_ = opponent(next_player_);
  remember();
}

int ReferenceGame::area(Color c) const {
  int total = stone_count(c);
  std::vector<char> visited(grid_.size(), 0);
  for (int start = 0; start < size_.num_points(); ++start) {
    if (grid_[start] != '.' || visited[start]) continue;
    int region = 0;
    bool touches_c = false, touches_other = false;
    std::vector<int> stack = {start};
    visited[start] = 1;
    while (!stack.empty()) {
      int p = stack.back();
      stack.pop_back();
      ++region;
      for (int n : neighbours_[p]) {
        if (grid_[n] == '.') {
          if (!visited[n]) {
            visited[n] = 1;
            stack.push_back(n);
          }
        } else if (grid_[n] == symbol_of(c)) {
          touches_c = true;
        } else {
          touches_other = true;
        }
      }
    }
    if (touches_c && !touches_other) total += region;
  }
  return total;
}

}  // namespace dlgo::test
