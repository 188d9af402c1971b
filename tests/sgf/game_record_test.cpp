#include "tests/catch.h"

#include <string>

#include "engine/ascii_board.h"
#include "engine/sgf/game_record.h"
#include "engine/sgf/sgf_reader.h"

using namespace dlgo;

namespace {

GameRecord record_of(const std::string& text) {
  return read_game_record(parse_sgf(text, "test.sgf"));
}

Color stone_at(const GameState& state, const char* vertex) {
  return state.board().at(*gtp_to_point(state.size(), vertex));
}

// The error reading and replaying `text` raises; fails the test when there is none.
SgfError error_of(const std::string& text) {
  try {
    replay_game(record_of(text));
  } catch (const SgfError& e) {
    return e;
  }
  FAIL("no error for " << text);
  throw std::logic_error("unreachable");
}

// A KGS record as the server writes it: game info in the root, handicap stones spread over
// lines, White moving first. Black captures White's corner stone at A19 with move 8 and the
// stone at Q13 with move 20 (B[og]).
const char* const kKgsHandicapGame = R"((;GM[1]FF[4]
SZ[19]
PW[kata_fan]
WR[3d]
PB[ladder\]breaker]
BR[1k]
DT[2015-03-14]
PC[The KGS Go Server at http://www.gokgs.com/]
KM[0.50]
RE[W+Resign]
RU[Japanese]
OT[5x30 byo-yomi]
CA[UTF-8]
ST[2]
AP[CGoban:3]
TM[600]
HA[2]
AB[pd]

[dp]
;W[qp]BL[599.2];B[oq]WL[598.1];W[dd];B[fc];W[aa]C[a corner stone?];B[ba];W[cc];B[ab]
;W[qj];B[cf];W[jd];B[jq];W[qf];B[ph];W[ce];B[df];W[nc];B[pf];W[pg];B[qg]
;W[rf];B[og];W[qh];B[rg];W[rh];B[sf];W[re];B[sg];W[se];B[sh]))";

}  // namespace

TEST_CASE("a KGS handicap game: every game-info property is read") {
  GameRecord record = record_of(kKgsHandicapGame);
  CHECK(record.source == "test.sgf");
  CHECK(record.size == BoardSize{19, 19});
  CHECK(record.info.white_player == "kata_fan");
  CHECK(record.info.black_player == "ladder]breaker");
  CHECK(record.info.white_rank == "3d");
  CHECK(record.info.black_rank == "1k");
  CHECK(record.info.date == "2015-03-14");
  CHECK(record.info.result == "W+Resign");
  CHECK(record.info.rules == "Japanese");
  CHECK(record.info.application == "CGoban:3");
  REQUIRE(record.info.komi);
  CHECK(*record.info.komi == 0.5);
  CHECK(record.info.handicap == 2);
  REQUIRE(record.setup.size() == 2);
  CHECK(record.setup[0].point == *gtp_to_point(record.size, "Q16"));
  CHECK(record.setup[1].point == *gtp_to_point(record.size, "D4"));
  CHECK(record.setup[0].color == Color::kBlack);
  REQUIRE(record.moves.size() == 30);
  CHECK(record.moves[0].color == Color::kWhite);
  CHECK(record.moves[0].move == Move::play(*gtp_to_point(record.size, "R4")));
  CHECK(record.moves[29].color == Color::kBlack);
  CHECK(record_move_text(record.size, record.moves[29]) == "B[sh]");
}

TEST_CASE("a KGS handicap game replays with White first and its captures") {
  GameRecord record = record_of(kKgsHandicapGame);
  GameReplay replay(record);
  CHECK(replay.state().next_player() == Color::kWhite);
  CHECK(replay.state().rules().komi == 0.5);
  CHECK(stone_at(replay.state(), "Q16") == Color::kBlack);
  CHECK(stone_at(replay.state(), "D4") == Color::kBlack);
  CHECK(replay.state().board().stone_count(Color::kBlack) == 2);
  CHECK(replay.next_move_number() == 1);
  CHECK(replay.next_move().color == Color::kWhite);
  replay.step();
  CHECK(stone_at(replay.state(), "R4") == Color::kWhite);
  while (replay.next_move_number() < 8) replay.step();
  CHECK(stone_at(replay.state(), "A19") == Color::kWhite);
  replay.step();  // B[ab]
  CHECK(stone_at(replay.state(), "A19") == Color::kEmpty);
  CHECK(replay.state().prisoners(Color::kBlack) == 1);
  while (!replay.done()) replay.step();
  const GameState& end = replay.state();
  CHECK(end.moves().size() == 30);
  CHECK(end.next_player() == Color::kWhite);
  CHECK(stone_at(end, "Q13") == Color::kEmpty);
  CHECK(end.prisoners(Color::kBlack) == 2);
  CHECK(end.prisoners(Color::kWhite) == 0);
  CHECK(end.board().stone_count(Color::kBlack) == 2 + 15);
  CHECK(end.board().stone_count(Color::kWhite) == 15 - 2);
}

