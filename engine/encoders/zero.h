// `zero`: the AlphaGo Zero style encoder of the book's last chapters. Stones relative to the
// player to move and by liberties, who receives komi, and ko; its networks also predict a pass.
//
//   0..3  stones of the player to move whose group has 1, 2, 3, 4 or more liberties
//   4..7  opponent stones whose group has 1, 2, 3, 4 or more liberties
//   8     all ones when the player to move receives komi
//   9     all ones when the opponent receives komi
//   10    empty points where the player to move may not play because of the ko rule
//
// Komi goes to White when the game's komi is >= 0 (the original always assumed White), to
// Black when it is negative. Labels: points 0..W*H-1, pass = W*H.
//
// Contract: see encoder.h (immutable, thread-safe).
#pragma once

#include "engine/encoders/encoder.h"

namespace dlgo {

class ZeroEncoder : public Encoder {
 public:
  explicit ZeroEncoder(BoardSize size) : Encoder(size) {}

  std::string_view name() const override { return "zero"; }
  int num_planes() const override { return 11; }
  bool predicts_pass() const override { return true; }

 protected:
  void encode_planes(const GameState& state, std::uint8_t* planes) const override;
};

}  // namespace dlgo
