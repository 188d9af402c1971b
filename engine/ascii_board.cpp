#include "engine/ascii_board.h"

#include <stdexcept>
#include <vector>

namespace dlgo {

static Color color_of_symbol(char symbol) {
  switch (symbol) {
    case 'X':
    case 'x':
    case 'B':
    case '#':
      return Color::kBlack;
    case 'O':
    case 'o':
    case 'W':
      return Color::kWhite;
    case '.':
    case '+':
      return Color::kEmpty;
    default:
      return Color::kOffBoard;
  }
}

GameState game_from_ascii(std::string_view diagram, Color to_move, Rules rules) {
  std::vector<std::vector<Color>> rows;
  std::vector<int> row_lines;  // the text line of each row, for error messages
  int line_number = 0;
  size_t start = 0;
  while (start <= diagram.size()) {
    size_t end = diagram.find('\n', start);
    if (end == std::string_view::npos) end = diagram.size();
    std::string_view line = diagram.substr(start, end - start);
    ++line_number;
    std::vector<Color> row;
    for (char symbol : line) {
      if (symbol == ' ' || symbol == '\t' || symbol == '\r') continue;
      Color c = color_of_symbol(symbol);
      if (c == Color::kOffBoard) {
        throw std::invalid_argument("diagram line " + std::to_string(line_number) +
                                    ": unexpected character '" + std::string(1, symbol) + "'");
      }
      row.push_back(c);
    }
    if (!row.empty()) {
      if (!rows.empty() && row.size() != rows.front().size()) {
        throw std::invalid_argument("diagram line " + std::to_string(line_number) + " has " +
                                    std::to_string(row.size()) + " points, expected " +
                                    std::to_string(rows.front().size()));
      }
      rows.push_back(std::move(row));
      row_lines.push_back(line_number);
    }
    start = end + 1;
  }
  if (rows.empty()) throw std::invalid_argument("diagram has no rows");
  BoardSize size{static_cast<int>(rows.front().size()), static_cast<int>(rows.size())};
  GameState state(size, rules);
  // Before the stones, so that the starting position enters the superko history with the
  // right player to move (situational superko tells the two apart).
  state.set_next_player(to_move);
  for (int r = 0; r < size.height; ++r) {
    int row = size.height - 1 - r;  // the first line is the top row
    for (int col = 0; col < size.width; ++col) {
      Color c = rows[r][col];
      if (is_stone(c)) state.add_setup_stone(point_of(size, row, col), c);
    }
  }
  // A group without liberties would have been captured while the stones went down, leaving a
  // board that differs from the diagram without a word.
  for (int r = 0; r < size.height; ++r) {
    int row = size.height - 1 - r;
    for (int col = 0; col < size.width; ++col) {
      if (state.board().at(row, col) != rows[r][col]) {
        throw std::invalid_argument(
            "diagram line " + std::to_string(row_lines[r]) + ": the group at " +
            point_to_gtp(size, point_of(size, row, col)) + " has no liberties");
      }
    }
  }
  return state;
}

std::string board_to_ascii(const Board& board) {
  std::string letters = "   ";
  for (int col = 0; col < board.width(); ++col) {
    letters += ' ';
    letters += gtp_column_letter(col);
  }
  std::string text = letters + "\n";
  for (int row = board.height() - 1; row >= 0; --row) {
    std::string label = std::to_string(row + 1);
    std::string line = std::string(3 - label.size(), ' ') + label;
    for (int col = 0; col < board.width(); ++col) {
      Color c = board.at(row, col);
      line += ' ';
      line += c == Color::kBlack ? 'X' : (c == Color::kWhite ? 'O' : '.');
    }
    text += line + ' ' + label + '\n';
  }
  return text + letters + "\n";
}

}  // namespace dlgo