TEST_CASE("passes are B[] everywhere and B[tt] on boards up to 19x19") {
  GameRecord record = record_of("(;FF[3]SZ[19];B[pd];W[tt];B[];W[dd])");
  REQUIRE(record.moves.size() == 4);
  CHECK(record.moves[1].move == Move::pass());
  CHECK(record.moves[2].move == Move::pass());
  // A game resumes after two passes, as KGS games do after a disputed count.
  GameState end = replay_game(record);
  CHECK(end.moves().size() == 4);
  CHECK(stone_at(end, "D16") == Color::kWhite);
  CHECK(end.consecutive_passes() == 0);

  GameRecord big = record_of("(;SZ[21];B[tt];W[])");
  CHECK(big.moves[0].move == Move::play(point_of(big.size, 21 - 1 - 19, 19)));
  CHECK(big.moves[1].move == Move::pass());
}

TEST_CASE("rectangular boards: SZ[width:height]") {
  GameRecord record = record_of("(;SZ[9:5];B[ia];W[ae])");
  CHECK(record.size == BoardSize{9, 5});
  GameState end = replay_game(record);
  CHECK(end.size() == BoardSize{9, 5});
  CHECK(stone_at(end, "J5") == Color::kBlack);
  CHECK(stone_at(end, "A1") == Color::kWhite);
}

TEST_CASE("setup stones: AB/AW/AE in the root and in later nodes before the first move") {
  GameRecord record = record_of("(;SZ[9]AB[aa][bb]AW[cc];AE[aa]AB[dd];AW[bb]PL[W];W[ee];B[ff])");
  CHECK(record.setup.size() == 6);
  CHECK(record.setup[3].color == Color::kEmpty);
  CHECK(record.setup[4].color == Color::kBlack);
  CHECK(record.setup[5].color == Color::kWhite);
  CHECK(record.first_player == Color::kWhite);
  GameReplay replay(record);
  const GameState& start = replay.state();
  CHECK(stone_at(start, "A9") == Color::kEmpty);
  CHECK(stone_at(start, "B8") == Color::kWhite);  // AB then AW: the later one holds
  CHECK(stone_at(start, "C7") == Color::kWhite);
  CHECK(stone_at(start, "D6") == Color::kBlack);
  CHECK(start.next_player() == Color::kWhite);
  CHECK(start.move_index_of_stone(*gtp_to_point(start.size(), "D6")) == -1);
  while (!replay.done()) replay.step();
  CHECK(stone_at(replay.state(), "E5") == Color::kWhite);
  CHECK(stone_at(replay.state(), "F4") == Color::kBlack);
}

TEST_CASE("compressed point lists cover a rectangle") {
  GameRecord record = record_of("(;SZ[9]AB[aa:cb][ii]AW[ec:dd])");
  GameState start = replay_game(record);
  CHECK(start.board().stone_count(Color::kBlack) == 7);
  CHECK(start.board().stone_count(Color::kWhite) == 4);
  CHECK(stone_at(start, "C8") == Color::kBlack);
  CHECK(stone_at(start, "D6") == Color::kWhite);
  CHECK(stone_at(start, "J1") == Color::kBlack);
}

