// `history`: the 19x19 strength encoder. The zero encoder's liberty planes plus the last eight
// moves, an on-board plane and both stone planes, relative to the player to move; its networks
// also predict a pass. AlphaGo's feature ablation found move history the cheap big gain over
// stones alone (about +7 points of top-1 on KGS), which `sevenplane` and `zero` lack.
//
//   0      stones of the player to move
//   1      opponent stones
//   2..5   stones of the player to move whose group has 1, 2, 3, 4 or more liberties
//   6..9   opponent stones whose group has 1, 2, 3, 4 or more liberties
//   10..17 the point of the move played 1, 2, ..., 8 plies ago (nothing for a pass, a
//          resignation or a ply before the first move)
//   18     empty points where the player to move may not play because of the ko rule
//   19     every point (the on-board plane: convolutions zero-pad, so the edge shows)
//   20     every point, when the player to move receives komi
//   21     every point, when the opponent receives komi
//
// Komi goes to White when the game's komi is >= 0, to Black when it is negative (as `zero`).
// Labels: points 0..W*H-1, pass = W*H.
//
// Contract: see encoder.h (immutable, thread-safe).
#pragma once

#include "engine/encoders/encoder.h"

namespace dlgo {

namespace history_planes {
inline constexpr int kOwnStones = 0;
inline constexpr int kOpponentStones = 1;
inline constexpr int kOwnLiberties = 2;       // 4 planes
inline constexpr int kOpponentLiberties = 6;  // 4 planes
inline constexpr int kMovesAgo = 10;          // kHistoryLength planes, 1 ply ago first
inline constexpr int kHistoryLength = 8;
inline constexpr int kKo = 18;
inline constexpr int kOnBoard = 19;
inline constexpr int kOwnKomi = 20;
inline constexpr int kOpponentKomi = 21;
inline constexpr int kCount = 22;
}  // namespace history_planes

class HistoryEncoder : public Encoder {
 public:
  explicit HistoryEncoder(BoardSize size) : Encoder(size) {}

  std::string_view name() const override { return "history"; }
  int num_planes() const override { return history_planes::kCount; }
  bool predicts_pass() const override { return true; }

 protected:
  void encode_planes(const GameState& state, std::uint8_t* planes) const override;
};

}  // namespace dlgo
