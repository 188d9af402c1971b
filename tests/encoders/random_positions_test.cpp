// Every encoder against brute force over positions from random games: each plane is recomputed
// the slow way (copy the game, play the move, look) and compared point by point.
#include "tests/catch.h"

#include <algorithm>

#include "engine/encoders/alphago.h"
#include "engine/encoders/ladder.h"
#include "engine/encoders/registry.h"
#include "engine/playout.h"
#include "engine/rng.h"

using namespace dlgo;
namespace plane = dlgo::alphago_planes;

namespace {

// Positions of a few random games, every ply, on the given board.
std::vector<GameState> random_positions(BoardSize size, int games, std::uint64_t seed) {
  std::vector<GameState> positions;
  Rng rng(seed);
  for (int game = 0; game < games; ++game) {
    GameState state(size);
    while (!state.is_over()) {
      positions.push_back(state);
      state.play(select_random_move(state, rng));
    }
  }
  return positions;
}

std::uint8_t at(const std::vector<std::uint8_t>& planes, const Encoder& encoder, int p, int point) {
  return planes[static_cast<std::size_t>(p) * encoder.plane_size() + point];
}

bool ko_forbidden(const GameState& state, int point) {
  return state.board().is_legal_ignoring_ko(point, state.next_player()) && state.violates_ko(point);
}

void check_liberty_encoders(const GameState& state) {
  const Board& board = state.board();
  const Color me = state.next_player();
  auto sevenplane = make_encoder("sevenplane", state.size());
  auto simple = make_encoder("simple", state.size());
  auto zero = make_encoder("zero", state.size());
  auto oneplane = make_encoder("oneplane", state.size());
  auto seven = sevenplane->encode(state);
  auto simp = simple->encode(state);
  auto zer = zero->encode(state);
  auto one = oneplane->encode(state);
  for (int point = 0; point < board.num_points(); ++point) {
    const Color c = board.at(point);
    std::vector<int> expected_seven, expected_simple, expected_zero;
    if (c == Color::kEmpty) {
      if (ko_forbidden(state, point)) {
        expected_seven.push_back(6);
        expected_simple.push_back(10);
        expected_zero.push_back(10);
      }
    } else {
      const int libs = board.liberties(point);
      expected_seven.push_back((c == me ? 0 : 3) + std::min(libs, 3) - 1);
      expected_simple.push_back((c == Color::kBlack ? 0 : 4) + std::min(libs, 4) - 1);
      expected_zero.push_back((c == me ? 0 : 4) + std::min(libs, 4) - 1);
    }
    expected_simple.push_back(me == Color::kBlack ? 8 : 9);
    expected_zero.push_back(me == Color::kWhite ? 8 : 9);  // komi 7.5 goes to White
    for (int p = 0; p < 7; ++p) {
      const bool want = std::count(expected_seven.begin(), expected_seven.end(), p) > 0;
      REQUIRE(at(seven, *sevenplane, p, point) == want);
    }
    for (int p = 0; p < 11; ++p) {
      const bool want_simple = std::count(expected_simple.begin(), expected_simple.end(), p) > 0;
      const bool want_zero = std::count(expected_zero.begin(), expected_zero.end(), p) > 0;
      REQUIRE(at(simp, *simple, p, point) == want_simple);
      REQUIRE(at(zer, *zero, p, point) == want_zero);
    }
    REQUIRE(at(one, *oneplane, 0, point) == (c == me));
    REQUIRE(at(one, *oneplane, 1, point) == (c == opponent(me)));
  }
}

void check_alphago(const GameState& state, LadderReader& reader) {
  const Board& board = state.board();
  const Color me = state.next_player();
  auto encoder = make_encoder("alphago", state.size());
  const auto planes = encoder->encode(state);
  const int moves = static_cast<int>(state.moves().size());
  for (int point = 0; point < board.num_points(); ++point) {
    std::vector<int> expected = {plane::kOnes};
    const Color c = board.at(point);
    if (is_stone(c)) {
      expected.push_back(c == me ? plane::kOwnStone : plane::kOpponentStone);
      const int placed = state.move_index_of_stone(point);
      const int turns = placed < 0 ? 8 : moves - placed;
      expected.push_back(plane::kTurnsSince + std::min(turns, 8) - 1);
      expected.push_back(plane::kLiberties + std::min(board.liberties(point), 8) - 1);
    } else {
      expected.push_back(plane::kEmpty);
      const Move move = Move::play(point);
      if (state.is_legal(move)) {
        if (!board.is_eye(point, me)) expected.push_back(plane::kSensibleness);
        GameState after = state;
        after.play(move);
        const int captured = after.prisoners(me) - state.prisoners(me);
        const int libs = after.board().liberties(point);
        expected.push_back(plane::kLibertiesAfter + std::min(libs, 8) - 1);
        expected.push_back(plane::kCaptureSize + std::min(captured, 7));
        if (libs == 1) {
          expected.push_back(plane::kSelfAtariSize + std::min(after.board().group_size(point), 8) -
                             1);
        }
        if (reader.is_ladder_capture(state, point)) expected.push_back(plane::kLadderCapture);
        if (reader.is_ladder_escape(state, point)) expected.push_back(plane::kLadderEscape);
      }
    }
    for (int p = 0; p < 48; ++p) {
      const bool want = std::count(expected.begin(), expected.end(), p) > 0;
      INFO("plane " << p << " at " << point_to_gtp(state.size(), point) << " after " << moves
                    << " moves");
      REQUIRE(at(planes, *encoder, p, point) == want);
    }
  }
}

}  // namespace

TEST_CASE("liberty encoders match brute force over random 9x9 and 7x5 games") {
  for (const BoardSize size : {BoardSize{9, 9}, BoardSize{7, 5}}) {
    for (const GameState& state : random_positions(size, 3, 11)) check_liberty_encoders(state);
  }
}

TEST_CASE("alphago matches brute force over random 9x9 and 6x8 games") {
  LadderReader reader;
  int ladder_marks = 0;
  for (const BoardSize size : {BoardSize{9, 9}, BoardSize{6, 8}}) {
    for (const GameState& state : random_positions(size, 2, 23)) {
      check_alphago(state, reader);
      auto planes = make_encoder("alphago", size)->encode(state);
      for (int p : {plane::kLadderCapture, plane::kLadderEscape}) {
        ladder_marks +=
            static_cast<int>(std::count(planes.begin() + p * size.num_points(),
                                        planes.begin() + (p + 1) * size.num_points(), 1));
      }
    }
  }
  // Random games are full of ataris: the ladder planes must not be silently empty.
  CHECK(ladder_marks > 0);
}
