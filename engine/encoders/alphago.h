// `alphago`: the 48 feature planes of the AlphaGo policy network, in the original's order;
// `alphago-value` adds plane 48, the value network's "player colour" plane.
//
// Everything is from the point of view of the player to move ("own" = its stones). One-hot
// groups of 8 planes encode a count; their last plane means "that many or more".
//
//   0  own stone          1  opponent stone          2  empty point
//   3  all ones           4  all zeros
//   5  sensibleness: a legal move that does not fill one of the mover's own eyes
//   6..13   turns since the stone was placed: 1 (the last move), 2, ..., 7, 8 or more
//   14..21  liberties of the stone's group: 1, 2, ..., 7, 8 or more
//   22..29  legal moves: liberties of the new stone's group after the move: 1, ..., 8 or more
//   30..37  legal moves: opponent stones captured: 0, 1, ..., 6, 7 or more
//   38..45  legal moves that leave the new group in atari: its stones: 1, ..., 8 or more
//   46  ladder capture (see ladder.h)      47  ladder escape (see ladder.h)
//   48  (alphago-value only) all ones when Black is to move
//
// Contract: see encoder.h (immutable, thread-safe: the ladder reader's scratch is per thread).
#pragma once

#include "engine/encoders/encoder.h"

namespace dlgo {

namespace alphago_planes {
inline constexpr int kOwnStone = 0;
inline constexpr int kOpponentStone = 1;
inline constexpr int kEmpty = 2;
inline constexpr int kOnes = 3;
inline constexpr int kZeros = 4;
inline constexpr int kSensibleness = 5;
inline constexpr int kTurnsSince = 6;
inline constexpr int kLiberties = 14;
inline constexpr int kLibertiesAfter = 22;
inline constexpr int kCaptureSize = 30;
inline constexpr int kSelfAtariSize = 38;
inline constexpr int kLadderCapture = 46;
inline constexpr int kLadderEscape = 47;
inline constexpr int kBlackToMove = 48;
inline constexpr int kCountPlanes = 8;  // planes in each one-hot count group
}  // namespace alphago_planes

class AlphaGoEncoder : public Encoder {
 public:
  explicit AlphaGoEncoder(BoardSize size, bool with_player_plane = false)
      : Encoder(size), with_player_plane_(with_player_plane) {}

  std::string_view name() const override {
    return with_player_plane_ ? "alphago-value" : "alphago";
  }
  int num_planes() const override { return with_player_plane_ ? 49 : 48; }

 protected:
  void encode_planes(const GameState& state, std::uint8_t* planes) const override;

 private:
  bool with_player_plane_;
};

}  // namespace dlgo
