// `sevenplane` (and `betago`, the same planes under the name the original's betago port used):
// stones by owner relative to the player to move and by liberties, plus ko.
//
//   0..2  stones of the player to move whose group has 1, 2, 3 or more liberties
//   3..5  opponent stones whose group has 1, 2, 3 or more liberties
//   6     empty points where the player to move may not play because of the ko rule
//
// Contract: see encoder.h (immutable, thread-safe).
#pragma once

#include <string>
#include <utility>

#include "engine/encoders/encoder.h"

namespace dlgo {

class SevenPlaneEncoder : public Encoder {
 public:
  // `name` is "sevenplane" or "betago"; the planes are the same.
  SevenPlaneEncoder(BoardSize size, std::string name = "sevenplane")
      : Encoder(size), name_(std::move(name)) {}

  std::string_view name() const override { return name_; }
  int num_planes() const override { return 7; }

 protected:
  void encode_planes(const GameState& state, std::uint8_t* planes) const override;

 private:
  std::string name_;
};

}  // namespace dlgo
