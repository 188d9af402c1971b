#include "engine/sgf/game_result.h"

namespace dlgo {

std::optional<Color> winner_from_result(std::string_view result) {
  while (!result.empty() && result.front() == ' ') result.remove_prefix(1);
  if (result.size() < 2 || result[1] != '+') return std::nullopt;
  switch (result[0]) {
    case 'B':
    case 'b':
      return Color::kBlack;
    case 'W':
    case 'w':
      return Color::kWhite;
    default:
      return std::nullopt;
  }
}

}  // namespace dlgo
