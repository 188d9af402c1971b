#include "tests/catch.h"

#include <string>

#include "engine/handicap.h"
#include "engine/playout.h"
#include "engine/sgf/sgf_reader.h"
#include "engine/sgf/sgf_writer.h"

using namespace dlgo;

namespace {

// A random game on `size`, optionally after a fixed handicap, stopped after `max_moves`.
GameState random_game(int size, int handicap, int max_moves, std::uint64_t seed) {
  GameState game = GameState::new_game(size);
  if (handicap > 0) game.place_handicap(fixed_handicap_points(game.size(), handicap).points);
  Rng rng(seed);
  play_random_game(game, rng, max_moves);
  return game;
}

void check_same_moves(const GameState& game, const GameState& replayed) {
  REQUIRE(replayed.size() == game.size());
  std::vector<Move> expected;
  for (Move m : game.moves()) {
    if (!m.is_resign()) expected.push_back(m);
  }
  CHECK(replayed.moves() == expected);
  CHECK(replayed.board() == game.board());
  CHECK(replayed.prisoners(Color::kBlack) == game.prisoners(Color::kBlack));
  CHECK(replayed.prisoners(Color::kWhite) == game.prisoners(Color::kWhite));
}

}  // namespace

TEST_CASE("values are escaped for writing") {
  CHECK(escape_sgf_value("plain") == "plain");
  CHECK(escape_sgf_value("a]b\\c:d\n") == "a\\]b\\\\c:d\n");
  CHECK(escape_sgf_value("") == "");
}

TEST_CASE("a collection written back reads as the same collection") {
  std::string text =
      "(;FF[4]GM[1]SZ[9]C[a \\] b \\\\ c\\\nd\nline two]AB[aa][bb]\n;B[ee](;W[cc];B[gg]"
      "(;W[cg]C[deep])(;W[gc]))(;W[gc];B[])(;W[])\n)\n(;GN[second game];B[aa])";
  SgfCollection original = parse_sgf(text);
  std::string written = write_sgf(original);
  SgfCollection again = parse_sgf(written);
  CHECK(same_content(original, again));
  CHECK(write_sgf(again) == written);
  CHECK(written.find("C[a \\] b \\\\ cd\nline two]") != std::string::npos);
  CHECK(write_sgf(parse_sgf("(;B[aa](;W[bb])(;W[cc]))")) == "(;B[aa](;W[bb])(;W[cc]))\n");
}

TEST_CASE("a collection built by hand is written with escapes and reads back the same") {
  SgfCollection built("built.sgf");
  int root = built.add_node(SgfCollection::kNone);
  built.add_property("GM", 0);
  built.add_value("1");
  built.add_property("C", 0);
  built.add_value("tricky ] \\ value");
  int move = built.add_node(root);
  built.add_property("B", 0);
  built.add_value("pd");
  built.add_node(root);
  built.add_property("B", 0);
  built.add_value("");
  CHECK(built.child_count(root) == 2);
  CHECK(built.node(move).parent == root);
  std::string text = write_sgf(built);
  CHECK(text == "(;GM[1]C[tricky \\] \\\\ value](;B[pd])(;B[]))\n");
  CHECK(same_content(built, parse_sgf(text)));
}

TEST_CASE("same_content notices a changed value, shape or game count") {
  SgfCollection base = parse_sgf("(;B[aa](;W[bb])(;W[cc]))");
  CHECK(same_content(base, parse_sgf("(;B[aa](;W[bb])(;W[cc]))")));
  CHECK_FALSE(same_content(base, parse_sgf("(;B[aa](;W[bb])(;W[cd]))")));
  CHECK_FALSE(same_content(base, parse_sgf("(;B[aa];W[bb];W[cc])")));
  CHECK_FALSE(same_content(base, parse_sgf("(;B[aa](;W[bb])(;W[cc]))(;B[aa])")));
  CHECK_FALSE(same_content(base, parse_sgf("(;B[aa](;W[bb])(;B[cc]))")));
}

TEST_CASE("deeply nested variations are written without recursion") {
  const int depth = 100000;
  std::string text;
  for (int i = 0; i < depth; ++i) text += "(;B[aa]";
  text += std::string(depth, ')');
  SgfCollection c = parse_sgf(text);
  std::string written = write_sgf(c);
  // A single child continues the sequence, so the chain comes back as one flat game.
  CHECK(written.size() == 2 + 6 * static_cast<std::size_t>(depth) + 1);
  CHECK(same_content(c, parse_sgf(written)));
}

