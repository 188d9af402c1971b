// history: every plane checked on diagrams, and against brute force over random games.
#include "tests/catch.h"

#include <algorithm>

#include "engine/ascii_board.h"
#include "engine/encoders/history.h"
#include "engine/encoders/registry.h"
#include "engine/playout.h"
#include "engine/rng.h"
#include "tests/encoders/plane_support.h"

using namespace dlgo;
using namespace dlgo::test;
namespace plane = dlgo::history_planes;

namespace {

// The ko fight of the zero encoder's test in a 9x9 corner, then moves far from it, a pass by
// White and Black's capture at C3, which White may not retake at B3 (ko). White to move.
GameState ko_after_moves(Rules rules = {}) {
  GameState state = game_from_ascii(R"(
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . . . . . . . . .
    . X O . . . . . .
    X O . O . . . . .
    . X O . X . . . .
    . . . . O X . . .
  )",
                                    Color::kBlack, rules);
  for (const char* move : {"J9", "J7", "J5", "G9", "G7", "G5", "E9", "E7", "C9", "pass", "C3"}) {
    state.play(move_at(state, move));
  }
  return state;
}

}  // namespace

TEST_CASE("history: stones and liberties relative to the player to move") {
  auto encoder = make_encoder("history", 9);
  REQUIRE(encoder->num_planes() == plane::kCount);
  REQUIRE(encoder->predicts_pass());
  const GameState state = ko_after_moves();
  REQUIRE(state.next_player() == Color::kWhite);
  const auto planes = encoder->encode(state);
  CHECK(marked(*encoder, planes, plane::kOwnStones) ==
        vertices({"C4", "D3", "C2", "E1", "J7", "G9", "G5", "E7"}));
  CHECK(marked(*encoder, planes, plane::kOpponentStones) ==
        vertices({"B4", "A3", "C3", "B2", "E2", "F1", "J9", "J5", "G7", "E9", "C9"}));
  CHECK(marked(*encoder, planes, plane::kOwnLiberties + 0) == vertices({"E1"}));
  CHECK(marked(*encoder, planes, plane::kOwnLiberties + 1) == vertices({"C2", "C4"}));
  CHECK(marked(*encoder, planes, plane::kOwnLiberties + 2) == vertices({"D3", "J7", "G9"}));
  CHECK(marked(*encoder, planes, plane::kOwnLiberties + 3) == vertices({"G5", "E7"}));
  CHECK(marked(*encoder, planes, plane::kOpponentLiberties + 0) == vertices({"C3"}));
  CHECK(marked(*encoder, planes, plane::kOpponentLiberties + 1) == vertices({"F1", "J9"}));
  CHECK(marked(*encoder, planes, plane::kOpponentLiberties + 2) ==
        vertices({"E2", "A3", "B2", "B4", "J5", "E9", "C9"}));
  CHECK(marked(*encoder, planes, plane::kOpponentLiberties + 3) == vertices({"G7"}));
}

TEST_CASE("history: the last eight moves, a pass marking nothing") {
  auto encoder = make_encoder("history", 9);
  const auto planes = encoder->encode(ko_after_moves());
  CHECK(marked(*encoder, planes, plane::kMovesAgo + 0) == vertices({"C3"}));
  CHECK(count_ones(*encoder, planes, plane::kMovesAgo + 1) == 0);  // White's pass
  const char* earlier[] = {"C9", "E7", "E9", "G5", "G7", "G9"};    // 3 to 8 plies ago
  for (int ago = 3; ago <= 8; ++ago) {
    CHECK(marked(*encoder, planes, plane::kMovesAgo + ago - 1) == vertices({earlier[ago - 3]}));
  }
  // J9, J7 and J5 were played 9 or more plies ago: on no plane but the stone planes.
  for (int ago = 1; ago <= plane::kHistoryLength; ++ago) {
    CHECK(value_at(*encoder, planes, plane::kMovesAgo + ago - 1, "J5") == 0);
  }

  // Before the first move and after one: only the planes for existing plies are marked.
  GameState fresh = GameState::new_game(5);
  auto small = make_encoder("history", 5);
  auto empty = small->encode(fresh);
  for (int ago = 1; ago <= plane::kHistoryLength; ++ago) {
    CHECK(count_ones(*small, empty, plane::kMovesAgo + ago - 1) == 0);
  }
  fresh.play(move_at(fresh, "C3"));
  auto one = small->encode(fresh);
  CHECK(marked(*small, one, plane::kMovesAgo) == vertices({"C3"}));
  for (int ago = 2; ago <= plane::kHistoryLength; ++ago) {
    CHECK(count_ones(*small, one, plane::kMovesAgo + ago - 1) == 0);
  }
}

