// `oneplane`: the book's first encoder, one input channel with +1 for the player to move's
// stones, -1 for the opponent's and 0 for empty points.
//
// Stored as two binary planes (so datasets can be bit-packed): plane 0 = stones of the player
// to move, plane 1 = stones of the opponent. planes_to_input() rebuilds the network's single
// channel as plane0 - plane1, the original's numbers exactly.
//
// Contract: see encoder.h (immutable, thread-safe).
#pragma once

#include "engine/encoders/encoder.h"

namespace dlgo {

class OnePlaneEncoder : public Encoder {
 public:
  explicit OnePlaneEncoder(BoardSize size) : Encoder(size) {}

  std::string_view name() const override { return "oneplane"; }
  int num_planes() const override { return 2; }
  int num_input_channels() const override { return 1; }
  void planes_to_input(const std::uint8_t* planes, float* input) const override;

 protected:
  void encode_planes(const GameState& state, std::uint8_t* planes) const override;
};

}  // namespace dlgo