TEST_CASE("a game record written and read back keeps moves, setup and game info") {
  GameRecord record;
  record.source = "written.sgf";
  record.size = BoardSize{13, 13};
  record.info.black_player = "Black ] player \\ one";
  record.info.white_player = "White\nplayer";
  record.info.black_rank = "2d";
  record.info.white_rank = "1k";
  record.info.komi = 6.5;
  record.info.handicap = 0;
  record.info.result = "W+6.5";
  record.info.date = "2024-05-01";
  record.info.rules = "Chinese";
  record.info.event = "club [league]";
  record.info.game_name = "round 3";
  record.setup = {{point_of(record.size, 2, 2), Color::kBlack, 0},
                  {point_of(record.size, 10, 10), Color::kWhite, 0}};
  record.first_player = Color::kWhite;
  record.moves = {{Color::kWhite, Move::play(point_of(record.size, 3, 9))},
                  {Color::kBlack, Move::pass()},
                  {Color::kWhite, Move::play(point_of(record.size, 9, 3))}};
  std::string text = write_sgf(record);
  CHECK(text.rfind("(;GM[1]FF[4]CA[UTF-8]AP[dlgo]SZ[13]KM[6.5]", 0) == 0);
  CHECK(text.find("PB[Black \\] player \\\\ one]") != std::string::npos);
  CHECK(text.find("PW[White player]") != std::string::npos);
  CHECK(text.find(";B[]") != std::string::npos);

  GameRecord back = read_game_record(parse_sgf(text));
  CHECK(back.size == record.size);
  CHECK(back.info.black_player == record.info.black_player);
  CHECK(back.info.white_player == "White player");
  CHECK(back.info.black_rank == "2d");
  CHECK(back.info.white_rank == "1k");
  CHECK(back.info.komi == record.info.komi);
  CHECK(back.info.result == "W+6.5");
  CHECK(back.info.date == "2024-05-01");
  CHECK(back.info.rules == "Chinese");
  CHECK(back.info.event == "club [league]");
  CHECK(back.info.game_name == "round 3");
  CHECK(back.info.application == "dlgo");
  CHECK(back.first_player == Color::kWhite);
  REQUIRE(back.setup.size() == 2);
  CHECK(back.setup[0].point == record.setup[0].point);
  CHECK(back.setup[1].color == Color::kWhite);
  REQUIRE(back.moves.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(back.moves[i].color == record.moves[i].color);
    CHECK(back.moves[i].move == record.moves[i].move);
  }
}

TEST_CASE("rectangular boards and setup after a move are written in their own form") {
  GameRecord record;
  record.size = BoardSize{7, 5};
  record.moves = {{Color::kBlack, Move::play(0)}, {Color::kWhite, Move::play(6)}};
  record.setup = {{34, Color::kWhite, 1}, {33, Color::kEmpty, 1}};
  std::string text = write_sgf(record);
  CHECK(text.find("SZ[7:5]") != std::string::npos);
  CHECK(text.find(";AW[ga]AE[fa]\n;W[ge]") != std::string::npos);
  GameRecord back = read_game_record(parse_sgf(text));
  CHECK(back.size == record.size);
  REQUIRE(back.setup.size() == 2);
  CHECK(back.setup[0].moves_before == 1);
  CHECK(back.setup[1].color == Color::kEmpty);
}

TEST_CASE("a finished random game written from its GameState replays to the same game") {
  for (int size : {5, 9, 13, 19}) {
    for (std::uint64_t seed : {1u, 2u, 3u}) {
      INFO("size " << size << " seed " << seed);
      GameState game = random_game(size, 0, 100000, seed);
      REQUIRE(game.is_over());
      GameInfo info;
      info.black_player = "random-b";
      info.white_player = "random-w";
      info.date = "2024-01-02";
      std::string text = write_game_sgf(game, info);
      GameRecord record = read_game_record(parse_sgf(text, "random.sgf"));
      CHECK(record.info.result == game.result().to_string());
      CHECK(*record.info.komi == game.rules().komi);
      CHECK(record.info.application == "dlgo");
      CHECK(record.info.handicap == 0);
      check_same_moves(game, replay_game(record));
    }
  }
}

TEST_CASE("a handicap game written from its GameState: AB, HA and White first") {
  GameState game = random_game(19, 4, 120, 7);
  CHECK_FALSE(game.is_over());
  std::vector<int> stones = fixed_handicap_points(game.size(), 4).points;
  std::vector<SetupStone> setup;
  for (int p : stones) setup.push_back(SetupStone{p, Color::kBlack});
  std::string text = write_game_sgf(game, GameInfo{}, setup);
  CHECK(text.find("HA[4]") != std::string::npos);
  CHECK(text.find("AB[") != std::string::npos);
  CHECK(text.find("RE[") == std::string::npos);  // unfinished: no result
  GameRecord record = read_game_record(parse_sgf(text));
  CHECK(record.info.handicap == 4);
  CHECK(record.moves.front().color == Color::kWhite);
  check_same_moves(game, replay_game(record));

  // Without the setup list the writer finds the handicap stones on the board.
  GameState fresh = random_game(9, 2, 0, 1);
  GameRecord derived = read_game_record(parse_sgf(write_game_sgf(fresh, GameInfo{})));
  CHECK(derived.info.handicap == 2);
  CHECK(derived.setup.size() == 2);
  CHECK(replay_game(derived).next_player() == Color::kWhite);
}

TEST_CASE("a resigned game is written with RE and without a resign move") {
  GameState game = GameState::new_game(9);
  game.play(Move::play(40));
  game.play(Move::play(10));
  game.play(Move::resign());
  std::string text = write_game_sgf(game, GameInfo{});
  CHECK(text.find("RE[W+R]") != std::string::npos);  // Black, to move, resigned
  GameRecord record = read_game_record(parse_sgf(text));
  CHECK(record.moves.size() == 2);
  check_same_moves(game, replay_game(record));
}

TEST_CASE("colours follow the game even when it started with White to move") {
  GameState game = GameState::new_game(9);
  game.add_setup_stone(40, Color::kBlack);
  game.add_setup_stone(41, Color::kWhite);
  game.set_next_player(Color::kWhite);
  game.play(Move::play(0));
  game.play(Move::pass());
  std::string text = write_game_sgf(game, GameInfo{});
  CHECK(text.find("HA[") == std::string::npos);
  GameRecord record = read_game_record(parse_sgf(text));
  CHECK(record.moves[0].color == Color::kWhite);
  CHECK(record.moves[1].color == Color::kBlack);
  check_same_moves(game, replay_game(record));
  CHECK(replay_game(record).next_player() == game.next_player());
}