TEST_CASE("history: a captured stone's move stays marked at its point") {
  auto encoder = make_encoder("history", 5);
  GameState state = GameState::new_game(5);
  for (const char* move : {"B1", "A1", "A2"}) state.play(move_at(state, move));
  // Black A2 captured White A1, played 2 plies ago: its point is empty now.
  REQUIRE(state.board().at(*gtp_to_point(state.size(), "A1")) == Color::kEmpty);
  const auto planes = encoder->encode(state);
  CHECK(marked(*encoder, planes, plane::kMovesAgo + 1) == vertices({"A1"}));
  CHECK(marked(*encoder, planes, plane::kMovesAgo + 0) == vertices({"A2"}));
  CHECK(marked(*encoder, planes, plane::kMovesAgo + 2) == vertices({"B1"}));
}

TEST_CASE("history: ko, on-board and komi planes") {
  auto encoder = make_encoder("history", 9);
  const auto planes = encoder->encode(ko_after_moves());  // White to move, komi 7.5: White's
  CHECK(marked(*encoder, planes, plane::kKo) == vertices({"B3"}));
  CHECK(count_ones(*encoder, planes, plane::kOnBoard) == 81);
  CHECK(count_ones(*encoder, planes, plane::kOwnKomi) == 81);
  CHECK(count_ones(*encoder, planes, plane::kOpponentKomi) == 0);

  auto black = encoder->encode(GameState::new_game(9));
  CHECK(count_ones(*encoder, black, plane::kKo) == 0);
  CHECK(count_ones(*encoder, black, plane::kOwnKomi) == 0);
  CHECK(count_ones(*encoder, black, plane::kOpponentKomi) == 81);

  Rules reverse_komi;
  reverse_komi.komi = -5.5;
  auto reversed = encoder->encode(GameState(BoardSize{9, 9}, reverse_komi));
  CHECK(count_ones(*encoder, reversed, plane::kOwnKomi) == 81);
  CHECK(count_ones(*encoder, reversed, plane::kOpponentKomi) == 0);

  // Not square: the on-board plane covers W*H points.
  auto wide = make_encoder("history", BoardSize{7, 5});
  CHECK(count_ones(*wide, wide->encode(GameState(BoardSize{7, 5})), plane::kOnBoard) == 35);
}

TEST_CASE("history: labels cover every point and pass") {
  auto encoder = make_encoder("history", 19);
  CHECK(encoder->num_moves() == 362);
  CHECK(encoder->encode_move(Move::pass()) == 361);
  CHECK(encoder->decode_move(361) == Move::pass());
  CHECK(encoder->encode_move(Move::play(360)) == 360);
}

TEST_CASE("history matches brute force over random 9x9 and 7x5 games") {
  for (const BoardSize size : {BoardSize{9, 9}, BoardSize{7, 5}}) {
    auto encoder = make_encoder("history", size);
    Rng rng(17);
    for (int game = 0; game < 3; ++game) {
      GameState state(size);
      while (!state.is_over()) {
        const auto planes = encoder->encode(state);
        const Board& board = state.board();
        const Color me = state.next_player();
        const auto& moves = state.moves();
        for (int point = 0; point < board.num_points(); ++point) {
          std::vector<int> expected = {
              plane::kOnBoard, me == Color::kWhite ? plane::kOwnKomi : plane::kOpponentKomi};
          const Color c = board.at(point);
          if (is_stone(c)) {
            const int libs = std::min(board.liberties(point), 4);
            expected.push_back(c == me ? plane::kOwnStones : plane::kOpponentStones);
            expected.push_back((c == me ? plane::kOwnLiberties : plane::kOpponentLiberties) + libs -
                               1);
          } else if (board.is_legal_ignoring_ko(point, me) && state.violates_ko(point)) {
            expected.push_back(plane::kKo);
          }
          for (int ago = 1; ago <= 8 && ago <= static_cast<int>(moves.size()); ++ago) {
            const Move& move = moves[moves.size() - static_cast<std::size_t>(ago)];
            if (move.is_play() && move.point == point)
              expected.push_back(plane::kMovesAgo + ago - 1);
          }
          for (int p = 0; p < plane::kCount; ++p) {
            const bool want = std::count(expected.begin(), expected.end(), p) > 0;
            INFO("plane " << p << " at " << point_to_gtp(size, point) << " after " << moves.size()
                          << " moves");
            REQUIRE(planes[static_cast<std::size_t>(p) * encoder->plane_size() + point] == want);
          }
        }
        state.play(select_random_move(state, rng));
      }
    }
  }
}
