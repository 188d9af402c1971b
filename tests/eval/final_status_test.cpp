// Final status of stones (alive, dead, seki) and the score that follows, on diagram positions
// whose answers GNU Go 3.8 (`final_status_list`, `final_score`, Chinese rules) agrees with.
#include "tests/catch.h"

#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "engine/ascii_board.h"
#include "engine/dead_stones/final_status.h"
#include "engine/gtp/gtp_arguments.h"
#include "tests/eval/final_positions.h"

using namespace dlgo;
using namespace dlgo::test;

TEST_CASE("a corner seki: its stones are in seki, not dead, and its liberty is dame") {
  GameState state = game_from_ascii(kCornerSeki);
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    DeadStoneOptions options;
    options.seed = seed;
    INFO("seed " << seed);
    FinalStatus status = estimate_final_status(state, options);
    CHECK(vertex_list(state.size(), status.points_with(StoneStatus::kDead)) == "");
    CHECK(vertex_list(state.size(), status.points_with(StoneStatus::kSeki)) ==
          "A8 B8 C8 D8 E8 F8 B9 D9 F9");
    CHECK(status.result.to_string() == "B+18.5");
    CHECK(status.area[*gtp_to_point(state.size(), "C9")] == Color::kEmpty);
    CHECK(status.area[*gtp_to_point(state.size(), "A9")] == Color::kBlack);  // the seki eyes
    CHECK(status.area[*gtp_to_point(state.size(), "E9")] == Color::kWhite);
  }
}

TEST_CASE("dead stones are taken off and their points go to the surrounding colour") {
  GameState state = game_from_ascii(kDeadStones);
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    DeadStoneOptions options;
    options.seed = seed;
    INFO("seed " << seed);
    FinalStatus status = estimate_final_status(state, options);
    CHECK(vertex_list(state.size(), status.points_with(StoneStatus::kDead)) == "H3 B4 H7");
    CHECK(status.points_with(StoneStatus::kSeki).empty());
    CHECK(status.result.to_string() == "W+14.5");
    CHECK(status.area[*gtp_to_point(state.size(), "B4")] == Color::kBlack);
    CHECK(status.area[*gtp_to_point(state.size(), "H7")] == Color::kWhite);
    CHECK(status.ownership[*gtp_to_point(state.size(), "H7")] < -0.6);
  }
}

TEST_CASE("the area map is the score: stones and territory per colour, the rest dame") {
  GameState state = game_from_ascii(kDeadStones);
  FinalStatus status = estimate_final_status(state);
  int black = 0, white = 0, dame = 0;
  for (Color owner : status.area) {
    black += owner == Color::kBlack;
    white += owner == Color::kWhite;
    dame += owner == Color::kEmpty;
  }
  CHECK(black == status.result.black_area());
  CHECK(white == status.result.white_area());
  CHECK(dame == status.result.dame);
  REQUIRE(status.ownership.size() == 81u);
  REQUIRE(status.status.size() == 81u);
  CHECK(status.status[*gtp_to_point(state.size(), "A1")] == StoneStatus::kNone);
  CHECK(status.status[*gtp_to_point(state.size(), "C9")] == StoneStatus::kAlive);
}

TEST_CASE("seki is found where filling a shared liberty is self-atari for both sides") {
  // One eye each and one shared liberty (C3).
  GameState one_eye = game_from_ascii(R"(
    . X . O .
    X X X O O
    X X X O O
  )");
  std::vector<char> seki = seki_points(one_eye.board());
  int count = 0;
  for (char flag : seki) count += flag;
  CHECK(count == 12);  // every stone on the board
  // Two groups facing each other across a dame column: either side may fill it safely.
  GameState dame = game_from_ascii(R"(
    . X . O .
    X X . O O
    . X . O .
    X X . O O
  )");
  for (char flag : seki_points(dame.board())) CHECK(flag == 0);
}

TEST_CASE("the same position always gets the same answer") {
  GameState state = game_from_ascii(kDeadStones);
  FinalStatus first = estimate_final_status(state);
  FinalStatus second = estimate_final_status(state);
  CHECK(first.ownership == second.ownership);
  CHECK(first.points_with(StoneStatus::kDead) == second.points_with(StoneStatus::kDead));
}

TEST_CASE("an estimate asked right after another answers its own position") {
  // Each thread keeps its last estimate. Every variant here differs from the one before it in
  // one input, with a different answer, and must get the answer a thread with nothing kept
  // gives it.
  const GameState base = game_from_ascii(kDeadStones);
  Rules reverse_komi = base.rules();
  reverse_komi.komi = -50.5;
  const GameState white_first = game_from_ascii(kDeadStones, Color::kWhite, base.rules());
  DeadStoneOptions other_seed, fewer_playouts;
  other_seed.seed = 99;
  fewer_playouts.playouts = 50;
  const std::vector<std::pair<GameState, DeadStoneOptions>> variants = {
      {base, {}},
      {game_from_ascii(kDeadStones, Color::kBlack, reverse_komi), {}},  // komi
      {base, {}},
      {white_first, {}},  // who moves first in the playouts
      {white_first, other_seed},
      {white_first, fewer_playouts},
      {game_from_ascii(kCornerSeki), {}},  // the stones
  };
  FinalStatus previous;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    INFO("variant " << i);
    const auto& [state, options] = variants[i];
    const FinalStatus kept = estimate_final_status(state, options);
    FinalStatus fresh;
    std::thread([&] { fresh = estimate_final_status(state, options); }).join();
    CHECK(kept.ownership == fresh.ownership);
    CHECK(kept.result.to_string() == fresh.result.to_string());
    if (i > 0) {
      CHECK((fresh.ownership != previous.ownership ||
             fresh.result.to_string() != previous.result.to_string()));
    }
    previous = fresh;
  }
}