TEST_CASE("setup leaving a chain without liberties is refused, not replayed from another board") {
  // Filling the board's last point used to take the whole chain off: an empty board, silently.
  SECTION("a full board, then a move") {
    std::string text = "(;GM[1]SZ[9]AB[aa:ii];W[ai])";
    SgfError e = error_of(text);
    CHECK(e.reason() ==
          "setup leaves a black chain without liberties at A1 (setup captures nothing, and no game "
          "reaches such a position)");
    CHECK(e.offset() == text.find("AB["));
  }
  SECTION("a stone surrounded by later setup stones") {
    std::string text = "(;SZ[9]AB[aa]AW[ab][ba];B[ee])";
    SgfError e = error_of(text);
    CHECK(e.reason().rfind("setup leaves a black chain without liberties at A9 ", 0) == 0);
    CHECK(e.offset() == text.find("AB["));
  }
  SECTION("handicap stones filling the board") {
    SgfError e = error_of("(;SZ[3]HA[1]AB[aa:cc];W[])");
    CHECK(e.reason().rfind("setup leaves a black chain without liberties at A1 ", 0) == 0);
  }
  SECTION("a setup with a liberty left stays as written") {
    GameState start = replay_game(record_of("(;SZ[9]AB[aa:ih];W[ai])"));
    CHECK(start.board().stone_count(Color::kBlack) == 72);
    CHECK(stone_at(start, "A1") == Color::kWhite);
  }
}

TEST_CASE("handicap: all-Black setup with HA means White moves first") {
  GameState start = replay_game(record_of("(;SZ[9]HA[2]AB[cg][gc])"));
  CHECK(start.next_player() == Color::kWhite);
  // Without HA the same stones are plain setup: Black is to move.
  CHECK(replay_game(record_of("(;SZ[9]AB[cg][gc])")).next_player() == Color::kBlack);
}

TEST_CASE("handicap without AB stones gets the fixed points when White moves first") {
  GameRecord record = record_of("(;SZ[19]HA[4]KM[0.5];W[qc];B[cc])");
  GameReplay replay(record);
  CHECK(replay.state().board().stone_count(Color::kBlack) == 4);
  for (const char* star : {"D4", "Q16", "D16", "Q4"}) {
    CHECK(stone_at(replay.state(), star) == Color::kBlack);
  }
  CHECK(replay.state().next_player() == Color::kWhite);
  // Handicap stones played as Black moves (old servers): no stones are added.
  GameState played = replay_game(record_of("(;SZ[19]HA[2];B[pd];W[];B[dp];W[qc])"));
  CHECK(played.board().stone_count(Color::kBlack) == 2);
  SgfError e = error_of("(;SZ[5]HA[3];W[aa])");
  CHECK_THAT(e.reason(), Catch::Contains("HA[3] without handicap stones"));
}

TEST_CASE("the record's colours are honoured when they do not alternate") {
  GameRecord record = record_of("(;SZ[9];B[aa];B[bb];W[cc];W[dd];B[ee])");
  GameReplay replay(record);
  replay.step();
  CHECK(replay.state().next_player() == Color::kWhite);
  replay.step();
  CHECK(stone_at(replay.state(), "B8") == Color::kBlack);
  while (!replay.done()) replay.step();
  CHECK(stone_at(replay.state(), "D6") == Color::kWhite);
  CHECK(stone_at(replay.state(), "E5") == Color::kBlack);
  CHECK(replay.state().next_player() == Color::kWhite);
}

TEST_CASE("only the main line of a game with variations is read") {
  GameRecord record = record_of("(;SZ[9];B[ee](;W[cc];B[gg](;W[cg])(;W[gc]))(;W[gc]))");
  REQUIRE(record.moves.size() == 4);
  CHECK(record_move_text(record.size, record.moves[3]) == "W[cg]");
}

TEST_CASE("every game of a collection becomes a record") {
  std::vector<GameRecord> records =
      read_game_records("(;SZ[9]PB[first];B[ee])\n(;SZ[13]PB[second];B[gg];W[dd])", "two.sgf");
  REQUIRE(records.size() == 2);
  CHECK(records[0].info.black_player == "first");
  CHECK(records[1].size == BoardSize{13, 13});
  CHECK(records[1].moves.size() == 2);
  CHECK(records[1].source == "two.sgf");
}

TEST_CASE("old FF[1]-FF[3] records: long property names and tt passes") {
  GameRecord record =
      record_of("(;GaMe[1]SiZe[9]KoMi[5,5]AddBlack[cc];White[gg];Black[tt];White[ee])");
  CHECK(record.size == BoardSize{9, 9});
  CHECK(*record.info.komi == 5.5);
  CHECK(record.setup.size() == 1);
  REQUIRE(record.moves.size() == 3);
  CHECK(record.moves[1].move == Move::pass());
}

