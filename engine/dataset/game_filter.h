// Which game records a dataset takes: board size, handicap, player ranks.
//
// Contract: plain value types and pure functions; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/sgf/game_record.h"

namespace dlgo::dataset {

// A rank on one scale: kyu ranks count down to 1k = 0, dan ranks up from 1d = 1, professional
// ranks above every amateur dan (1p = 11). Trailing "?" or "*" (KGS uncertainty marks) are
// ignored. nullopt for text that is not a rank.
std::optional<int> parse_rank(std::string_view text);

struct GameFilter {
  int board_size = 19;
  bool skip_handicap = false;
  std::optional<int> min_rank;  // both players at least this rank (parse_rank scale)

  // Empty when the record is taken, else the reason it is not.
  std::string rejection(const GameRecord& record) const;
};

}  // namespace dlgo::dataset
