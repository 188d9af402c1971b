// Where GNU Go's positional superko parts from the textbook rule (docs/rules.md, "GNU Go").
// The textbook rule, and our engine, forbid recreating ANY earlier position. GNU Go does so
// exactly for its first 500 moves; after that its history folds and its superko test breaks
// (see GnuGoSuperkoModel in gnugo_reference.h): it misses repetitions of positions from before
// the latest fold, and now and then refuses a move whose position never occurred.
//
// The position: k independent kos side by side on a 19x19 board. A ko's state is who holds it;
// Black can only take a ko White holds and vice versa. Walking the k-bit reflected Gray code
// visits all 2^k combinations once and returns to the start; when the same player has to take
// twice in a row, the other one passes in between (never two passes running, so the game goes
// on). Every position of the walk is new until its last move, which recreates the position
// the walk started from, 1.5 * 2^k moves earlier: illegal under positional superko. At every
// position many ko captures would repeat some earlier combination, so the walk is full of
// superko decisions at all distances.
//
//   k = 7: 264 moves in all. Both engines agree at every position, the last retake included.
//   k = 9: past move 500 GNU Go misses repetitions, and right after its fold before move 603
//          it refuses move 604, a retake that makes a new position.
#include "tests/catch.h"

#include <algorithm>
#include <iterator>

#include "tests/gnugo/gnugo_reference.h"
#include "tests/gnugo/lockstep.h"

using namespace dlgo;

namespace {

// One ko in a 4x3 box with its bottom-left corner at (row, col):
//
//   . X O .
//   X a b O      a: White's ko stone at the start; Black takes it by playing b,
//   . X O .      and White retakes by playing a.
struct KoTile {
  int white_point = 0;  // a
  int black_point = 0;  // b
  std::vector<int> black_stones;
  std::vector<int> white_stones;  // the three around the ko, without a
};

std::vector<KoTile> ko_tiles(BoardSize size, int count) {
  std::vector<KoTile> tiles;
  for (int t = 0; t < count; ++t) {
    // Boxes with an empty line between them, so every stone around a ko keeps a liberty of its
    // own and nothing but the ko stones is ever captured.
    int row = 4 * (t / 4);
    int col = 5 * (t % 4);
    auto at = [&](int r, int c) { return point_of(size, row + r, col + c); };
    KoTile tile;
    tile.black_stones = {at(2, 1), at(1, 0), at(0, 1)};
    tile.white_stones = {at(2, 2), at(1, 3), at(0, 2)};
    tile.white_point = at(1, 1);
    tile.black_point = at(1, 2);
    tiles.push_back(tile);
  }
  return tiles;
}

struct KoWalk {
  std::vector<Move> setup;  // builds the tiles with White holding every ko; Black then moves
  std::vector<Move> walk;   // the Gray-code walk, WITHOUT its last move
  Move last_move;           // White retaking the last ko: recreates the walk's first position
};

KoWalk gray_code_ko_walk(BoardSize size, int kos) {
  std::vector<KoTile> tiles = ko_tiles(size, kos);
  std::vector<int> black, white;
  for (const KoTile& tile : tiles) {
    black.insert(black.end(), tile.black_stones.begin(), tile.black_stones.end());
    white.insert(white.end(), tile.white_stones.begin(), tile.white_stones.end());
    white.push_back(tile.white_point);
  }
  KoWalk result;
  Color to_move = Color::kBlack;
  // Appends a move by `mover`, with a pass by the other player first if it is their turn.
  auto add = [&](std::vector<Move>& moves, Color mover, int point) {
    if (to_move != mover) moves.push_back(Move::pass());
    moves.push_back(Move::play(point));
    to_move = opponent(mover);
  };
  for (size_t i = 0; i < std::max(black.size(), white.size()); ++i) {
    if (i < black.size()) add(result.setup, Color::kBlack, black[i]);
    if (i < white.size()) add(result.setup, Color::kWhite, white[i]);
  }
  if (to_move != Color::kBlack) result.setup.push_back(Move::pass());
  to_move = Color::kBlack;

  unsigned held_by_black = 0;
  for (unsigned step = 1; step < (1u << kos); ++step) {
    int ko = __builtin_ctz(step);
    held_by_black ^= 1u << ko;
    if (held_by_black & (1u << ko)) {
      add(result.walk, Color::kBlack, tiles[ko].black_point);
    } else {
      add(result.walk, Color::kWhite, tiles[ko].white_point);
    }
  }
  // Only the last ko is held by Black now; White retaking it closes the cycle. White made the
  // walk's last move, so Black passes first.
  REQUIRE(held_by_black == 1u << (kos - 1));
  REQUIRE(to_move == Color::kBlack);
  result.walk.push_back(Move::pass());
  result.last_move = Move::play(tiles[kos - 1].white_point);
  return result;
}

// Plays the first `length` moves of the walk (setup included) in lockstep with GNU Go; stops
// early before a move that GNU Go, by the emulation of its superko, would refuse.
LockstepResult play_ko_walk(GtpClient& gnugo, const std::vector<Move>& script,
                            const std::string& label) {
  size_t next = 0;
  MoveChooser scripted = [&](const GameState&,
                             const std::vector<int>& playable) -> std::optional<Move> {
    if (next == script.size()) return std::nullopt;
    const Move& move = script[next];
    if (move.is_play() && !std::binary_search(playable.begin(), playable.end(), move.point)) {
      return std::nullopt;
    }
    ++next;
    return move;
  };
  return play_in_lockstep(gnugo, BoardSize{19, 19}, scripted, 100000, label);
}

std::vector<Move> whole_walk(const KoWalk& walk) {
  std::vector<Move> moves = walk.setup;
  moves.insert(moves.end(), walk.walk.begin(), walk.walk.end());
  return moves;
}

}  // namespace

