// `simple`: stones by absolute colour and by liberties, whose turn it is, and ko.
//
//   0..3  Black stones whose group has 1, 2, 3, 4 or more liberties
//   4..7  White stones whose group has 1, 2, 3, 4 or more liberties
//   8     all ones when Black is to move
//   9     all ones when White is to move
//   10    empty points where the player to move may not play because of the ko rule
//
// Contract: see encoder.h (immutable, thread-safe).
#pragma once

#include "engine/encoders/encoder.h"

namespace dlgo {

class SimpleEncoder : public Encoder {
 public:
  explicit SimpleEncoder(BoardSize size) : Encoder(size) {}

  std::string_view name() const override { return "simple"; }
  int num_planes() const override { return 11; }

 protected:
  void encode_planes(const GameState& state, std::uint8_t* planes) const override;
};

}  // namespace dlgo
