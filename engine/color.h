// Stone colours.
//
// Contract: plain value types, no state; safe from any thread.
#pragma once

#include <cstdint>
#include <string_view>

namespace dlgo {

// Kept in one byte so a board's colour array stays small enough to copy cheaply during search.
enum class Color : std::int8_t { kEmpty = 0, kBlack = 1, kWhite = 2, kOffBoard = 3 };

constexpr Color opponent(Color c) {
  return c == Color::kBlack ? Color::kWhite : (c == Color::kWhite ? Color::kBlack : c);
}

constexpr bool is_stone(Color c) {
  return c == Color::kBlack || c == Color::kWhite;
}

constexpr std::string_view color_name(Color c) {
  switch (c) {
    case Color::kBlack:
      return "black";
    case Color::kWhite:
      return "white";
    case Color::kEmpty:
      return "empty";
    default:
      return "off-board";
  }
}

}  // namespace dlgo
