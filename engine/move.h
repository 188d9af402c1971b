// A move: a stone on a point, a pass or a resignation.
//
// Contract: plain value type; safe from any thread. Points are indices `row * width + col`
// with row 0 the bottom line (GTP rank 1), as the encoders and networks use them; see coords.h.
#pragma once

#include <cstdint>

namespace dlgo {

struct Move {
  enum class Kind : std::uint8_t { kPlay, kPass, kResign };

  Kind kind = Kind::kPass;
  int point = -1;  // valid only for kPlay

  static constexpr Move play(int point) { return Move{Kind::kPlay, point}; }
  static constexpr Move pass() { return Move{Kind::kPass, -1}; }
  static constexpr Move resign() { return Move{Kind::kResign, -1}; }

  constexpr bool is_play() const { return kind == Kind::kPlay; }
  constexpr bool is_pass() const { return kind == Kind::kPass; }
  constexpr bool is_resign() const { return kind == Kind::kResign; }

  friend constexpr bool operator==(const Move& a, const Move& b) {
    return a.kind == b.kind && (a.kind != Kind::kPlay || a.point == b.point);
  }
  friend constexpr bool operator!=(const Move& a, const Move& b) { return !(a == b); }
};

}  // namespace dlgo