TEST_CASE("simple text values read as one line") {
  GameRecord record = record_of("(;PB[  Lee\nSedol ]PW[Honinbo\\\nShusaku]RE[B+R])");
  CHECK(record.info.black_player == "Lee Sedol");
  CHECK(record.info.white_player == "HoninboShusaku");
  CHECK(record.info.result == "B+R");
  CHECK_FALSE(record.info.komi);
}

TEST_CASE("illegal moves are errors naming the move number, the move and the reason") {
  SECTION("occupied point") {
    std::string text = "(;SZ[9];B[ee];W[cc];B[ee])";
    try {
      replay_game(record_of(text));
      FAIL("no error");
    } catch (const SgfIllegalMoveError& illegal) {
      CHECK(illegal.move_number() == 3);
      CHECK(illegal.move() == "B[ee]");
      CHECK(illegal.offset() == text.rfind("B[ee]"));
      CHECK(std::string(illegal.what()) == "test.sgf: byte " + std::to_string(text.rfind("B[ee]")) +
                                               ": move 3 B[ee] is illegal: E5 is occupied");
    }
  }
  SECTION("suicide") {
    SgfError e = error_of("(;SZ[9];B[ba];W[];B[ab];W[aa])");
    CHECK(e.reason() == "move 4 W[aa] is illegal: A9 is suicide");
  }
  SECTION("ko") {
    // Black takes White's C6 stone by playing D6; White may not retake at once.
    SgfError e = error_of("(;SZ[9]AB[bd][ce][cc]AW[cd][dc][de][ed];B[dd];W[cd])");
    CHECK(e.reason() == "move 2 W[cd] is illegal: C6 breaks the positional ko rule");
  }
  SECTION("a move onto a setup stone") {
    SgfError e = error_of("(;SZ[9]AB[ee];W[ee])");
    CHECK(e.reason() == "move 1 W[ee] is illegal: E5 is occupied");
  }
}

TEST_CASE("bad property values are errors at the property's offset") {
  struct Case {
    std::string text;
    std::string property;
    std::string reason;
  };
  std::vector<Case> cases = {
      {"(;SZ[abc])", "SZ", "bad board size SZ[abc]"},
      {"(;SZ[30])", "SZ", "unsupported board size SZ[30] (boards from 2x2 to 25x25)"},
      {"(;SZ[19:1])", "SZ", "unsupported board size SZ[19:1] (boards from 2x2 to 25x25)"},
      {"(;GM[2])", "GM", "not a game of Go: GM[2] (Go is GM[1])"},
      {"(;KM[six])", "KM", "bad komi KM[six]"},
      {"(;HA[-1])", "HA", "bad handicap HA[-1]"},
      {"(;SZ[9];B[zz])", "B", "bad move B[zz]: not a point on a 9x9 board nor a pass"},
      {"(;SZ[9];B[jj])", "B", "bad move B[jj]: not a point on a 9x9 board nor a pass"},
      {"(;SZ[21];W[vv])", "W", "bad move W[vv]: not a point on a 21x21 board nor a pass"},
      {"(;B[aa][bb])", "B", "a move needs exactly one value: B[aa]"},
      {"(;B[aa]W[bb])", "W", "a node holds two moves: W[bb]"},
      {"(;AB[tt])", "AB", "bad point AB[tt]: not a point on a 19x19 board"},
      {"(;SZ[9]AW[aa:zz])", "AW", "bad point AW[zz]: not a point on a 9x9 board"},
      {"(;PL[X])", "PL", "bad player PL[X] (PL is B or W)"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    SgfError e = error_of(c.text);
    CHECK(e.reason() == c.reason);
    CHECK(e.offset() == c.text.find(c.property + "["));
    CHECK(e.source() == "test.sgf");
  }
}

TEST_CASE("setup after a move stops the replay before it, with an error") {
  GameRecord record = record_of("(;SZ[9];B[ee];W[cc];AB[gg];B[cg])");
  CHECK(record.setup.size() == 1);
  CHECK(record.setup[0].moves_before == 2);
  GameReplay replay(record);
  replay.step();
  try {
    replay.step();
    FAIL("no error");
  } catch (const SgfError& e) {
    CHECK(e.reason() == "setup stones after move 2 are not supported (only before the first move)");
  }
  CHECK(replay.state().moves().size() == 1);
}