TEST_CASE("a superko cycle within GNU Go's 500-move history is illegal for both engines") {
  std::unique_ptr<GtpClient> gnugo = start_gnugo();
  BoardSize size{19, 19};
  KoWalk walk = gray_code_ko_walk(size, 7);
  std::vector<Move> moves = whole_walk(walk);
  LockstepResult lockstep = play_ko_walk(*gnugo, moves, "7-ko Gray-code walk");
  if (!lockstep.mismatch.empty()) FAIL(lockstep.mismatch);
  const GameState& state = lockstep.final_state;
  REQUIRE(state.moves().size() == moves.size());
  CHECK(moves.size() == 247);
  CHECK(lockstep.stats.superko_blocks > 0);  // and GNU Go agreed on every one of them
  CHECK(lockstep.stats.positions_after_fold == 0);

  // White retaking the last ko would recreate the walk's first position, 191 moves back.
  const Move& last = walk.last_move;
  std::string vertex = move_to_gtp(size, last);
  CHECK(state.board().is_legal_ignoring_ko(last.point, Color::kWhite));
  CHECK_FALSE(state.is_legal(last));
  CHECK(gnugo->ask("is_legal white " + vertex) == "0");
  CHECK_FALSE(gnugo->send("play white " + vertex).success);
}

TEST_CASE("after folding its history GNU Go misses repetitions and refuses new positions") {
  std::unique_ptr<GtpClient> gnugo = start_gnugo();
  BoardSize size{19, 19};
  KoWalk walk = gray_code_ko_walk(size, 9);
  std::vector<Move> moves = whole_walk(walk);
  LockstepResult lockstep = play_ko_walk(*gnugo, moves, "9-ko Gray-code walk");
  // Every position agreed: exactly with us up to move 500, and after that exactly with the
  // emulation of GNU Go's superko test.
  if (!lockstep.mismatch.empty()) FAIL(lockstep.mismatch);
  const GameState& state = lockstep.final_state;
  const std::vector<Move>& played = state.moves();
  INFO("stopped after " << played.size() << " moves: " << lockstep.stats.summary());
  CHECK(lockstep.stats.positions_after_fold > 0);
  CHECK(lockstep.stats.forgotten_by_gnugo > 0);

  // The walk stops where GNU Go refuses its next move: right after its third fold, the one
  // before move 603.
  REQUIRE(played.size() > 500);
  CHECK(played.size() == 603);
  REQUIRE(played.size() < moves.size());
  const Move& refused = moves[played.size()];
  REQUIRE(refused.is_play());
  std::string refused_vertex = move_to_gtp(size, refused);
  INFO("the refused move: " << color_name(state.next_player()) << " " << refused_vertex);
  GnuGoSuperkoModel textbook(GameState{size});
  {
    GameState replay(size);
    for (const Move& move : played) {
      replay.play(move);
      textbook.on_move(replay);
    }
  }
  // The position it makes never occurred, so it is legal; GNU Go refuses it all the same.
  CHECK(state.is_legal(refused));
  CHECK(textbook.age_of_repetition(state, refused.point) == -1);
  std::string color = state.next_player() == Color::kBlack ? "black" : "white";
  std::vector<int> gnugo_legal = parse_vertex_list(size, gnugo->ask("all_legal " + color));
  CHECK_FALSE(std::binary_search(gnugo_legal.begin(), gnugo_legal.end(), refused.point));
  CHECK(gnugo->ask("is_legal " + color + " " + refused_vertex) == "0");

  // Meanwhile GNU Go allows moves that repeat an earlier position. Play one and compare.
  std::vector<int> ours = state.legal_points();
  std::vector<int> repeating;
  std::set_difference(gnugo_legal.begin(), gnugo_legal.end(), ours.begin(), ours.end(),
                      std::back_inserter(repeating));
  REQUIRE_FALSE(repeating.empty());
  int point = repeating.front();
  int age = textbook.age_of_repetition(state, point);
  INFO("GNU Go allows " << point_to_gtp(size, point) << ", repeating the position " << age
                        << " moves back");
  REQUIRE(age > 1);
  CHECK_FALSE(state.is_legal(Move::play(point)));
  GameState earlier(size);
  for (size_t i = 0; i + static_cast<size_t>(age) < played.size(); ++i) earlier.play(played[i]);
  std::vector<GtpReply> after = gnugo->send_all({"play " + color + " " + point_to_gtp(size, point),
                                                 "list_stones black", "list_stones white"});
  REQUIRE(after[0].success);
  CHECK(parse_vertex_list(size, after[1].text) == stones_of(earlier.board(), Color::kBlack));
  CHECK(parse_vertex_list(size, after[2].text) == stones_of(earlier.board(), Color::kWhite));
}
