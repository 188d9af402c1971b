#include "engine/coords.h"

#include <cctype>

namespace dlgo {

char gtp_column_letter(int col) {
  char letter = static_cast<char>('A' + col);
  return letter >= 'I' ? static_cast<char>(letter + 1) : letter;
}

std::string point_to_gtp(BoardSize size, int point) {
  std::string text(1, gtp_column_letter(col_of(size, point)));
  text += std::to_string(row_of(size, point) + 1);
  return text;
}

std::optional<int> gtp_to_point(BoardSize size, std::string_view vertex) {
  if (vertex.size() < 2 || vertex.size() > 3) return std::nullopt;
  char letter = static_cast<char>(std::toupper(static_cast<unsigned char>(vertex[0])));
  if (letter < 'A' || letter > 'Z' || letter == 'I') return std::nullopt;
  int col = letter - 'A' - (letter > 'I' ? 1 : 0);
  int rank = 0;
  for (char digit : vertex.substr(1)) {
    if (digit < '0' || digit > '9') return std::nullopt;
    rank = rank * 10 + (digit - '0');
  }
  if (vertex[1] == '0') return std::nullopt;  // "A01" is not a vertex
  int row = rank - 1;
  if (!size.contains(row, col)) return std::nullopt;
  return point_of(size, row, col);
}

static bool equals_ignoring_case(std::string_view text, std::string_view word) {
  if (text.size() != word.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) return false;
  }
  return true;
}

std::string move_to_gtp(BoardSize size, Move move) {
  if (move.is_pass()) return "pass";
  if (move.is_resign()) return "resign";
  return point_to_gtp(size, move.point);
}

std::optional<Move> gtp_to_move(BoardSize size, std::string_view text) {
  if (equals_ignoring_case(text, "pass")) return Move::pass();
  if (equals_ignoring_case(text, "resign")) return Move::resign();
  if (auto point = gtp_to_point(size, text)) return Move::play(*point);
  return std::nullopt;
}

std::string point_to_sgf(BoardSize size, int point) {
  int sgf_row = size.height - 1 - row_of(size, point);  // SGF counts rows from the top
  std::string text;
  text += static_cast<char>('a' + col_of(size, point));
  text += static_cast<char>('a' + sgf_row);
  return text;
}

std::optional<Move> sgf_to_move(BoardSize size, std::string_view text) {
  if (text.empty()) return Move::pass();
  if (text.size() != 2) return std::nullopt;
  if (text == "tt" && size.width <= 19 && size.height <= 19) return Move::pass();
  auto letter_index = [](char c) -> int {
    if (c >= 'a' && c <= 'z') return c - 'a';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 26;  // FF[4] allows boards up to 52
    return -1;
  };
  int col = letter_index(text[0]);
  int sgf_row = letter_index(text[1]);
  if (col < 0 || sgf_row < 0) return std::nullopt;
  int row = size.height - 1 - sgf_row;
  if (!size.contains(row, col)) return std::nullopt;
  return Move::play(point_of(size, row, col));
}

}  // namespace dlgo
