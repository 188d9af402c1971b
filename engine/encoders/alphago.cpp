#include "engine/encoders/alphago.h"

#include <algorithm>
#include <cstring>

#include "engine/encoders/ko_candidates.h"
#include "engine/encoders/ladder.h"
#include "engine/encoders/move_effect.h"

namespace dlgo {

namespace plane = alphago_planes;

namespace {

// Scratch boards for ladder reads, one reader per thread so encode() stays const and
// thread-safe without allocating on every call.
LadderReader& thread_ladder_reader() {
  thread_local LadderReader reader;
  return reader;
}

}  // namespace

void AlphaGoEncoder::encode_planes(const GameState& state, std::uint8_t* planes) const {
  const Board& board = state.board();
  const Color me = state.next_player();
  const Color opp = opponent(me);
  const int w = width();
  const std::size_t n = plane_size();
  const int move_count = static_cast<int>(state.moves().size());
  auto at = [&](int plane, std::size_t index) -> std::uint8_t& {
    return planes[static_cast<std::size_t>(plane) * n + index];
  };

  std::memset(planes + plane::kOnes * n, 1, n);
  if (with_player_plane_ && me == Color::kBlack) {
    std::memset(planes + plane::kBlackToMove * n, 1, n);
  }

  const KoCandidates ko(state);
  MoveEffectCalculator effects(board);
  LadderReader& ladders = thread_ladder_reader();
  for (int row = 0; row < height(); ++row) {
    for (int col = 0; col < w; ++col) {
      const int loc = Board::loc_of(row, col);
      const int point = row * w + col;
      const std::size_t index = static_cast<std::size_t>(point);
      const Color c = board.color_at_loc(loc);

      if (is_stone(c)) {
        at(c == me ? plane::kOwnStone : plane::kOpponentStone, index) = 1;
        const int placed = state.move_index_of_stone(point);
        // Setup stones (placed = -1) have stood since before the first move: the oldest.
        const int turns = placed < 0 ? plane::kCountPlanes : move_count - placed;
        at(plane::kTurnsSince + std::min(turns, plane::kCountPlanes) - 1, index) = 1;
        at(plane::kLiberties + std::min(board.group_liberties_loc(loc), plane::kCountPlanes) - 1,
           index) = 1;
        continue;
      }

      at(plane::kEmpty, index) = 1;
      if (!is_legal_move(state, ko, loc, point)) continue;
      if (!board.is_eye_loc(loc, me)) at(plane::kSensibleness, index) = 1;

      const MoveEffect effect = effects.effect_at_loc(loc, me);
      if (effect.liberties_after > 0) {
        at(plane::kLibertiesAfter + std::min(effect.liberties_after, plane::kCountPlanes) - 1,
           index) = 1;
      }
      at(plane::kCaptureSize + std::min(effect.captured_stones, plane::kCountPlanes - 1), index) =
          1;
      if (effect.liberties_after == 1) {
        at(plane::kSelfAtariSize + std::min(effect.group_stones_after, plane::kCountPlanes) - 1,
           index) = 1;
      }

      // Cheap neighbour tests first: a ladder capture needs an opponent group with two
      // liberties next to the move, an escape a group in atari next to it (own, or a chaser).
      bool capture_candidate = false;
      bool escape_candidate = false;
      for (int offset : Board::kNeighbourOffsets) {
        const int neighbour = loc + offset;
        const Color nc = board.color_at_loc(neighbour);
        if (!is_stone(nc)) continue;
        const int liberties = board.group_liberties_loc(neighbour);
        if (nc == opp && liberties == 2) capture_candidate = true;
        if (liberties == 1) escape_candidate = true;
      }
      if (capture_candidate && ladders.is_ladder_capture_loc(state, loc)) {
        at(plane::kLadderCapture, index) = 1;
      }
      if (escape_candidate && ladders.is_ladder_escape_loc(state, loc)) {
        at(plane::kLadderEscape, index) = 1;
      }
    }
  }
}

}  // namespace dlgo
