#include "engine/dataset/game_filter.h"

#include <algorithm>

namespace dlgo::dataset {

std::optional<int> parse_rank(std::string_view text) {
  while (!text.empty() && (text.back() == '?' || text.back() == '*' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  if (text.size() < 2) return std::nullopt;
  char kind = static_cast<char>(std::tolower(static_cast<unsigned char>(text.back())));
  std::string_view digits = text.substr(0, text.size() - 1);
  int number = 0;
  for (char digit : digits) {
    if (digit < '0' || digit > '9') return std::nullopt;
    number = number * 10 + (digit - '0');
    if (number > 100) return std::nullopt;
  }
  if (number == 0) return std::nullopt;
  switch (kind) {
    case 'k':
      return 1 - number;
    case 'd':
      return number;
    case 'p':
      return 10 + number;
    default:
      return std::nullopt;
  }
}

std::string GameFilter::rejection(const GameRecord& record) const {
  if (record.size.width != board_size || record.size.height != board_size) {
    return "board size " + std::to_string(record.size.width) + "x" +
           std::to_string(record.size.height);
  }
  if (record.moves.empty()) return "no moves";
  if (skip_handicap) {
    bool has_black_setup =
        std::any_of(record.setup.begin(), record.setup.end(),
                    [](const SetupStone& s) { return s.color == Color::kBlack; });
    if (record.info.handicap > 0 || has_black_setup) return "handicap game";
  }
  if (min_rank) {
    auto black = parse_rank(record.info.black_rank);
    auto white = parse_rank(record.info.white_rank);
    if (!black || !white || *black < *min_rank || *white < *min_rank) return "rank below minimum";
  }
  return "";
}

}  // namespace dlgo::dataset
